"""Plotly figures: a summary table in, a figure out. No file is read here.

Summary tables have one row per bar or point with the columns
  label, n, total, percent, low, high (percent scale; low/high may be None), derived (bool),
and, for the forest chart, study and outcome.
Text is HTML-escaped before it reaches Plotly, which would otherwise render tags in labels.
Colours and fonts are left to the page script, which follows the site's light/dark palette;
the figures carry an empty template to stay small.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from ..i18n import _, percent, printed_percent

# Okabe–Ito colours: distinguishable with common colour-vision deficiencies, and legible on
# light and dark backgrounds. Meaning never rests on colour alone: every bar is labelled.
REPORTED = "#0072B2"
DERIVED = "#999999"
NO_INTERVAL = "#D55E00"
PARTS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#F0E442")


def _t(text: object) -> str:
    return html.escape(str(text), quote=True)


# An axis title longer than this is cut on a phone: it goes on two lines.
AXIS_TITLE_LINE = 40


def _axis_title(text: str) -> tuple[str, int]:
    """The escaped axis title, on two lines if long, and the bottom margin it needs."""
    if len(text) <= AXIS_TITLE_LINE or " " not in text:
        return _t(text), 40
    middle = len(text) // 2
    spaces = [i for i, c in enumerate(text) if c == " "]
    at = min(spaces, key=lambda i: abs(i - middle))
    return _t(text[:at]) + "<br>" + _t(text[at + 1:]), 58


def _base_layout(title: str, n_rows: int, axis: str) -> dict:
    axis_text, bottom = _axis_title(axis)
    return {
        "template": go.layout.Template(),
        "title": {"text": _t(title), "x": 0, "xanchor": "left"},
        "height": 120 + 42 * n_rows + bottom - 40,
        "margin": {"l": 10, "r": 10, "t": 50, "b": bottom},
        "xaxis": {"title": {"text": axis_text}, "range": [0, 100],
                  "ticksuffix": percent(1).removeprefix("100"), "fixedrange": True},
        "yaxis": {"automargin": True, "autorange": "reversed", "fixedrange": True},
        "showlegend": False,
        "bargap": 0.35,
    }


def fig_categories(summary: pd.DataFrame, title: str, axis: str) -> go.Figure:
    """Horizontal bars of percentages with their confidence intervals, labelled n/N."""
    rows = summary.reset_index(drop=True)
    labels = [_t(v) for v in rows["label"]]
    has_ci = rows["low"].notna()
    unreported = _t(_("Not reported: patients in none of the categories the source gives"))
    hover = [
        "<br>".join([lab, count_words(r)]
                    + ([ci_words(r)] if pd.notna(r.low) else [])
                    + ([unreported] if r.derived else []))
        for lab, r in zip(labels, rows.itertuples(), strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            x=[round(v, 1) for v in rows["percent"]],
            y=labels,
            orientation="h",
            text=[f"{int(n)}/{int(t)}" for n, t in zip(rows["n"], rows["total"], strict=True)],
            textposition="outside",
            cliponaxis=False,
            marker={
                "color": [DERIVED if d else REPORTED for d in rows["derived"]],
                "pattern": {"shape": ["/" if d else "" for d in rows["derived"]]},
            },
            error_x={
                "type": "data", "symmetric": False,
                # no bar, not even its caps, where there is no interval
                "array": [round(h - p, 1) if ok else None
                          for h, p, ok in zip(rows["high"], rows["percent"], has_ci, strict=True)],
                "arrayminus": [round(p - lo, 1) if ok else None
                               for lo, p, ok in zip(rows["low"], rows["percent"], has_ci,
                                                    strict=True)],
                # no caps: on a bar with no interval (the hatched rest) Plotly would still
                # draw one at the bar's end, where it reads as an interval
                "thickness": 1.5, "width": 0,
            },
            hovertext=hover,
            hoverinfo="text",
        ),
        layout=_base_layout(title, len(rows), axis),
    )
    return fig


def count_words(r) -> str:
    """'12 of 26 (46%)', for the hover text of a bar or a point."""
    return _t(_("{n} of {total} ({share})").format(n=int(r.n), total=int(r.total),
                                                   share=percent(r.percent / 100)))


def ci_words(r) -> str:
    """'95% CI 27% to 67%', as the tables say it."""
    return _t(_("{level} CI {low} to {high}").format(
        level=percent(r.level / 100), low=percent(r.low / 100), high=percent(r.high / 100)))


def forest_words(r, with_n: bool) -> str:
    """A forest point's numbers: n/N with its interval, or the percentages as printed."""
    if with_n:
        return count_words(r) + "<br>" + ci_words(r)
    if pd.notna(r.low):
        return _t(_("{share}; published CI {low} to {high}").format(
            share=printed_percent(r.percent), low=printed_percent(r.low),
            high=printed_percent(r.high)))
    return _t(_("{share}; no count given, so no interval").format(
        share=printed_percent(r.percent)))


def fig_stacked(summary: pd.DataFrame, title: str, axis: str) -> go.Figure:
    """One bar split into its categories, each named with its n/N in the legend below it
    (a small part has no room for its words inside the bar); the part the source does not
    report hatched. For a breakdown whose parts are read as a whole."""
    rows = summary.reset_index(drop=True)
    traces = [
        go.Bar(
            x=[round(r.percent, 1)], y=[""], orientation="h",
            name=f"{_t(r.label)}: {int(r.n)}/{int(r.total)}",
            text=[f"{_t(r.label)}: {int(r.n)}/{int(r.total)}"], textposition="none",
            marker={"color": DERIVED if r.derived else PARTS[i % len(PARTS)],
                    "pattern": {"shape": "/" if r.derived else ""}},
            hovertext=[f"{_t(r.label)}<br>{count_words(r)}"],
            hoverinfo="text",
        )
        for i, r in enumerate(rows.itertuples())
    ]
    layout = _base_layout(title, 2, axis)
    layout.update(barmode="stack", showlegend=True,
                  legend={"orientation": "h", "y": -0.4, "x": 0, "traceorder": "normal"})
    layout["height"] = 220
    return go.Figure(traces, layout=layout)


# A forest row's label is written above its point, across the chart's whole width, so that
# a phone gives the plot its full width and each row its own words; lines of this many
# characters fit a 360 px chart in the page's font.
FOREST_LINE = 50
FOREST_LINE_PX = 17


def _forest_label(label: str) -> str:
    """The escaped label on lines of at most FOREST_LINE characters: its ' · ' parts each
    start a line, long parts wrap between words."""
    lines = []
    for part in str(label).split(" \u00b7 "):
        line = ""
        for word in part.split(" "):
            if line and len(line) + 1 + len(word) > FOREST_LINE:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
    return "<br>".join(_t(line) for line in lines)


def fig_forest(summary: pd.DataFrame, title: str, axis: str, note: str) -> go.Figure:
    """One point per study and outcome, its label written above it; a bar for the exact
    interval where n/N is known, a hollow diamond and no bar where only a percentage was
    printed (with a bar where the study printed its own interval). Nothing is pooled;
    `note` says so on the chart itself. Each row is as tall as its label: the vertical
    axis counts pixels from the top and shows nothing."""
    rows = summary.reset_index(drop=True)
    labels = [_forest_label(r.label) for r in rows.itertuples()]
    bands = [(label.count("<br>") + 1) * FOREST_LINE_PX + 26 for label in labels]
    ys = [sum(bands[:i + 1]) for i in range(len(bands))]  # each point at its band's foot
    traces = []
    kinds = rows["kind"] if "kind" in rows else rows["n"].notna().map(
        {True: "exact", False: "none"})
    for with_n in (True, False):
        sel = kinds == "exact" if with_n else kinds != "exact"
        part = rows[sel]
        if part.empty:
            continue
        has_bar = part["low"].notna()
        traces.append(go.Scatter(
            x=[round(v, 1) for v in part["percent"]],
            y=[ys[i] for i in part.index],
            mode="markers",
            name=_t(_("n/N reported: exact interval") if with_n
                    else _("only a percentage printed")),
            marker={"symbol": "square" if with_n else "diamond-open", "size": 10,
                    "color": REPORTED if with_n else NO_INTERVAL},
            error_x={
                "type": "data", "symmetric": False,
                "array": [round(h - p, 1) if ok else None
                          for h, p, ok in zip(part["high"], part["percent"], has_bar,
                                              strict=True)],
                "arrayminus": [round(p - lo, 1) if ok else None
                               for lo, p, ok in zip(part["low"], part["percent"], has_bar,
                                                    strict=True)],
                "thickness": 1.5, "width": 4,
            } if has_bar.any() else None,
            hovertext=[f"{labels[i]}<br>{forest_words(r, with_n)}"
                       for i, r in zip(part.index, part.itertuples(), strict=True)],
            hoverinfo="text",
        ))
    plot = ys[-1] + 14
    layout = _base_layout(title, len(rows), axis)
    layout["showlegend"] = True
    layout["legend"] = {"orientation": "h", "y": -80 / plot, "x": 0, "yanchor": "top"}
    layout["margin"].update({"b": 112, "t": 70, "l": 10})
    layout["height"] = 70 + 112 + plot
    layout["title"]["subtitle"] = {"text": _t(note)}
    layout["yaxis"].update({"type": "linear", "autorange": False, "range": [plot, 0],
                            "showticklabels": False, "showgrid": False, "zeroline": False,
                            "ticks": ""})
    layout["shapes"] = [  # a faint rule under each row, where its point stands
        {"type": "line", "xref": "paper", "x0": 0, "x1": 1, "yref": "y", "y0": y, "y1": y,
         "line": {"width": 1, "color": "rgba(128, 128, 128, 0.25)"}, "layer": "below"}
        for y in ys]
    layout["annotations"] = [
        {"xref": "paper", "x": 0, "xanchor": "left", "yref": "y", "y": y,
         "yanchor": "bottom", "yshift": 9, "align": "left", "text": label,
         "showarrow": False}
        for y, label in zip(ys, labels, strict=True)]
    return go.Figure(traces, layout=layout)


def figure_json(fig: go.Figure) -> str:
    return pio.to_json(fig, validate=False, remove_uids=True, pretty=False)
