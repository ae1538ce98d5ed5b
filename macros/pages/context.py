"""The study among the others: the studies as cards, outcomes side by side by kind, a
forest-style chart, the references. Nothing is pooled."""

from __future__ import annotations

import re

import pandas as pd
from markupsafe import Markup

from .. import i18n
from ..evidence import identifiers
from ..evidence.citation import study_citation
from ..evidence.render import esc, html_id, percent, table, words
from ..evidence.source_text import source_link
from ..evidence.stats import proportion
from ..figures import figures
from ..i18n import _, printed_percent
from .charts import figure_html
from .registry import page_macro
from .study_mix import (  # noqa: F401 - the context page's words, shared with the harms
    NOT_REPORTED,
    _median_words,
    chronic_words,
    study_profiles,
    this_study,
)
from .view import View


def subgroup_size(p: dict, subgroup: str) -> int | None:
    """How many of a study's patients a subgroup row counts, from the study's phase mix
    ('chronic 51, accelerated 31, blast crisis 46'): the phases the subgroup names."""
    found = 0
    for part in str(p.get("phase_mix") or "").split(","):
        match = re.fullmatch(r"\s*(.*\S)\s+(\d+)\s*", part)
        if match and re.search(rf"\b{re.escape(match[1])}\b", subgroup, re.IGNORECASE):
            found += int(match[2])
    return found or None


def subgroup_words(p: dict, subgroup: str) -> str:
    """A row of one phase only, against its study's mix: 'this row: chronic phase only (51
    patients); whole study 40% in chronic phase'."""
    size = subgroup_size(p, subgroup)
    if size is None or p["chronic"] is None:  # not a phase (a dose schedule, say)
        return chronic_words(p)
    return _("this row: {subgroup} only ({n} patients); whole study {share} in chronic"
             " phase").format(
        subgroup=subgroup, n=size, share=percent(p["chronic"] / p["n"]))


def chronic_short(p: dict) -> str:
    if p["chronic"] is None:
        return _("phase mix not reported")
    return _("{share} in chronic phase").format(share=percent(p["chronic"] / p["n"]))


def context_rows(v: View) -> pd.DataFrame:
    """One row per study and outcome, in the order of the outcome kinds: this cohort's
    from its summary rows, then the others'; exact intervals only where n and N are known."""
    kinds = {k["id"]: k for k in v.ev.rows("context_outcome_kinds")}
    records = []
    s = v.ev.study
    fu = _median_words(v, s["follow_up"]) if s["follow_up"] else None
    for row in v.ev.rows("summary_outcomes"):
        if row["context_outcome"] is None:
            continue
        p = v.ev.proportion(row["count"], row["of"])
        m = v.ev.measure(row["count"], row["of"])
        records.append({
            "sid": s["id"], "study": this_study(v), "subgroup": None,
            "key": row["context_outcome"],
            "reported_as": row["outcome"], "n": p.n, "total": p.total,
            "percent": 100 * p.value, "low": 100 * p.low, "high": 100 * p.high,
            "printed": m.printed, "ci": "exact",
            "timepoint": _("last follow-up ({follow_up})").format(follow_up=fu) if fu
            else _("last follow-up"),
            "source": v.ev.counts[row["count"]]["source"],
        })
    studies = {s["id"]: s for s in v.ev.rows("context_studies")}
    for row in v.ev.rows("context_outcomes"):
        known = row["n"] is not None and row["total"] is not None
        p = proportion(row["n"], row["total"], v.ev.method, v.ev.level) if known else None
        printed_ci = row["printed_low"] is not None and row["printed_high"] is not None
        records.append({
            "sid": row["study"], "study": studies[row["study"]]["label"],
            "subgroup": row["subgroup"],
            "key": row["outcome"], "reported_as": row["reported_as"],
            "n": row["n"] if known else None, "total": row["total"] if known else None,
            "percent": 100 * p.value if known else row["printed_percent"],
            "low": 100 * p.low if known else row["printed_low"],
            "high": 100 * p.high if known else row["printed_high"],
            "printed": row["printed_percent"], "timepoint": row["timepoint"],
            "ci": "exact" if known else "printed" if printed_ci else None,
            "count": row["n"], "source": row["source"],
        })
    frame = pd.DataFrame.from_records(records)
    order = {k: i for i, k in enumerate(kinds)}
    frame["outcome"] = frame["key"].map(lambda k: kinds[k]["label"])
    frame = frame.sort_values("key", key=lambda s: s.map(order), kind="stable") \
        .reset_index(drop=True)
    frame["who"] = [_who(r) for r in frame.itertuples()]
    # Two results of one study and subgroup under one kind (survival at 5 and at 10 years)
    # are told apart by their time point.
    twice = frame.duplicated(["key", "who"], keep=False)
    frame.loc[twice, "who"] = [f"{w}, {t}" for w, t in
                               zip(frame.loc[twice, "who"], frame.loc[twice, "timepoint"],
                                   strict=True)]
    return frame


def _who(r) -> str:
    return r.study + (f", {r.subgroup}" if isinstance(r.subgroup, str) and r.subgroup else "")


def who(r) -> str:
    return r.who if hasattr(r, "who") else _who(r)


def chart_label(r, p: dict) -> str:
    """A chart row: who; with what and how many in chronic phase; how late the relapse; when
    the result was taken (a time point, or the follow-up)."""
    relapse = (_("transplant to relapse: {when}").format(when=p["transplant_to_relapse"])
               if p["known_relapse"] else _("time from transplant to relapse not reported"))
    chronic = chronic_short(p)
    if isinstance(r.subgroup, str) and r.subgroup and p["chronic"] is not None:
        # a subgroup's own phase may differ from the mix of the study it belongs to
        chronic = _("whole study {share} in chronic phase").format(
            share=percent(p["chronic"] / p["n"]))
    return " \u00b7 ".join([who(r), _("{treatment}, {chronic}").format(
        treatment=p["treatment"], chronic=chronic), relapse,
        _("when: {timepoint}").format(timepoint=r.timepoint)])


CHART_RESULTS = 3


def kind_chart(v: View, kind: dict, part: pd.DataFrame, profiles: dict) -> Markup:
    """One outcome's small chart and its table; the table alone where there is little to set
    side by side (fewer than CHART_RESULTS results, or results of one study only), which
    keeps the page light on a slow network."""
    tbl = outcome_table(v, kind, part, profiles)
    if len(part) < CHART_RESULTS or part["sid"].nunique() < 2:
        return tbl
    summary = pd.DataFrame({
        "label": [chart_label(r, profiles[r.sid]) for r in part.itertuples()],
        "n": part["n"].values, "total": part["total"].values,
        "percent": part["percent"].values, "low": part["low"].values,
        "high": part["high"].values, "derived": False, "level": v.ev.level,
    })
    summary["kind"] = list(part["ci"].map({"exact": "exact", "printed": "printed"})
                           .fillna("none"))
    title = kind["label"]
    fig = figures.fig_forest(summary, title, _("% of patients"),
                             _("Rows are not comparable with each other"))
    known = int((summary["kind"] == "exact").sum())
    caption = _(
        "{results} results from {studies} studies. Squares with bars: n/N reported, exact"
        " {level} interval ({known} results). Open diamonds: only a percentage was"
        " printed, with a bar only where the study printed its own interval. Each row names"
        " the study's treatment, its share of patients in chronic phase, its time from"
        " transplant to relapse and when the result was taken. Nothing is pooled.").format(
        results=len(part), studies=part["sid"].nunique(),
        level=printed_percent(v.ev.level), known=known)
    return figure_html(f"context-{kind['id'].replace('_', '-')}", title, caption, fig, tbl,
                       summary)


def outcome_table(v: View, kind: dict, part: pd.DataFrame, profiles: dict) -> Markup:
    cells = []
    for r in part.itertuples():
        p = profiles[r.sid]
        source = (source_link(r.source, v.here()) if r.sid == v.ev.study["id"]
                  else v.glossary.text(r.source))
        result = words(_("{reported_as}: {result}"), result=context_result(v, r),
                       reported_as=v.glossary.text(r.reported_as))
        when = words(_("When: {timepoint}. Source: {source}."), timepoint=r.timepoint,
                     source=source)
        cells.append([
            words(_("{study} ({treatment})"), study=v.glossary.text(who(r)),
                  treatment=p["treatment"]),
            esc(subgroup_words(p, r.subgroup) if isinstance(r.subgroup, str) and r.subgroup
                else chronic_words(p)),
            v.glossary.text(p["transplant_to_relapse"]),
            Markup(f'{result}<br><span class="of">{when}</span>')])
    note = kind["note"]
    return table([_("Study (treatment)"), _("In chronic phase at start"),
                  _("Transplant to relapse"), _("As reported")], cells, kind["label"],
                 css="evidence-table context-table",
                 notes=[v.glossary.text(note)] if note else (), searched=False)


@page_macro
def context_results(v: View) -> Markup:
    """Each kind of outcome on its own: a heading, a small chart of its results (each row
    naming the study's treatment, phase mix and time to relapse) and their table."""
    rows = context_rows(v)
    kinds = {k["id"]: k for k in v.ev.rows("context_outcome_kinds")}
    profiles = {p["id"]: p for p in study_profiles(v)}
    out = []
    for key, part in rows.groupby("key", sort=False):
        kind = kinds[key]
        out.append(f'\n\n<h3 id="context-{html_id(key)}">{esc(kind["label"])}'
                   "</h3>\n\n")
        out.append(str(kind_chart(v, kind, part, profiles)).strip())
    return Markup("\n\n" + "\n\n".join(out) + "\n\n")


def context_result(v: View, r) -> str:
    """A result as its study gave it: n/N with our exact interval (and the printed percentage
    beside it, named by its source, where it does not fit the count), or the printed
    percentage with the interval it printed, or the percentage alone."""
    if pd.notna(r.total):
        share = percent(r.percent / 100)
        if pd.notna(r.printed) and printed_percent(r.printed) != share:
            noun = v.source_noun if r.sid == v.ev.study["id"] else _("as published")
            share = _("{share}; {source}: {printed}").format(
                printed=printed_percent(r.printed), share=share, source=noun)
        return _("{n}/{total} ({share}; {level} CI {low} to {high})").format(
            n=int(r.n), total=int(r.total), share=share, level=printed_percent(v.ev.level),
            low=_whole_percent(r.low), high=_whole_percent(r.high))
    words = {"printed": printed_percent(r.printed)}
    if r.ci == "printed":
        words.update(low=printed_percent(r.low), high=printed_percent(r.high))
    if pd.notna(r.count):
        words["count"] = int(r.count)
        text = (_("{count} patients, {printed} (published CI {low} to {high})")
                if r.ci == "printed" else
                _("{count} patients, {printed} (total not given)"))
    else:
        text = (_("{printed} (published CI {low} to {high})") if r.ci == "printed"
                else _("{printed} (no count given)"))
    return text.format(**words)


def _whole_percent(value: float) -> str:
    """A percentage (0 to 100) to the nearest whole number, as the interval columns show it."""
    return printed_percent(float(f"{value:.0f}"))


@page_macro
def context_studies(v: View) -> Markup:
    """The studies in one table: what each gave, to whom (the share in chronic phase), how
    late after the transplant they relapsed, how long they were followed, and what is
    unconfirmed. On a phone each row is a card."""
    cells = []
    for p in study_profiles(v):
        name = v.glossary.text(p["label"])
        if p["unverified"]:
            name = Markup(f"{name} <em>({v.glossary.text(p['unverified'])})</em>")
        design = words(_("{design}. Source: {source}."), design=v.glossary.text(
            ", ".join([p["intervention"], p["design"], p["setting"]])),
            source=v.glossary.text(p["source"]))
        cells.append([Markup(f'{name}<br><span class="of">{design}</span>'), esc(p["n"]),
                      words(_("{share}; {mix}"), share=chronic_words(p),
                            mix=v.glossary.text(p["phase_mix"]))
                      if p["chronic"] is not None else v.glossary.text(p["phase_mix"]),
                      v.glossary.text(p["transplant_to_relapse"]),
                      v.glossary.text(p["relapse_to_treatment"]),
                      v.glossary.text(p["follow_up"])])
    return table([_("Study, treatment, design"), _("Patients"), _("In chronic phase at start"),
                  _("Transplant to relapse"), _("Relapse to treatment"), _("Follow-up")],
                 cells, _("Who was treated, how late they relapsed, how long they were"
                          " followed"), css="evidence-table context-table context-studies")


@page_macro
def references(v: View) -> Markup:
    s = v.ev.study
    ids = identifiers.identifiers(v.ev)
    entries = [(s["id"], study_citation(s))]
    # Other studies are optional: without data/context_studies.csv the list is this study.
    others = v.ev.rows("context_studies") if v.ev.has("context_studies") else []
    for c in others:
        flag = f" <em>{esc(c['unverified'][0].upper() + c['unverified'][1:])}.</em>" \
            if c["unverified"] else ""
        # Published references keep the language they were published in.
        cited = esc(c["citation"]) if i18n.language() == "en" else \
            Markup(f'<span lang="en">{esc(c["citation"])}</span>')
        entries.append((c["id"], Markup(f"{cited}{flag}")))
    # No identifier at all: said once above the list; otherwise beside each one without.
    without = sum(1 for rid, _text in entries if not identifiers.links(ids.get(rid)))
    mark = identifiers.missing_mark() if without < len(entries) else Markup("")
    items = [f'<li id="ref-{html_id(rid)}">{text}{identifiers.links(ids.get(rid)) or mark}'
             "</li>" for rid, text in entries]
    note = identifiers.missing_note(without, len(entries))
    return Markup(f'\n\n{note}\n\n<ol class="references">{"".join(items)}</ol>\n\n')


