"""The consistency audit on the page: findings that change a reading first, in plain
sentences; the minor ones (rounding habits, overlaps the categories allow) grouped apart."""

from __future__ import annotations

from markupsafe import Markup

from ..evidence.render import esc
from ..evidence.source_text import source_link
from ..i18n import _, ngettext
from .registry import page_macro
from .view import View


def headings() -> dict[str, str]:
    """The heading of each severity's findings, most severe first."""
    return {"major": _("Serious: figures that cannot be right, claims the numbers do not support"),
            "moderate": _("Categories that do not add up to their total"),
            "minor": _("Minor: rounding habits and overlaps the categories allow")}


def where(v: View, sources: tuple[str, ...]) -> Markup:
    """The sentences of the source a finding rests on, linked where the source is kept."""
    if not v.ev.has("abstract"):
        plain = sources[0] if sources else ""
        for s in sources[1:]:
            plain = _("{first}; {second}").format(first=plain, second=s)
        return esc(plain)
    # joined first, so that 'Abstract sentence 4; Abstract sentence 9' reads as one run
    return source_link("; ".join(sources), v.here())


@page_macro
def audit_findings(v: View) -> Markup:
    if not v.ev.findings:
        return Markup("\n\n<p>" + _("The audit found no inconsistency.") + "</p>\n\n")
    out = []
    for severity, heading in headings().items():
        found = [f for f in v.ev.findings if f.severity == severity]
        if not found:
            continue
        items = "".join(
            f'<li id="{esc(f.key)}"><p>{v.glossary.text(f.message)}</p>'
            f'<p class="finding-numbers">'
            + _("The numbers: {numbers}. Where: {where}.").format(
                numbers=esc(f.numbers), where=where(v, f.sources))
            + "</p></li>"
            for f in found
        )
        block = f'<h2 id="{severity}">{esc(heading)}</h2><ul class="findings">{items}</ul>'
        if severity == "minor":
            block = (f'<details class="minor-findings"><summary>{esc(heading)}'
                     f" ({len(found)})</summary><ul class=\"findings\">{items}</ul></details>")
        out.append(block)
    return Markup("\n\n" + "\n".join(out) + "\n\n")


@page_macro
def audit_count(v: View, severity: str = "all") -> Markup:
    tally = v.ev.findings_by_severity()
    return esc(sum(tally.values()) if severity == "all" else tally[severity])


@page_macro
def audit_points(v: View, severity: str = "all") -> Markup:
    """'1 point', '3 points': the audit's count with its noun, agreeing in number."""
    tally = v.ev.findings_by_severity()
    n = sum(tally.values()) if severity == "all" else tally[severity]
    return esc(ngettext("{n} point", "{n} points", n).format(n=n))


def number_word(n: int) -> str:
    """A small count in words, as a sentence says it ('two'); larger ones in figures."""
    named = {2: _("two"), 3: _("three"), 4: _("four"), 5: _("five"), 6: _("six"),
             7: _("seven"), 8: _("eight"), 9: _("nine")}
    return named.get(n, str(n))


def kind_words(n: int = 1) -> dict[str, str]:
    """What each rule's findings are, as a phrase for a sentence: one finding with its
    article ('a printed percentage ...'), several with their number in words ('two ...')."""
    if n == 1:
        return {"printed percentage": _("a printed percentage that cannot come from its count"),
                "claim and count": _("a conclusion at odds with a reported count"),
                "claim without comparison": _("a claim of effect that a study without a"
                                              " comparison group cannot support"),
                "parts and total": _("a set of categories that do not add up to their total"),
                "range": _("a median outside its range"),
                "stated twice": _("one quantity stated twice with different values")}
    k = number_word(n)
    return {rule: phrase.format(k=k) for rule, phrase in {
        "printed percentage": ngettext(
            "{k} printed percentage that cannot come from its count",
            "{k} printed percentages that cannot come from their counts", n),
        "claim and count": ngettext(
            "{k} conclusion at odds with a reported count",
            "{k} conclusions at odds with reported counts", n),
        "claim without comparison": ngettext(
            "{k} claim of effect that a study without a comparison group cannot support",
            "{k} claims of effect that a study without a comparison group cannot support", n),
        "parts and total": ngettext(
            "{k} set of categories that do not add up to their total",
            "{k} sets of categories that do not add up to their total", n),
        "range": ngettext("{k} median outside its range", "{k} medians outside their ranges", n),
        "stated twice": ngettext(
            "{k} quantity stated twice with different values",
            "{k} quantities each stated twice with different values", n)}.items()}


@page_macro
def audit_kinds(v: View, severity: str) -> Markup:
    """The kinds of the findings of one severity, each once with how many there are: 'a
    printed percentage that cannot come from its count and two conclusions at odds with
    reported counts'."""
    tally: dict[str, int] = {}
    for f in v.ev.findings:
        if f.severity == severity:
            tally[f.rule] = tally.get(f.rule, 0) + 1
    kinds = [kind_words(n).get(rule, rule) for rule, n in tally.items()]
    if not kinds:
        return esc("")
    text = kinds[0]
    for kind in kinds[1:-1]:
        text = _("{first}, {second}").format(first=text, second=kind)
    if len(kinds) > 1:
        text = _("{first} and {second}").format(first=text, second=kinds[-1])
    return esc(text)
