"""Tables of reported numbers: a breakdown, a list of measures, durations, and the summary
of findings. A caveat is said once, under the table, not in every row."""

from __future__ import annotations

from markupsafe import Markup

from ..evidence.evidence import Measure, Part
from ..evidence.render import ci_header, esc, interval, lower_first, percent, span, table, words
from ..i18n import _, decimal, ngettext, unit_name
from .guidance import certainty as certainty_of
from .numbers import number, printed_differs, printed_note, prov, result_text
from .registry import page_macro
from .view import View

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
        source = self.v.source.capitalize()
        if printed_differs(m):
            return self.mark(f"printed-{m.id}", self.printed(m))
        if m.basis == "assumed":
            return self.mark("assumed", _(
                "{source} gives no denominator for this number; it is shown out of all"
                " {cohort} patients.").format(source=source, cohort=cohort))
        if m.basis == "fits":
            return self.mark("fits", _(
                "{source} gives no denominator here, but its printed percentages fit all"
                " {cohort} patients.").format(source=source, cohort=cohort))
        return Markup("")

    def printed(self, m: Measure) -> Markup:
        """The authors' printed percentage, with a link to the audit's note on it."""
        text = esc(printed_note(self.v, m))
        for f in self.v.ev.findings_for(m.id):
            if f.rule == "printed percentage":
                text += Markup(f' <a href="{self.v.url("audit/")}#{f.key}">') \
                    + esc(_("See the audit.")) + Markup("</a>")
                break
        return text

    def caveat(self, m: Measure) -> Markup:
        return self.mark(f"caveat-{m.id}", self.v.glossary.text(m.caveat)) if m.caveat \
            else Markup("")

    def all(self, with_intervals: bool) -> list[Markup]:
        notes = list(self.items)
        if with_intervals and self.v.once("interval method"):
            notes.append(esc(_("CI: {level} confidence interval, by the {method} method.").format(
                level=percent(self.v.ev.level / 100), method=self.v.ev.method_name)))
        return notes


def part_cell(v: View, p: Part, notes: Notes) -> Markup:
    if p.derived:
        return span(f"{p.n}/{p.total} ({percent(p.proportion.value)})", "num",
                    _("Worked out: the total minus the reported categories"))
    m = v.ev.measure(p.id)
    if p.nested_in is not None:
        return number(v, m, f"{p.n}", marks=False)
    return number(v, m, result_text(v, m, with_interval=False), marks=False) + notes.basis(m)


def part_label(v: View, p: Part) -> Markup:
    label = v.glossary.text(p.label)
    if p.derived:
        return Markup(f"<em>{label}</em>")
    if p.nested_in is not None:
        return Markup('<span class="nested">') + words(
            _("of whom: {label}"), label=v.glossary.text(lower_first(p.label))) \
            + Markup("</span>")
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
    headers = [_("Category"), _("Patients")] + ([ci_header(v.ev.level)] if with_ci else [])
    if group["note"]:
        notes.items.append(v.glossary.text(group["note"]))
    for f in v.ev.findings_for(gid):
        link = Markup(f'<a href="{v.url("audit/")}#{f.key}">') + esc(_("Audit note")) \
            + Markup("</a>")
        notes.items.append(words(_("{label}: {text}"), label=link,
                                 text=v.glossary.text(f.message)))
    return table(headers, rows, group["label"], notes=notes.all(with_ci))


@page_macro
def measures_table(v: View, *ids: str, caption: str = "") -> Markup:
    """Counts that are not parts of one group, each against its own denominator; a count
    the source's words allow against two denominators gets a row for each, each with its
    own interval."""
    notes = Notes(v)
    rows = []
    with_ci = False
    for cid in ids:
        m = v.ev.measure(cid)
        other = v.ev.also(cid)
        two = other is not None and other.proportion is not None
        for shown in (m, other) if two else (m,):
            label = span(v.glossary.text(shown.label), "label", prov(v, shown.source))
            if two or (shown.of is not None and shown.basis == "stated"
                       and shown.of != v.ev.study["cohort"]):
                label += among(v, shown.of)
            cell = number(v, shown, result_text(v, shown, with_interval=False), marks=False)
            cell += notes.basis(shown) + notes.caveat(m)
            shows_ci = m.role == "outcome" and shown.proportion is not None \
                and shown.proportion.total > 2
            with_ci = with_ci or shows_ci
            rows.append([label, cell, esc(interval(shown.proportion) if shows_ci else "–")])
    return table([_("Reported"), _("Patients"), ci_header(v.ev.level)], rows, caption,
                 notes=notes.all(with_ci))


def members(v: View, of: str) -> str | None:
    """How the patients of a count are named after 'of the 12' ('patients in CCR'), from
    data/counts.csv (members), or None."""
    return v.ev.counts[of].get("members") or None


def among(v: View, of: str) -> Markup:
    """The group a count is counted among, under its label: 'of the 6 who stopped'."""
    named = members(v, of)
    said = words(_("of the {total} {members}"), total=str(v.ev.count(of)),
                 members=v.glossary.text(named)) if named else words(
        _("among: {label}"), label=v.glossary.text(lower_first(v.ev.measure(of).label)))
    return Markup('<br><span class="of">') + said + Markup("</span>")


@page_macro
def durations_table(v: View, *ids: str) -> Markup:
    rows = []
    for did in ids:
        d = v.ev.duration(did)
        rows.append([
            span(v.glossary.text(d["label"]), "label", prov(v, d["source"])),
            span(esc(f"{decimal(d['median'])} {unit_name(d['unit'])}"), "num", prov(v, d["source"]),
                 duration=did) + v.marks(did),
            esc(_("not stated")) if d["low"] is None
            else esc(_("{low} to {high} {unit}").format(
                low=decimal(d["low"]), high=decimal(d["high"]), unit=unit_name(d["unit"]))),
        ])
    return table([_("Time"), _("Median"), _("Range")], rows, _("Medians and ranges"))


@page_macro
def summary_of_findings(v: View) -> Markup:
    notes = Notes(v)
    rated = v.ev.has("certainty")
    certainty = certainty_of(v) if rated else None
    rows = []
    on_paper = []  # the comments again, below the table, for a sheet too narrow for them
    for row in v.ev.rows("summary_outcomes"):
        m = v.ev.measure(row["count"], row["of"])
        own = v.ev.measure(row["count"])
        if row["of"] == own.of:
            m = own
        comment = []
        if row["of"] != own.of and own.of:
            named = members(v, own.of)
            comment.append(v.glossary.text(
                _("Reported as {n} of the {total} {members}.").format(
                    n=own.n, total=v.ev.count(own.of), members=named) if named else
                _("Reported as {n} of {total}, among: {label}.").format(
                    n=own.n, total=v.ev.count(own.of),
                    label=lower_first(v.ev.measure(own.of).label))))
        for f in v.ev.findings_for(row["count"]):
            if f.severity != "minor" and f.rule != "printed percentage":  # a footnote says it
                comment.append(Markup(f'<a href="{v.url("audit/")}#{f.key}">')
                               + esc(short_finding(v, f)) + Markup("</a>"))
        if row["comment"]:
            comment.append(v.glossary.text(row["comment"]))
        cell = number(v, m, result_text(v, m, with_interval=False), marks=False) \
            + notes.basis(m) + notes.caveat(m)
        shows_ci = m.proportion.total > 2
        rows.append([
            v.glossary.text(row["outcome"]),
            cell,
            esc(interval(m.proportion) if shows_ci else "–"),
            *([certainty.cell(row["id"])] if certainty else []),
            Markup(" ").join(comment) if comment else esc("–"),
        ])
        if comment:
            on_paper.append(words(_("{label}: {text}"), label=Markup("<strong>")
                                  + v.glossary.text(row["outcome"]) + Markup("</strong>"),
                                  text=Markup(" ").join(comment)))
    cohort = lower_first(v.ev.measure(v.ev.study["cohort"]).label)
    caption = _("Summary of findings: {cohort}; no comparison group").format(cohort=cohort)
    headers = [_("Outcome"), _("Patients"), ci_header(v.ev.level),
               *([_("Certainty")] if certainty else []), _("Comment")]
    out = table(headers, rows, caption, css="evidence-table sof", notes=notes.all(True))
    if on_paper:
        out += Markup('<div class="brief-paper sof-comments"><p>') \
            + esc(_("Comments, row by row:")) + Markup(" ") \
            + Markup(" ").join(on_paper) + Markup("</p></div>\n\n")
    return out + certainty.footnotes() if certainty else out


def short_finding(v: View, f) -> str:
    if f.rule == "printed percentage":
        return _("The printed percentage does not fit this count: see the audit.")
    if f.rule == "claim and count":
        return _("Disagrees with the authors' conclusion: see the audit.")
    if f.rule == "parts and total":
        missing = sum(p.n for p in v.ev.breakdown(f.ids[0]) if p.derived)
        if missing:
            return ngettext("{rest} for {n} patient: see the audit.",
                            "{rest} for {n} patients: see the audit.", missing).format(
                rest=v.ev.group(f.ids[0])["rest_label"], n=missing)
        return _("The categories do not add up to the total: see the audit.")
    return _("See the audit.")


