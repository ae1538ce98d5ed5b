"""Tables of reported numbers: a breakdown, a list of measures, durations, and the summary
of findings. A caveat is said once, under the table, not in every row."""

from __future__ import annotations

from markupsafe import Markup

from .evidence import Measure, Part
from .guidance import certainty as certainty_of
from .numbers import number, prov, result_text
from .registry import page_macro
from .render import esc, interval, lower_first, percent, span, table
from .view import View

CI_HEADER = "{level}% CI"
SYMBOLS = ("*", "†", "‡", "§", "‖", "¶")


class Notes:
    """Footnotes of one table: the denominator caveats and the interval method, each once."""

    def __init__(self, v: View) -> None:
        self.v = v
        self.items: list[Markup] = []
        self.marks: dict[str, str] = {}

    def mark(self, key: str, text: str | Markup) -> Markup:
        if key not in self.marks:
            i = len(self.marks)
            self.marks[key] = SYMBOLS[i] if i < len(SYMBOLS) else str(i + 1)
            self.items.append(Markup(f"<sup>{esc(self.marks[key])}</sup> ")
                              + (text if isinstance(text, Markup) else esc(text)))
        return Markup(f'<sup class="note-mark">{esc(self.marks[key])}</sup>')

    def basis(self, m: Measure) -> Markup:
        cohort = self.v.ev.count(m.of) if m.of else None
        if m.basis == "assumed":
            return self.mark("assumed", f"{self.v.source.capitalize()} gives no denominator for"
                             " this number;"
                             f" it is shown out of all {cohort} patients.")
        if m.basis == "fits":
            return self.mark("fits", f"{self.v.source.capitalize()} gives no denominator here,"
                             " but its printed"
                             f" percentages fit all {cohort} patients.")
        return Markup("")

    def caveat(self, m: Measure) -> Markup:
        return self.mark(f"caveat-{m.id}", self.v.glossary.text(m.caveat)) if m.caveat \
            else Markup("")

    def all(self, with_intervals: bool) -> list[Markup]:
        notes = list(self.items)
        if with_intervals and self.v.once("interval method"):
            notes.append(esc(f"CI: {self.v.ev.level}% confidence interval, by the"
                             f" {self.v.ev.method_name} method."))
        return notes


def part_cell(v: View, p: Part, notes: Notes) -> Markup:
    if p.derived:
        return span(f"{p.n}/{p.total} ({percent(p.proportion.value)})", "num",
                    "Worked out: the total minus the reported categories")
    m = v.ev.measure(p.id)
    if p.nested_in is not None:
        return number(v, m, f"{p.n}")
    return number(v, m, result_text(v, m, with_interval=False)) + notes.basis(m)


def part_label(v: View, p: Part) -> Markup:
    label = v.glossary.text(p.label)
    if p.derived:
        return Markup(f"<em>{label}</em>")
    if p.nested_in is not None:
        return Markup(f'<span class="nested">of whom: {v.glossary.text(lower_first(p.label))}'
                      "</span>")
    return label


def interval_cell(p: Part) -> Markup:
    return esc("–" if p.derived or p.nested_in or p.total <= 2 else interval(p.proportion))


@page_macro
def breakdown_table(v: View, gid: str) -> Markup:
    """A group's categories, in the order the data give them; the rest, if any, as its own
    row. Intervals only for outcomes."""
    group = v.ev.group(gid)
    parts = v.ev.breakdown(gid)
    with_ci = group["role"] == "outcome"
    notes = Notes(v)
    rows = []
    for p in parts:
        row = [part_label(v, p), part_cell(v, p, notes)]
        if with_ci:
            row.append(interval_cell(p))
        rows.append(row)
    headers = ["Category", "Patients"] + ([CI_HEADER.format(level=v.ev.level)] if with_ci else [])
    if group["note"]:
        notes.items.append(v.glossary.text(group["note"]))
    for f in v.ev.findings_for(gid):
        notes.items.append(Markup(f'<a href="{v.url("audit/")}#{f.key}">Audit note</a>: ')
                           + v.glossary.text(f.message))
    return table(headers, rows, group["label"], notes=notes.all(with_ci))


@page_macro
def measures_table(v: View, *ids: str, caption: str = "") -> Markup:
    """Counts that are not parts of one group, each against its own denominator."""
    notes = Notes(v)
    rows = []
    with_ci = False
    for cid in ids:
        m = v.ev.measure(cid)
        label = span(v.glossary.text(m.label), "label", prov(v, m.source))
        cell = number(v, m, result_text(v, m, with_interval=False)) + notes.basis(m)
        if m.of is not None and m.basis == "stated":
            cell += out_of(v, m.of)
        other = v.ev.also(cid)
        if other is not None and other.proportion is not None:
            cell += Markup("<br>") + esc(f"or {result_text(v, other)}") + out_of(v, other.of)
        cell += notes.caveat(m)
        shows_ci = m.role == "outcome" and m.proportion is not None and m.basis != "implied" \
            and m.proportion.total > 2
        with_ci = with_ci or shows_ci
        rows.append([label, cell, esc(interval(m.proportion) if shows_ci else "–")])
    return table(["Reported", "Patients", CI_HEADER.format(level=v.ev.level)], rows, caption,
                 notes=notes.all(with_ci))


def out_of(v: View, of: str) -> Markup:
    return Markup('<br><span class="of">out of: ') + v.glossary.text(v.ev.measure(of).label) \
        + Markup("</span>")


@page_macro
def durations_table(v: View, *ids: str) -> Markup:
    rows = []
    for did in ids:
        d = v.ev.duration(did)
        rows.append([
            span(v.glossary.text(d["label"]), "label", prov(v, d["source"])),
            span(esc(f"{d['median']:g} {d['unit']}"), "num", prov(v, d["source"]),
                 duration=did) + v.marks(did),
            esc("not stated") if d["low"] is None
            else esc(f"{d['low']:g} to {d['high']:g} {d['unit']}"),
        ])
    return table(["Time", "Median", "Range"], rows, "Medians and ranges")


@page_macro
def summary_of_findings(v: View) -> Markup:
    notes = Notes(v)
    rated = v.ev.has("certainty")
    certainty = certainty_of(v) if rated else None
    rows = []
    for row in v.ev.rows("summary_outcomes"):
        m = v.ev.measure(row["count"], row["of"])
        own = v.ev.measure(row["count"])
        if row["of"] == own.of:
            m = own
        comment = []
        if row["comment"]:
            comment.append(v.glossary.text(row["comment"]))
        if row["of"] != own.of and own.of:
            comment.append(v.glossary.text(
                f"Reported as {own.n} of the {v.ev.count(own.of)} with"
                f" {lower_first(v.ev.measure(own.of).label)}."))
        for f in v.ev.findings_for(row["count"]):
            if f.severity != "minor":
                comment.append(Markup(f'<a href="{v.url("audit/")}#{f.key}">')
                               + esc(short_finding(f)) + Markup("</a>"))
        cell = number(v, m, result_text(v, m, with_interval=False)) + notes.basis(m) \
            + notes.caveat(m)
        shows_ci = m.basis != "implied" and m.proportion.total > 2
        rows.append([
            v.glossary.text(row["outcome"]),
            cell,
            esc(interval(m.proportion) if shows_ci else "–"),
            *([certainty.cell(row["id"])] if certainty else []),
            Markup(" ").join(comment) if comment else esc("–"),
        ])
    cohort = lower_first(v.ev.measure(v.ev.study["cohort"]).label)
    caption = f"Summary of findings: {cohort}; no comparison group"
    headers = ["Outcome", "Patients", CI_HEADER.format(level=v.ev.level),
               *(["Certainty"] if certainty else []), "Comment"]
    out = table(headers, rows, caption, css="evidence-table sof", notes=notes.all(True))
    return out + certainty.footnotes() if certainty else out


def short_finding(f) -> str:
    return {
        "printed percentage": "The printed percentage does not fit this count: see the audit.",
        "claim and count": "Disagrees with the authors' conclusion: see the audit.",
        "parts and total": "Some patients are not reported in any category: see the audit.",
    }.get(f.rule, "See the audit.")


