"""The evidence profile (GRADE): one row per outcome of the summary of findings, one column
per domain, every judgement's reasons as footnotes, and a statement per outcome of what the
evidence shows, in the words GRADE gives each rating."""

from __future__ import annotations

from markupsafe import Markup

from ..evidence.certainty import DOMAINS, CertaintyTable, importance_name
from ..evidence.people import raters_named
from ..evidence.render import ci_header, esc, interval, lower_first, table, words
from ..i18n import _
from .numbers import number, result_text
from .page_tables import Notes
from .registry import page_macro
from .view import View


def profile_table(v: View) -> CertaintyTable:
    return v.cached("profile", lambda: CertaintyTable(v.ev.data, every_reason=True,
                                                        anchor="profile-note"))


def _domain_names() -> list[str]:
    return [_("Risk of bias"), _("Inconsistency"), _("Indirectness"), _("Imprecision"),
            _("Publication bias")]


@page_macro
def evidence_profile(v: View) -> Markup:
    c = profile_table(v)
    notes = Notes(v)
    cohort = v.ev.count(v.ev.study["cohort"])
    rows = []
    rated_ids = [r["id"] for r in v.ev.rows("summary_outcomes") if r["id"] in c.rows]
    steps = {c.steps_text(i) for i in rated_ids}
    steps_once = len(steps) == 1 and len(rated_ids) > 1  # said once above the table
    for row in v.ev.rows("summary_outcomes"):
        if row["id"] not in c.rows:
            continue
        m = v.ev.measure(row["count"], row["of"])
        own = v.ev.measure(row["count"])
        if row["of"] == own.of:
            m = own
        rated = c.rows[row["id"]]
        rows.append([
            v.glossary.text(row["outcome"]) + Markup('<br><span class="importance">')
            + esc(importance_name(rated["importance"]).capitalize()) + Markup("</span>"),
            *[c.domain_cell(row["id"], d) for d, _label in DOMAINS],
            number(v, m, result_text(v, m, with_interval=False), marks=False) + notes.basis(m)
            + (Markup("<br>") + esc(f"{ci_header(v.ev.level)} {interval(m.proportion)}")
               if m.proportion is not None and m.proportion.total > 2 else Markup("")),
            c.rating(row["id"]) + (Markup("") if steps_once else Markup('<br><span class="steps">')
                                   + esc(c.steps_text(row["id"])) + Markup("</span>")),
        ])
    headers = [_("Outcome and its importance"), *_domain_names(),
               _("Result"), _("Certainty")]
    caption = _("Evidence profile: {n} patients in one study ({design}; {source})").format(
        n=cohort, design=v.ev.study["design"], source=v.ev.study["source_kind"])
    out = table(headers, rows, caption, css="evidence-table profile", notes=notes.all(True))
    if steps_once:
        out = Markup('\n\n<p class="profile-steps">') + words(
            _("Every outcome: {steps}"), steps=lower_first(steps.pop())) + Markup("</p>") + out
    return out + Markup('\n\n<div class="certainty-notes"><p>') \
        + words(_("Reasons for the judgements (by {judged}):"), judged=lower_first(c.judged())) \
        + Markup('</p><ul class="certainty-reasons">') + c.note_items() \
        + Markup("</ul></div>\n\n")


@page_macro
def grade_statements(v: View) -> Markup:
    """One sentence per outcome, most important outcomes first as the table lists them."""
    c = profile_table(v)
    intervention = v.ev.study["intervention"]
    items = []
    for row in v.ev.rows("summary_outcomes"):
        if row["id"] not in c.rows:
            continue
        label = lower_first(row["outcome"])
        items.append(
            Markup("<li><strong>") + v.glossary.text(row["outcome"]) + Markup("</strong> ")
            + words(_("({importance}):"),
                    importance=importance_name(c.rows[row["id"]]["importance"]))
            + Markup(" ") + v.glossary.text(c.statement(row["id"], intervention, label))
            + Markup("</li>"))
    return Markup('\n\n<ul class="grade-statements">') + Markup("").join(items) \
        + Markup("</ul>\n\n")


@page_macro
def certainty_raters(v: View) -> Markup:
    """Who rated the evidence, and when: the one place the page names the raters."""
    text = words(_("The ratings were made by {judged}."),
                 judged=lower_first(profile_table(v).judged()))
    if not raters_named(v.ev):
        text += Markup(" ") + esc(_("The raters' names are not recorded in this release."))
    return Markup("\n\n<p>") + text + Markup("</p>\n\n")
