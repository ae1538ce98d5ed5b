"""The authors' claims beside the numbers they rest on, and the questions left open."""

from __future__ import annotations

from markupsafe import Markup, escape

from ..evidence.render import esc, lower_first, table, words
from ..i18n import _
from .guidance import source
from .numbers import number, result_text
from .page_tables import members
from .registry import page_macro
from .view import View


def empty(v: View, kind: str) -> str:
    """What the numbers column says beside a claim that no number bears on."""
    return {"background": _("Reported from other studies, not a result of this cohort."),
            "judgement": _("No number in {source} bears on it.").format(source=v.source),
            "conclusion": _("No number in {source} bears on it.").format(source=v.source),
            }[kind]


def caption(v: View, kind: str) -> str:
    return {"conclusion": _("The authors' conclusions and the numbers they rest on"),
            "background": _("Background statements of {source}").format(source=v.source),
            "judgement": _("The authors' judgement")}[kind]


def numbers_line(v: View, cid: str, of: str | None = None) -> Markup:
    m = v.ev.measure(cid, of)
    label, shown = v.glossary.text(m.label), number(v, m, result_text(v, m), marks=False)
    if m.of is not None and m.basis in ("stated", "chosen") and m.of != v.ev.study["cohort"]:
        named = members(v, m.of)
        if named and named.lower() in m.label.lower():  # the label says it already
            return words(_("{label}: {text}"), label=label, text=shown)
        if named:
            return words(_("{label} (of the {total} {members}): {number}"), label=label,
                         total=str(v.ev.count(m.of)),
                         members=v.glossary.text(members(v, m.of)), number=shown)
        return words(_("{label}: {number}, among: {whole}"), label=label, number=shown,
                     whole=v.glossary.text(lower_first(v.ev.measure(m.of).label)))
    return words(_("{label}: {text}"), label=label, text=shown)


@page_macro
def claims_table(v: View, kind: str) -> Markup:
    rows = []
    for c in (c for c in v.ev.rows("claims") if c["kind"] == kind):
        shown = []
        if c["check_of"]:  # the claim is about a share of another total: show that share
            shown.append((c["check_count"], c["check_of"]))
        shown += [(cid, c["against"]) for cid in (c["rests_on"] or ())
                  if (cid, c["against"]) not in shown]
        lines = [numbers_line(v, cid, of) for cid, of in shown]
        if c["limits"]:
            lines.append(Markup("<strong>") + escape(_("Cannot be checked with these numbers."))
                         + Markup("</strong> ") + v.glossary.text(c["limits"]))
        said = v.glossary.text(c["claim"])
        if v.ev.has("abstract") and c.get("verbatim"):
            said = source(v).claim_quote(c["id"], v.here()) + Markup(
                '<br><span class="restated">') + words(_("In plain words: {claim}"), claim=said) \
                + Markup("</span>")
        for f in v.ev.findings_for(c["id"]):
            if f.severity != "minor":
                said += Markup('<br><a class="claim-finding" href="') + v.url("audit/") \
                    + Markup(f'#{f.key}">') + esc(finding_words(f)) + Markup("</a>")
        rows.append([
            said,
            Markup("<br>").join(lines) or esc(empty(v, kind)),
        ])
    return table([_("What the authors say"), _("What {source} reports").format(source=v.source)],
                 rows, caption(v, kind))


@page_macro
def open_questions(v: View) -> Markup:
    blocks = []
    for q in v.ev.rows("open_questions"):
        lines = []
        for cid in q["evidence"] or ():
            line = numbers_line(v, cid)
            other = v.ev.also(cid)
            if other is not None and members(v, other.of):
                line = words(_("{numbers}; or, of the {total} {members}, {other}"),
                             numbers=line, other=result_text(v, other),
                             total=str(v.ev.count(other.of)),
                             members=v.glossary.text(members(v, other.of)))
            elif other is not None:
                line = words(_("{numbers}; or {other}, among: {whole}"), numbers=line,
                             other=result_text(v, other),
                             whole=v.glossary.text(lower_first(v.ev.measure(other.of).label)))
            lines.append(Markup("<li>") + line + Markup("</li>"))
        evidence = Markup('<ul class="evidence-numbers">') + Markup("").join(lines) \
            + Markup("</ul>") if lines else Markup("")
        why, shows, needed = (escape(_("Why it matters")), escape(_("What this study shows")),
                              escape(_("What kind of study would answer it")))
        blocks.append(
            f'<section class="open-question" id="{esc(q["id"].lower())}">'
            f'<h2>{v.glossary.text(q["question"])}</h2>'
            f"<dl><dt>{why}</dt>"
            f'<dd>{v.glossary.text(q["why_it_matters"])}</dd>'
            f"<dt>{shows}</dt>"
            f'<dd>{v.glossary.text(q["what_this_study_shows"])}{evidence}</dd>'
            f"<dt>{needed}</dt>"
            f'<dd>{v.glossary.text(q["study_needed"])}</dd></dl></section>'
        )
    return Markup("\n\n" + "\n".join(blocks) + "\n\n")


def finding_words(f) -> str:
    """What the audit says of a claim, in a few words, as the link to it."""
    if f.rule == "claim without comparison":
        return _("A claim of effect, from a study with no comparison group: see the audit.")
    if f.rule == "claim and count":
        return _("At odds with a reported count: see the audit.")
    return _("See the audit.")
