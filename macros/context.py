"""The study among the others: a table of studies, a forest-style chart, the references."""

from __future__ import annotations

import pandas as pd
from markupsafe import Markup

from . import figures
from .render import esc, lower_first, percent, table
from .sections import SitePages
from .stats import proportion

OUTCOMES = {
    "ccr": "Complete cytogenetic response",
    "molecular_response": "Molecular response",
    "full_donor_chimerism": "Full donor chimerism",
    "survival": "Alive or surviving",
}


class ContextPages(SitePages):
    def _this_study_label(self) -> str:
        return f"{self.ev.study['short_name']} (this study)"

    def context_rows(self) -> pd.DataFrame:
        """One row per study and outcome: this cohort's from its summary rows, then the
        others'; exact intervals only where n and N are both reported."""
        records = []
        for row in self.ev.rows("summary_outcomes"):
            if row["context_outcome"] is None:
                continue
            p = self.ev.proportion(row["count"], row["of"])
            records.append({
                "study": self._this_study_label(), "outcome": OUTCOMES[row["context_outcome"]],
                "key": row["context_outcome"], "reported_as": row["outcome"],
                "n": p.n, "total": p.total, "percent": 100 * p.value,
                "low": 100 * p.low, "high": 100 * p.high, "printed": None,
                "timepoint": "last follow-up",
            })
        studies = {s["id"]: s for s in self.ev.rows("context_studies")}
        for row in self.ev.rows("context_outcomes"):
            known = row["n"] is not None and row["total"] is not None
            p = proportion(row["n"], row["total"], self.ev.method, self.ev.level) if known else None
            records.append({
                "study": studies[row["study"]]["label"], "outcome": OUTCOMES[row["outcome"]],
                "key": row["outcome"], "reported_as": row["reported_as"],
                "n": row["n"] if known else None, "total": row["total"] if known else None,
                "percent": 100 * p.value if known else row["printed_percent"],
                "low": 100 * p.low if known else None, "high": 100 * p.high if known else None,
                "printed": row["printed_percent"], "timepoint": row["timepoint"],
            })
        frame = pd.DataFrame.from_records(records)
        order = {k: i for i, k in enumerate(OUTCOMES)}
        return frame.sort_values("key", key=lambda s: s.map(order), kind="stable") \
            .reset_index(drop=True)

    def forest_chart(self) -> Markup:
        rows = self.context_rows()
        fig = figures.fig_forest(rows[["study", "outcome", "n", "total", "percent", "low",
                                       "high"]], "Outcomes across studies")
        known = int(rows["total"].notna().sum())
        caption = (f"{len(rows)} reported outcomes from {rows['study'].nunique()} studies."
                   f" Squares with bars: n/N reported, exact {self.ev.level}% interval"
                   f" ({known} outcomes). Open diamonds: only a percentage was printed, so no"
                   " interval can be computed. Time points and definitions differ; nothing is"
                   " pooled.")
        summary = pd.DataFrame({
            "label": [f"{r.outcome}: {r.study} ({r.reported_as}; {r.timepoint})"
                      for r in rows.itertuples()],
            "n": rows["n"], "total": rows["total"], "percent": rows["percent"],
            "low": rows["low"], "high": rows["high"], "derived": False,
        })
        return self.chart("context", "Outcomes across studies", summary, caption, fig=fig)

    def context_outcomes_table(self) -> Markup:
        rows = []
        for r in self.context_rows().itertuples():
            known = pd.notna(r.total)
            rows.append([
                esc(r.outcome), self.glossary.text(r.study), self.glossary.text(r.reported_as),
                esc(f"{int(r.n)}/{int(r.total)}" if known else "not reported"),
                esc(percent(r.percent / 100) if known else f"{r.printed:g}% (printed)"),
                esc(f"{r.low:.0f}% to {r.high:.0f}%" if known else "none: no n/N"),
                esc(r.timepoint),
            ])
        return table(["Outcome", "Study", "As reported", "n/N", "%", self._ci_header(),
                      "Time point"], rows, "Comparable outcomes, study by study")

    def context_studies_table(self) -> Markup:
        phases = ", ".join(f"{lower_first(p.label)} {p.n}" for p in self.ev.breakdown("phase")
                           if not p.derived)
        fu = self.ev.duration("follow_up")
        rows = [[
            self.glossary.text(self._this_study_label()),
            self.glossary.text(self.ev.study["intervention"]),
            self.glossary.text(self.ev.study["design"]),
            self.glossary.text(self.ev.study["setting"]),
            esc(self.ev.count("patients")), self.glossary.text(phases),
            esc(f"median {fu['median']:g} {fu['unit']}"),
            esc("title beyond its first words" if not self.ev.study["title_verified"] else "–"),
        ]]
        for s in self.ev.rows("context_studies"):
            rows.append([
                self.glossary.text(s["label"]), self.glossary.text(s["intervention"]),
                self.glossary.text(s["design"]), self.glossary.text(s["setting"]),
                esc(s["n"]), self.glossary.text(s["phase_mix"]), self.glossary.text(s["follow_up"]),
                Markup(f'<strong class="unverified">unverified: {esc(s["unverified"])}</strong>')
                if s["unverified"] else esc("–"),
            ])
        return table(["Study", "Treatment", "Design", "Setting", "Patients", "Phase at start",
                      "Follow-up", "Not verified"], rows, "The studies side by side")

    def references(self) -> Markup:
        items = [f'<li id="ref-{esc(self.ev.study["id"].lower())}">{esc(self.ev.study["citation"])}'
                 + ("" if self.ev.study["title_verified"] else
                    " <em>Title verified only as far as it begins: "
                    f"{esc(self.ev.study['title_as_printed'])}</em>") + "</li>"]
        for s in self.ev.rows("context_studies"):
            flag = (f' <strong class="unverified">Unverified: {esc(s["unverified"])}.</strong>'
                    if s["unverified"] else "")
            items.append(f'<li id="ref-{esc(s["id"].lower())}">{esc(s["citation"])}{flag}</li>')
        return Markup("\n\n<ol class=\"references\">" + "".join(items) + "</ol>\n\n")
