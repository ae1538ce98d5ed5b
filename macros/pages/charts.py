"""Charts: the groups that data/groups.csv marks for a chart, each drawn as bars of its
categories, with a caption in words, the table of its numbers and a CSV of them."""

from __future__ import annotations

import csv
import io
import urllib.parse

import pandas as pd
from markupsafe import Markup

from ..data.errors import DataError
from ..data.spreadsheet import safe_cell
from ..evidence.render import ci_header, lower_first, table
from ..figures import figure_block, figures
from ..i18n import _, percent
from .page_tables import Notes, interval_cell, part_cell, part_label
from .registry import page_macro
from .view import View

CHART_KINDS = {"bars": figures.fig_categories, "stacked": figures.fig_stacked}


def group_summary(v: View, gid: str) -> pd.DataFrame:
    """One row per bar: the group's categories (those usually counted within another are
    left out), no interval on the rest that the source does not report, nor on any category
    of a group that is not an outcome (who the patients were is described, not estimated)."""
    outcome = v.ev.group(gid)["role"] == "outcome"
    records = []
    for p in v.ev.breakdown(gid):
        if p.nested_in is not None:
            continue
        ci = outcome and not p.derived and p.total > 2
        records.append({
            "label": p.label, "n": p.n, "total": p.total, "percent": 100 * p.n / p.total,
            "low": 100 * p.proportion.low if ci else None,
            "high": 100 * p.proportion.high if ci else None,
            "derived": p.derived, "level": v.ev.level,
        })
    return pd.DataFrame.from_records(records)


def csv_href(summary: pd.DataFrame) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    columns = ["label", "n", "total", "percent", "low", "high", "derived"]
    # Headers a reader sees in a spreadsheet, in the page's language; numbers as data
    # (a decimal point), so that any spreadsheet reads them.
    writer.writerow([_("category"), "n", _("total"), _("percent"), _("ci_low"), _("ci_high"),
                     _("not_reported_by_source")])
    for row in summary[columns].itertuples(index=False):
        writer.writerow([safe_cell("" if pd.isna(x) else (round(x, 2) if isinstance(x, float)
                                                            else x)) for x in row])
    return "data:text/csv;charset=utf-8," + urllib.parse.quote(out.getvalue())


def figure_html(key: str, title: str, caption: str | Markup, fig, tbl: Markup,
                summary: pd.DataFrame) -> Markup:
    return figure_block.figure_html(key, title, caption, fig, tbl, csv_href(summary))


def axis_title(total_label: str, total: int) -> str:
    """'% of patients treated (26)': what a chart's percentages are of."""
    return _("% of {label} ({total})").format(label=total_label, total=total)


@page_macro
def chart(v: View, gid: str) -> Markup:
    """A group's bar chart and its table: the one place on a page its numbers are shown."""
    group = v.ev.group(gid)
    parts = v.ev.breakdown(gid)
    total = parts[0].total
    total_label = lower_first(v.ev.measure(group["total"]).label)
    summary = group_summary(v, gid)
    rest = [p for p in parts if p.derived]
    if group["chart"] == "stacked":
        caption = _("One bar split into the {total} {label}.").format(total=total,
                                                                   label=total_label)
        if rest:
            caption += " " + _("{label}: {n} of {total}, hatched.").format(
                label=rest[0].label, n=rest[0].n, total=total)
    elif group["role"] != "outcome":
        caption = _("Bars are percentages of the {total} {label}; who the patients were is"
                    " described, not estimated, so no interval is drawn.").format(
                        total=total, label=total_label)
        if rest:
            caption += " " + _("{label}: {n} of {total}, hatched.").format(
                label=rest[0].label, n=rest[0].n, total=total)
    else:
        caption = _("Bars are percentages of the {total} {label}, with {level} confidence"
                    " intervals.").format(total=total, label=total_label,
                                          level=percent(v.ev.level / 100))
        if rest:
            caption += " " + _("{label}: {n} of {total}, drawn hatched and without an"
                               " interval.").format(label=rest[0].label, n=rest[0].n,
                                                    total=total)
    draw = CHART_KINDS.get(str(group["chart"]))
    if draw is None:
        raise DataError(f"data/{v.ev.data.files['groups']}", f"a page draws a chart of '{gid}',"
                        f" whose chart is '{group['chart']}'; expected one of"
                        f" {', '.join(CHART_KINDS)}", column="chart",
                        line=v.ev.data.lines["groups"][gid], row=v.ev.data.lines["groups"][gid] - 1)
    fig = draw(summary, group["label"], axis_title(total_label, total))
    notes = Notes(v)
    with_ci = group["role"] == "outcome"
    rows = [[part_label(v, p), part_cell(v, p, notes)] + ([interval_cell(p)] if with_ci else [])
            for p in parts]
    headers = [_("Category"), _("Patients")] + ([ci_header(v.ev.level)] if with_ci else [])
    tbl = table(headers, rows, _("Numbers in the chart: {label}").format(label=group["label"]),
                notes=notes.all(with_ci))
    return figure_html(gid, group["label"], caption, fig, tbl, summary)
