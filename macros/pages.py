"""What pages show, as functions of the evidence: numbers in prose, tables and charts.

Knows nothing of MkDocs: `here` is the current page's URL, used only to write relative
links. Everything returned is Markup built by render.py.
"""

from __future__ import annotations

import csv
import io
import urllib.parse
from collections.abc import Callable

import pandas as pd
from markupsafe import Markup

from . import figures
from .evidence import Evidence, Measure, Part
from .figure_block import figure_html
from .render import (
    Glossary,
    esc,
    finding_marks,
    interval,
    lower_first,
    percent,
    provenance,
    span,
    table,
)


class Pages:
    def __init__(self, evidence: Evidence, here: Callable[[], str] = lambda: "") -> None:
        self.ev = evidence
        self.here = here
        glossary = evidence.table("glossary")
        self.glossary = Glossary(dict(zip(glossary["term"], glossary["expansion"], strict=True)))
        self.study_name = f"{evidence.study['short_name']} ({evidence.study['journal']}" \
                          f" {evidence.study['year']})"

    # -- links ----------------------------------------------------------------------------
    def url(self, page: str) -> str:
        """Relative link from the current page to another page given as 'audit/'."""
        depth = self.here().strip("/").count("/") + (1 if self.here().strip("/") else 0)
        return "../" * depth + page

    def _marks(self, *ids: str) -> Markup:
        return finding_marks(self.ev.findings_for(*ids), self.url("audit/"))

    def _prov(self, source: str, fact: str) -> str:
        return provenance(source, fact, self.study_name)

    # -- numbers in prose -----------------------------------------------------------------
    def study(self, key: str) -> Markup:
        return esc(self.ev.study[key])

    def n(self, cid: str) -> Markup:
        m = self.ev.measure(cid)
        return span(str(m.n), "num", self._prov(m.source, m.fact), count=cid)

    def frac(self, cid: str, of: str | None = None) -> Markup:
        m = self.ev.measure(cid, of)
        return span(f"{m.n}/{self.ev.count(m.of)}", "num", self._prov(m.source, m.fact),
                    count=cid)

    def pct(self, cid: str, of: str | None = None) -> Markup:
        m = self.ev.measure(cid, of)
        return span(percent(m.proportion.value), "num", self._prov(m.source, m.fact), count=cid)

    def prop(self, cid: str, of: str | None = None) -> Markup:
        """n/N (p%; CI), the printed percentage where it differs, and audit notes."""
        m = self.ev.measure(cid, of)
        return span(self._prop_text(m), "num", self._prov(m.source, m.fact), count=cid) \
            + self._marks(cid)

    def _is_total(self, cid: str) -> bool:
        """A count that other counts use as their denominator (the cohort, say)."""
        return any(row["of"] == cid for row in self.ev.counts.values())

    def _prop_text(self, m: Measure) -> Markup:
        if m.proportion is None:
            return Markup(f"{m.n}" if m.basis == "none" and m.of is None and self._is_total(m.id)
                          else f"{m.n} (denominator not stated)")
        p = m.proportion
        text = f"{p.n}/{p.total} ({percent(p.value)}; {interval(p)})"
        if m.printed is not None and f"{m.printed:g}%" != percent(p.value):
            text += f", printed as {m.printed:g}%"
        if m.basis == "assumed":
            text += ", denominator not stated: whole cohort assumed"
        return Markup(esc(text))

    def duration(self, did: str) -> Markup:
        d = self.ev.duration(did)
        text = f"{d['median']:g} {d['unit']}"
        if d["low"] is not None:
            text += f" (range {d['low']:g} to {d['high']:g})"
        return span(esc(text), "num", self._prov(d["source"], d["fact"]), duration=did) \
            + self._marks(did)

    def not_reported(self, gid: str) -> Markup:
        parts = self.ev.breakdown(gid)
        missing = sum(p.n for p in parts if p.derived)
        return span(str(missing), "num", "Derived: the total minus the reported categories")

    def parts_sum(self, gid: str) -> Markup:
        total = sum(p.n for p in self.ev.breakdown(gid) if not p.derived)
        return span(str(total), "num", "Derived: the sum of the reported categories")

    # -- tables ---------------------------------------------------------------------------
    def _part_row(self, p: Part) -> list[Markup]:
        label = self.glossary.text(p.label)
        if p.derived:
            label = Markup(f"<em>{label}</em> (derived)")
        printed = esc(f"{p.printed:g}%") if p.printed is not None else esc("none")
        if p.derived:
            n = span(str(p.n), "num", "Derived: the total minus the reported categories")
        else:
            m = self.ev.measure(p.id)
            n = span(str(p.n), "num", self._prov(m.source, m.fact), count=p.id) + self._marks(p.id)
        return [
            label,
            n,
            esc(p.total),
            esc(percent(p.proportion.value)),
            esc(interval(p.proportion).split(" ", 2)[2]),
            printed,
        ]

    def _ci_header(self) -> str:
        return f"{self.ev.level}% CI ({self.ev.method_name})"

    def breakdown_table(self, gid: str) -> Markup:
        parts = self.ev.breakdown(gid)
        total_id = self.ev.group_total(gid)
        caption = f"{self.ev.group_label(gid)}: n of {self.ev.count(total_id)}"
        headers = ["Category", "n", "N", "%", self._ci_header(), "Printed %"]
        return table(headers, [self._part_row(p) for p in parts], caption) \
            + self._group_note(gid)

    def _group_note(self, gid: str) -> Markup:
        notes = self.ev.findings_for(gid)
        if not notes:
            return Markup("")
        audit = self.url("audit/")
        items = "".join(
            f'<li><a href="{audit}#{f.key}">{esc(f.severity)}</a>: {esc(f.message)}</li>'
            for f in notes
        )
        return Markup(f'\n\n<div class="audit-note"><p>Audit notes</p><ul>{items}</ul></div>\n\n')

    def measures_table(self, *ids: str, caption: str = "") -> Markup:
        headers = ["What was reported", "n", "Denominator", "%", self._ci_header(), "Printed %"]
        rows = []
        for cid in ids:
            m = self.ev.measure(cid)
            label = span(self.glossary.text(m.label), "label", self._prov(m.source, m.fact))
            n = span(str(m.n), "num", self._prov(m.source, m.fact), count=cid) + self._marks(cid)
            if m.proportion is None:
                rows.append([label, n, esc("not stated"),
                             esc("–"), esc("–"), esc("none")])
                continue
            p = m.proportion
            of_label = self.ev.measure(m.of).label
            denominator = f"{p.total} ({of_label}" + (
                "; not stated by the source, whole cohort assumed)" if m.basis == "assumed"
                else ")")
            rows.append([
                label, n, esc(denominator), esc(percent(p.value)),
                esc(interval(p).split(" ", 2)[2]),
                esc(f"{m.printed:g}%") if m.printed is not None else esc("none"),
            ])
        return table(headers, rows, caption)

    def durations_table(self, *ids: str) -> Markup:
        rows = []
        for did in ids:
            d = self.ev.duration(did)
            rows.append([
                span(self.glossary.text(d["label"]), "label", self._prov(d["source"], d["fact"])),
                esc(f"{d['median']:g}") + self._marks(did),
                esc("not stated") if d["low"] is None else esc(f"{d['low']:g} to {d['high']:g}"),
                esc(d["unit"]),
            ])
        return table(["Interval", "Median", "Range", "Unit"], rows, "Medians and ranges")

    # -- charts ---------------------------------------------------------------------------
    def _frame(self, rows: list[tuple[str, int, int, object]]) -> pd.DataFrame:
        """Summary table for a chart: (label, n, total, proportion-or-None, derived)."""
        records = []
        for label, n, total, prop, derived in rows:
            records.append({
                "label": label, "n": n, "total": total, "percent": 100 * n / total,
                "low": 100 * prop.low if prop is not None else None,
                "high": 100 * prop.high if prop is not None else None,
                "derived": derived,
            })
        return pd.DataFrame.from_records(records)

    def _parts_frame(self, parts: list[Part], prefix: str = "") -> list[tuple]:
        return [(prefix + p.label, p.n, p.total, p.proportion, p.derived) for p in parts]

    def chart(self, key: str, title: str, summary: pd.DataFrame, caption: str,
              fig=None) -> Markup:
        """A figure: the Plotly chart, a caption in words, the table of its numbers, a CSV."""
        fig = fig if fig is not None else figures.fig_categories(summary, title)
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        columns = [c for c in summary.columns if c != "derived"] + ["derived"]
        writer.writerow(columns)
        for row in summary[columns].itertuples(index=False):
            writer.writerow(["" if pd.isna(v) else (round(v, 2) if isinstance(v, float) else v)
                             for v in row])
        href = "data:text/csv;charset=utf-8," + urllib.parse.quote(out.getvalue())
        rows = [[esc(r.label) + (Markup(" <em>(derived)</em>") if r.derived else ""),
                 esc("not reported" if pd.isna(r.n) else int(r.n)),
                 esc("not reported" if pd.isna(r.total) else int(r.total)),
                 esc(f"{r.percent:.0f}%" if pd.notna(r.total) else f"{r.percent:g}% (printed)"),
                 esc("none" if pd.isna(r.low) else f"{r.low:.0f}% to {r.high:.0f}%")]
                for r in summary.itertuples()]
        tbl = table(["Category", "n", "N", "%", self._ci_header()], rows,
                    f"Numbers shown in the chart: {title}")
        return figure_html(key, title, caption, fig, tbl, href)

    def response_chart(self) -> Markup:
        parts = self.ev.breakdown("response")
        total = parts[0].total
        reported = sum(p.n for p in parts if not p.derived)
        caption = (f"Best or last response of all {total} patients at last follow-up;"
                   f" {reported} of {total} are reported in a category, the rest are shown as"
                   " not reported. Bars are percentages of the whole cohort with"
                   f" {self.ev.level}% confidence intervals.")
        return self.chart("response", "Response at last follow-up",
                          self._frame(self._parts_frame(parts)), caption)

    def survival_chart(self) -> Markup:
        parts = self.ev.breakdown("vital_status")
        chronic = self.ev.measure("alive_chronic")
        rows = self._parts_frame(parts, "All patients: ")
        rows.append((f"Chronic phase: {lower_first(chronic.label)}", chronic.n,
                     chronic.proportion.total, chronic.proportion, False))
        caption = (f"Vital status at last follow-up for all {parts[0].total} patients, and"
                   f" alive among the {chronic.proportion.total} in chronic phase when imatinib"
                   " started. Status at last follow-up, not a survival curve: the source gives"
                   " no time to each event.")
        return self.chart("survival", "Vital status at last follow-up",
                          self._frame(rows), caption)

    def chimerism_chart(self) -> Markup:
        evaluable = self.ev.measure("chimerism_evaluable")
        full = self.ev.measure("chimerism_full_donor")
        rows = [
            (evaluable.label, evaluable.n, evaluable.proportion.total, evaluable.proportion,
             False),
            (f"{full.label} (of evaluable)", full.n, full.proportion.total, full.proportion,
             False),
        ]
        caption = (f"{evaluable.n} of {evaluable.proportion.total} patients could be assessed"
                   f" for donor chimerism by VNTR; {full.n} of those {full.proportion.total} had"
                   " full donor chimerism at last follow-up.")
        return self.chart("chimerism", "Donor chimerism (VNTR)", self._frame(rows), caption)
