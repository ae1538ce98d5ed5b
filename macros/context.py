"""The study among the others: the studies as cards, outcomes side by side by kind, a
forest-style chart, the references. Nothing is pooled."""

from __future__ import annotations

import pandas as pd
from markupsafe import Markup

from . import figures, i18n, identifiers
from .charts import figure_html
from .citation import study_citation
from .i18n import _, decimal, printed_percent, unit_name
from .registry import page_macro
from .render import esc, lower_first, percent, table
from .stats import proportion
from .view import View


def this_study(v: View) -> str:
    return _("{study} (this study)").format(study=v.ev.study["short_name"])


def context_rows(v: View) -> pd.DataFrame:
    """One row per study and outcome, in the order of the outcome kinds: this cohort's
    from its summary rows, then the others'; exact intervals only where n and N are known."""
    kinds = {k["id"]: k for k in v.ev.rows("context_outcome_kinds")}
    records = []
    for row in v.ev.rows("summary_outcomes"):
        if row["context_outcome"] is None:
            continue
        p = v.ev.proportion(row["count"], row["of"])
        m = v.ev.measure(row["count"], row["of"])
        records.append({
            "study": this_study(v), "subgroup": None, "key": row["context_outcome"],
            "reported_as": row["outcome"], "n": p.n, "total": p.total,
            "percent": 100 * p.value, "low": 100 * p.low, "high": 100 * p.high,
            "printed": m.printed, "timepoint": _("last follow-up"), "ci": "exact",
        })
    studies = {s["id"]: s for s in v.ev.rows("context_studies")}
    for row in v.ev.rows("context_outcomes"):
        known = row["n"] is not None and row["total"] is not None
        p = proportion(row["n"], row["total"], v.ev.method, v.ev.level) if known else None
        printed_ci = row["printed_low"] is not None and row["printed_high"] is not None
        records.append({
            "study": studies[row["study"]]["label"], "subgroup": row["subgroup"],
            "key": row["outcome"], "reported_as": row["reported_as"],
            "n": row["n"] if known else None, "total": row["total"] if known else None,
            "percent": 100 * p.value if known else row["printed_percent"],
            "low": 100 * p.low if known else row["printed_low"],
            "high": 100 * p.high if known else row["printed_high"],
            "printed": row["printed_percent"], "timepoint": row["timepoint"],
            "ci": "exact" if known else "printed" if printed_ci else None,
            "count": row["n"],
        })
    frame = pd.DataFrame.from_records(records)
    order = {k: i for i, k in enumerate(kinds)}
    frame["outcome"] = frame["key"].map(lambda k: kinds[k]["label"])
    return frame.sort_values("key", key=lambda s: s.map(order), kind="stable") \
        .reset_index(drop=True)


def who(r) -> str:
    return r.study + (f", {r.subgroup}" if isinstance(r.subgroup, str) and r.subgroup else "")


@page_macro
def forest_chart(v: View) -> Markup:
    rows = context_rows(v)
    summary = pd.DataFrame({
        "label": [f"{r.outcome} · {who(r)}" for r in rows.itertuples()],
        "n": rows["n"], "total": rows["total"], "percent": rows["percent"],
        "low": rows["low"], "high": rows["high"], "derived": False, "level": v.ev.level,
    })
    # drawn with a bar: n/N known (exact interval) or an interval printed by the study
    summary["kind"] = rows["ci"].map({"exact": "exact", "printed": "printed"}).fillna("none")
    title = _("Results reported by each study")
    note = _("Rows are not comparable with each other")
    fig = figures.fig_forest(summary, title, _("% of patients"), note)
    known = int((summary["kind"] == "exact").sum())
    printed = int((summary["kind"] == "printed").sum())
    caption = _(
        "{results} results from {studies} studies, grouped by kind of outcome. Squares with"
        " bars: n/N reported, exact {level} interval ({known} results). Open diamonds: only a"
        " percentage was printed; with a bar where the study printed its own interval"
        " ({printed} results), without one where it did not. Patients, phases, time points"
        " and definitions differ between rows; nothing is pooled, and status at last"
        " follow-up is kept apart from survival estimates.").format(
        results=len(rows), studies=rows["study"].nunique(),
        level=printed_percent(v.ev.level), known=known, printed=printed)
    return figure_html("context", title, caption, fig, outcomes_tables(v, rows), summary)


def context_result(v: View, r) -> str:
    """A result as its study printed it: n/N with our exact interval, or the printed
    percentage with the interval it printed, or the percentage alone."""
    if pd.notna(r.total):
        share = percent(r.percent / 100)
        if pd.notna(r.printed) and printed_percent(r.printed) != share:
            share = _("{printed} as printed, {share} by count").format(
                printed=printed_percent(r.printed), share=share)
        return _("{n}/{total} ({share}; {level} CI {low} to {high})").format(
            n=int(r.n), total=int(r.total), share=share, level=printed_percent(v.ev.level),
            low=_whole_percent(r.low), high=_whole_percent(r.high))
    words = {"printed": printed_percent(r.printed)}
    if r.ci == "printed":
        words.update(low=printed_percent(r.low), high=printed_percent(r.high))
    if pd.notna(r.count):
        words["count"] = int(r.count)
        text = (_("{count} patients, {printed} as printed (printed CI {low} to {high})")
                if r.ci == "printed" else
                _("{count} patients, {printed} as printed (total not given)"))
    else:
        text = (_("{printed} as printed (printed CI {low} to {high})") if r.ci == "printed"
                else _("{printed} as printed (no n/N)"))
    return text.format(**words)


def _whole_percent(value: float) -> str:
    """A percentage (0 to 100) to the nearest whole number, as the interval columns show it."""
    return printed_percent(float(f"{value:.0f}"))


def outcomes_tables(v: View, rows: pd.DataFrame) -> Markup:
    kinds = {k["label"]: k for k in v.ev.rows("context_outcome_kinds")}
    out = []
    for outcome, part in rows.groupby("outcome", sort=False):
        cells = []
        for r in part.itertuples():
            result = context_result(v, r)
            cells.append([v.glossary.text(who(r)), v.glossary.text(r.reported_as), esc(result),
                          esc(r.timepoint)])
        note = kinds[outcome]["note"]
        out.append(table([_("Study"), _("As reported"), _("Result"), _("When")], cells, outcome,
                         notes=[v.glossary.text(note)] if note else ()))
    return Markup("".join(str(t).strip() for t in out))


@page_macro
def context_studies(v: View) -> Markup:
    """Each study as a card: what it gave, to whom, for how long, and what is unconfirmed."""
    s = v.ev.study
    phases = _("not reported") if s["phase_group"] is None else ", ".join(
        f"{lower_first(p.label)} {p.n}" for p in v.ev.breakdown(s["phase_group"])
        if not p.derived and p.nested_in is None)
    fu = v.ev.duration(s["follow_up"]) if s["follow_up"] else None
    studies = [{
        "label": this_study(v), "intervention": s["intervention"],
        "design": s["design"], "setting": s["setting"],
        "n": v.ev.count(s["cohort"]), "phase_mix": phases,
        "follow_up": _("median {median} {unit}").format(
            median=decimal(fu["median"]), unit=unit_name(fu["unit"])) if fu
        else _("not reported"),
        "unverified": None if s["title_verified"] else _("full title not confirmed"),
    }, *v.ev.rows("context_studies")]
    cards = []
    for s in studies:
        facts = [(_("Treatment"), s["intervention"]), (_("Design"), s["design"]),
                 (_("Setting"), s["setting"]), (_("Patients"), s["n"]),
                 (_("Phase at start"), s["phase_mix"]), (_("Follow-up"), s["follow_up"])]
        if s["unverified"]:
            facts.append((_("Not confirmed"), s["unverified"]))
        items = "".join(f"<dt>{esc(k)}</dt><dd>{v.glossary.text(val)}</dd>" for k, val in facts)
        cards.append(f'<section class="study-card"><h3>{v.glossary.text(s["label"])}</h3>'
                     f"<dl>{items}</dl></section>")
    return Markup('\n\n<div class="study-cards">' + "".join(cards) + "</div>\n\n")


@page_macro
def references(v: View) -> Markup:
    s = v.ev.study
    ids = identifiers.identifiers(v.ev)
    entries = [(s["id"], study_citation(s))]
    for c in v.ev.rows("context_studies"):
        flag = f" <em>{esc(c['unverified'][0].upper() + c['unverified'][1:])}.</em>" \
            if c["unverified"] else ""
        # Published references keep the language they were published in.
        cited = esc(c["citation"]) if i18n.language() == "en" else \
            Markup(f'<span lang="en">{esc(c["citation"])}</span>')
        entries.append((c["id"], Markup(f"{cited}{flag}")))
    # No identifier at all: said once above the list; otherwise beside each one without.
    without = sum(1 for rid, _text in entries if not identifiers.links(ids.get(rid)))
    mark = identifiers.missing_mark() if without < len(entries) else Markup("")
    items = [f'<li id="ref-{esc(rid.lower())}">{text}{identifiers.links(ids.get(rid)) or mark}'
             "</li>" for rid, text in entries]
    note = identifiers.missing_note(without, len(entries))
    return Markup(f'\n\n{note}\n\n<ol class="references">{"".join(items)}</ol>\n\n')


