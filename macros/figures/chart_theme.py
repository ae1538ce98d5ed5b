"""The figure as the page script (overrides/assets/javascripts/charts.js) draws it: the
theme's light and dark palettes, the Okabe-Ito colours swapped for contrast, the page's font,
labels wrapped to the chart's width and bar counts in a column of their own. The static
pictures (static_charts) are exported from these themed figures.
"""

from __future__ import annotations

import copy

# Colours and font of the theme's two palettes, as the browser computes them for <body>
# (the page script reads the same values from the page).
FONT = "-apple-system, BlinkMacSystemFont, Helvetica, Arial, sans-serif"
PALETTES = {
    "light": {"bg": (255, 255, 255), "fg": (0, 0, 0), "fg_alpha": 0.87},
    "dark": {"bg": (30, 33, 41), "fg": (226, 228, 233), "fg_alpha": 0.82},
}
# The Okabe-Ito colours that lack contrast against one background, and their stand-ins.
SWAPS = {
    "light": {"#999999": "#767676"},
    "dark": {"#0072B2": "#56B4E9", "#999999": "#ABABAB"},
}
NARROW = 600  # px of chart width below which the text is a size smaller (as charts.js)


def _rgba(rgb: tuple[int, int, int], alpha: float) -> str:
    return f"rgba({rgb[0]}, {rgb[1]}, {rgb[2]}, {alpha:g})"


def _rgb(rgb: tuple[int, int, int]) -> str:
    return f"rgb({rgb[0]}, {rgb[1]}, {rgb[2]})"


def _swap(value, swaps: dict[str, str]):
    if isinstance(value, str):
        return swaps.get(value.upper(), value)
    if isinstance(value, list):
        return [_swap(v, swaps) for v in value]
    return value


def wrap_width(width: int) -> int:
    font = 12 if width < NARROW else 14
    return max(16, int((width * 0.42) // (font * 0.55)))


def _wrap_words(text: str, width: int) -> str:
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        if line and len(line + " " + word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return "<br>".join(lines)


def wrap(label: str, width: int) -> str:
    text = str(label)
    if len(text) <= width:
        return text
    parts = text.split(" \u00b7 ")
    if len(parts) > 1:
        return " \u00b7<br>".join(_wrap_words(p, width) for p in parts)
    return _wrap_words(text, width)


def themed(figure: dict, palette: str, width: int) -> dict:
    """The figure with the palette's colours, the page's font and wrapped labels, at
    `width` px: what charts.js draws in a chart box of that width."""
    pal = PALETTES[palette]
    fg = _rgba(pal["fg"], pal["fg_alpha"])
    bg = _rgb(pal["bg"])
    swaps = SWAPS[palette]
    font_size = 12 if width < NARROW else 14
    data = []
    for trace in figure.get("data", []):
        out = copy.deepcopy(trace)
        if trace.get("type") == "scatter":
            out["cliponaxis"] = False
        if "marker" in trace:
            out["marker"]["color"] = _swap(trace["marker"].get("color"), swaps)
            line = dict(trace["marker"].get("line") or {})
            line["color"] = _swap(line.get("color"), swaps)
            out["marker"]["line"] = line
        for key in ("error_x", "error_y"):
            if trace.get(key):
                out[key]["color"] = _swap(trace[key].get("color"), swaps) or fg
        data.append(out)

    layout = copy.deepcopy(figure.get("layout", {}))
    layout.pop("template", None)
    margin = dict(layout.get("margin") or {})
    layout.update({
        "paper_bgcolor": bg, "plot_bgcolor": bg,
        "font": {"color": fg, "family": FONT, "size": font_size},
        "margin": {**margin, "r": max(margin.get("r") or 0, 24)},
    })
    if layout.get("title"):
        layout["title"]["font"] = {"size": font_size + 2, "color": fg, "family": FONT}
    if layout.get("legend"):
        layout["legend"]["font"] = {"color": fg}
    grid, axis = _rgba(pal["fg"], 0.15), _rgba(pal["fg"], 0.45)
    for name in ("xaxis", "yaxis"):
        layout[name] = {**layout.get(name, {}), "gridcolor": grid, "linecolor": axis,
                        "zerolinecolor": axis, "tickcolor": axis, "automargin": True}

    categories: list[str] = []
    for trace in data:
        for y in trace.get("y") or []:
            if y not in categories:
                categories.append(y)
    at = wrap_width(width)
    wrapped = [wrap(c, at) for c in categories]
    if wrapped != categories:
        layout["yaxis"].update({"tickmode": "array", "tickvals": categories,
                                "ticktext": wrapped})
        most = max(w.count("<br>") + 1 for w in wrapped)
        # The margins, the axis's ticks and title below the plot (automargin), a subtitle.
        frame = ((margin.get("t") or 50) + (margin.get("b") or 40) + 40
                 + (60 if layout.get("showlegend") else 0))
        row = most * font_size * 1.4 + 16
        layout["height"] = max(layout.get("height") or 0, round(frame + row * len(categories)))

    # Counts of horizontal bars in a column of their own at the right, clear of the whiskers
    # (not the parts of a stacked bar: the legend names them with their counts).
    notes = []
    for index, trace in enumerate(data):
        if (trace.get("type") != "bar" or trace.get("orientation") != "h"
                or layout.get("barmode") == "stack"
                or not isinstance(trace.get("text"), list)):
            continue
        notes += [{"xref": "paper", "x": 1, "xanchor": "left", "xshift": 6, "yref": "y",
                   "y": y, "text": text, "showarrow": False,
                   "font": {"color": fg, "family": FONT}}
                  for y, text in zip(trace["y"], trace["text"], strict=True)]
        data[index] = {**trace, "textposition": "none"}
    if notes:
        layout["annotations"] = (layout.get("annotations") or []) + notes
        layout["margin"] = {**layout["margin"], "r": 64}
    layout["width"] = width
    return {"data": data, "layout": layout}
