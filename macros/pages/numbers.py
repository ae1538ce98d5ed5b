"""Numbers in prose: a count, a count of its denominator, a duration, a derived reading.

Each is a span that names its source on hover and carries the count's id, so a test or a
reader can trace it; a number the audit questions carries a link to the audit note.
"""

from __future__ import annotations

from markupsafe import Markup

from ..evidence.citation import study_citation
from ..evidence.evidence import Measure
from ..evidence.render import esc, interval, lower_first, percent, printed_percent, provenance, span
from ..evidence.source_text import in_words
from ..i18n import _, decimal, ngettext, unit_name
from .registry import page_macro
from .view import View


def prov(v: View, source: str) -> str:
    return provenance(in_words(source), v.study_name)


def result_text(v: View, m: Measure, with_interval: bool = True, noun: str = "") -> str:
    """A count as a clinician writes it: n/N (%), the interval where it informs an outcome.
    A `noun` goes after n/N, before the brackets: '12/26 patients (46%; …)'. Where the
    authors printed another percentage, our count's share is shown and `printed_note` says
    what they printed, once, as a footnote."""
    counted = f" {noun}" if noun else ""
    if m.proportion is None:
        return f"{m.n}{counted}"
    p = m.proportion
    if m.role == "detail" and m.printed is None and m.basis != "chosen":
        return f"{p.n}/{p.total}{counted}"  # a split of a small group: a percentage would mislead
    share = percent(p.value)
    if with_interval and m.role == "outcome" and p.total > 2:
        share = _("{share}; {level} CI {interval}").format(
            share=share, level=percent(p.level / 100), interval=interval(p))
    return f"{p.n}/{p.total}{counted} ({share})"


def printed_differs(m: Measure) -> bool:
    return (m.printed is not None and m.proportion is not None
            and printed_percent(m.printed) != percent(m.proportion.value))


def printed_note(v: View, m: Measure) -> str:
    """What the authors printed, where it is not the share of the count shown: the
    denominator it fits instead, and another count of the same size, if there is one."""
    p = m.proportion
    words = {"source": v.source.capitalize(), "printed": printed_percent(m.printed),
             "n": m.n, "total": p.total, "exact": printed_percent(round(100 * p.value, 1))}
    fits = [d for d in m.implied if d < p.total] if m.basis == "implied" else []
    if not fits:
        return _("{source} prints {printed}; {n}/{total} is {exact}.").format(**words)
    fit = fits[0]
    text = _("{source} prints {printed}, which fits {n}/{fit}, not {n}/{total}.").format(
        fit=fit, **words)
    same = [r for r in v.ev.rows("counts")
            if r["n"] == fit and r["of"] == m.of and r["id"] != m.id and r["group"]]
    if same:
        r = same[0]
        text += " " + _("{fit} is also the number of patients reported as {label} ({group}).")\
            .format(fit=fit, label=lower_first(r["label"]),
                    group=lower_first(v.ev.group_label(r["group"])))
    return text


def number(v: View, m: Measure, text: str, marks: bool = True) -> Markup:
    """A number with its source on hover; in running text, links to the audit notes about
    it (`marks`); a table says them once, in its footnotes, instead."""
    shown = span(esc(text), "num", prov(v, m.source), count=m.id)
    return shown + v.marks(m.id) if marks else shown


@page_macro
def study(v: View, key: str) -> Markup:
    return study_citation(v.ev.study) if key == "citation" else esc(v.ev.study[key])


@page_macro
def n(v: View, cid: str) -> Markup:
    m = v.ev.measure(cid)
    return span(str(m.n), "num", prov(v, m.source), count=cid)


@page_macro
def n_patients(v: View, cid: str) -> Markup:
    """'1 patient', '26 patients': a count with its noun, agreeing in number."""
    m = v.ev.measure(cid)
    return span(esc(ngettext("{n} patient", "{n} patients", m.n).format(n=m.n)), "num",
                prov(v, m.source), count=cid)


@page_macro
def frac(v: View, cid: str, of: str | None = None) -> Markup:
    m = v.ev.measure(cid, of)
    return span(f"{m.n}/{v.ev.proportion_of(cid, of).total}", "num", prov(v, m.source),
                count=cid)


@page_macro
def prop(v: View, cid: str, of: str | None = None, noun: str = "") -> Markup:
    """n/N (%; CI) as a clinician writes it, with the audit's notes."""
    m = v.ev.measure(cid, of)
    return number(v, m, result_text(v, m, noun=noun))


@page_macro
def printed(v: View, cid: str) -> Markup:
    """The authors' printed percentage, with the denominator it implies where the source
    states none and the whole cohort does not fit it."""
    m = v.ev.measure(cid)
    return number(v, m, result_text(v, m))


@page_macro
def also(v: View, cid: str, noun: str = "") -> Markup:
    """The count against the second denominator the source's words allow."""
    m = v.ev.also(cid)
    if m is None:
        return esc("")
    counted = f" {noun}" if noun else ""
    return span(esc(f"{m.n}/{m.proportion.total}{counted} ({percent(m.proportion.value)})"), "num",
                prov(v, m.source), count=cid)


@page_macro
def caveat(v: View, cid: str) -> Markup:
    return v.glossary.text(v.ev.measure(cid).caveat or "")


@page_macro
def outside(v: View, cid: str, plain: bool = False) -> Markup:
    """Derived: how many of the larger count that `cid` lies within are not in it; `plain`
    says 'no one' for none, the word of the summary for patients."""
    left = v.ev.outside(cid)
    part = v.ev.measure(cid)
    whole = v.ev.measure(v.ev.counts[cid]["within"])
    sources = in_words("; ".join(dict.fromkeys([whole.source, part.source])))
    how = _("Worked out: the difference between two reported counts.")
    zero = _("no one") if plain else _("none")
    return span(esc(zero if left == 0 else str(left)), "num",
                f"{how} {provenance(sources, v.study_name)}")


@page_macro
def outside_count(v: View, cid: str) -> int:
    """The number `outside` writes, for a sentence whose words depend on whether it is none
    (French: 'n'en rapporte aucun' against 'en rapporte 2')."""
    return int(v.ev.outside(cid))


@page_macro
def all_or_some(v: View, cid: str) -> Markup:
    """'all 19' when a count is the whole of the count it lies within, else '17 of 19'."""
    left = v.ev.outside(cid)
    m = v.ev.measure(cid)
    whole = v.ev.count(v.ev.counts[cid]["within"])
    text = (_("all {whole}").format(whole=whole) if left == 0
            else _("{n} of {whole}").format(n=m.n, whole=whole))
    return span(esc(text), "num", prov(v, m.source), count=cid)


@page_macro
def duration(v: View, did: str) -> Markup:
    d = v.ev.duration(did)
    text = duration_text(d)
    return span(esc(text), "num", prov(v, d["source"]), duration=did) + v.marks(did)


def duration_text(d: dict) -> str:
    """'10 months (range 2 to 36)': a median with its range where the source gives one."""
    if d["low"] is None:
        return f"{decimal(d['median'])} {unit_name(d['unit'])}"
    return _("{median} {unit} (range {low} to {high})").format(
        median=decimal(d["median"]), unit=unit_name(d["unit"]), low=decimal(d["low"]),
        high=decimal(d["high"]))


@page_macro
def not_reported(v: View, gid: str) -> Markup:
    missing = sum(p.n for p in v.ev.breakdown(gid) if p.derived)
    return span(str(missing), "num", _("Worked out: the total minus the reported categories"))


@page_macro
def parts_sum(v: View, gid: str, separately: bool = False) -> Markup:
    """The sum of a group's categories; those usually counted within another are left out
    unless `separately`."""
    total = sum(p.n for p in v.ev.breakdown(gid)
                if not p.derived and (separately or p.nested_in is None))
    return span(str(total), "num", _("Worked out: the sum of the reported categories"))


@page_macro
def label(v: View, cid: str) -> Markup:
    return v.glossary.text(lower_first(v.ev.measure(cid).label))


@page_macro
def interval_method(v: View) -> Markup:
    return esc(_("{level} confidence intervals ({method} method)").format(
        level=percent(v.ev.level / 100), method=v.ev.method_name))


@page_macro
def others(v: View, cid: str) -> Markup:
    """Derived: how many of a count's denominator are not in it (the patients not in
    chronic phase, say)."""
    m = v.ev.measure(cid)
    whole = v.ev.count(m.of)
    how = _("Worked out: the difference between two reported counts.")
    return span(esc(str(whole - m.n)), "num", f"{how} {prov(v, m.source)}")


def share_phrases() -> list[tuple[float, str]]:
    return [(1 / 4, _("about a quarter")), (1 / 3, _("about a third")),
            (1 / 2, _("about half")), (2 / 3, _("about two thirds")),
            (3 / 4, _("about three quarters"))]


def share_words(value: float) -> str:
    """A share said as a clinician says it aloud: 'about half' for 12 of 26."""
    fraction, phrase = min(share_phrases(), key=lambda fp: abs(fp[0] - value))
    if abs(fraction - value) <= 0.05:
        return phrase
    if value > 0.5:
        return _("most")
    return _("a minority")


@page_macro
def about_share(v: View, cid: str, of: str | None = None, capital: bool = False) -> Markup:
    """'About half' for a count against its denominator, worked out from the data."""
    p = v.ev.proportion_of(cid, of)
    text = share_words(p.value)
    if capital:
        text = text[:1].upper() + text[1:]
    return span(esc(text), "num", prov(v, v.ev.measure(cid).source), count=cid)
