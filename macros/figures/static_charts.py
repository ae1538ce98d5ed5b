"""Static pictures of the charts, drawn at build time by Plotly's own exporter (kaleido).

Each figure is exported as SVG in the site's light and dark palettes, at a few widths, with
the colours, fonts and label wrapping that the page script (overrides/assets/javascripts/
charts.js) gives the interactive chart, so that a page shows its charts before any script
runs, with scripts off and in print.

kaleido drives the Chromium already installed on the machine (Debian's, the one the browser
tests use; CHROMIUM names another) with the site's own copy of plotly.js: nothing is
downloaded. Exports are cached on disk by content (the themed figure, which holds palette
and width, and the versions of kaleido and plotly.js), so a build that changes no figure
starts no browser.
"""

from __future__ import annotations

import asyncio
import atexit
import copy
import hashlib
import json
import logging
import os
import shutil
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

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
# Widths (CSS px) of the exported pictures; the stylesheet shows the one nearest the width
# of the chart's box (overrides/assets/stylesheets/site.css, "Static charts").
WIDTHS = (360, 540, 720)
NARROW = 600  # px of chart width below which the text is a size smaller (as charts.js)

CACHE_ENV = "CHART_CACHE"  # another folder for the export cache (the tests share one)
DEFAULT_CACHE = Path(".cache/static-charts")
BUNDLE = Path("node_modules/plotly.js-basic-dist-min/plotly-basic.min.js")
EXPORT_TIMEOUT = 60  # seconds for the browser to start or one picture to be drawn

log = logging.getLogger("mkdocs.plugins.static_charts")


class ChartExportError(RuntimeError):
    """The static pictures of a chart could not be made."""


# -- the figure as the page script draws it ----------------------------------------------
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


# -- export and cache ----------------------------------------------------------------------
@dataclass(frozen=True)
class Picture:
    palette: str
    width: int
    height: int
    svg: str


def _versions(bundle: Path) -> str:
    package = bundle.parent / "package.json"
    js = json.loads(package.read_text("utf-8")).get("version", "") if package.is_file() else ""
    return f"kaleido {version('kaleido')}; plotly.js {bundle.name} {js}"


def cache_key(themed_figure: dict, versions: str) -> str:
    text = json.dumps(themed_figure, sort_keys=True, separators=(",", ":")) + "\n" + versions
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def browser_path() -> str | None:
    named = os.environ.get("CHROMIUM")
    if named:
        return named if Path(named).is_file() else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def quiet_browser_driver() -> None:
    """choreographer, kaleido's browser driver, logs a full traceback for a message from the
    browser it cannot read and then goes on without it (seen at shutdown); a failure that
    matters reaches us as an error, which the build reports in one line."""
    # Imported first: its logging library gives the loggers it makes a class of its own.
    import choreographer  # noqa: F401

    logging.getLogger("choreographer").setLevel(logging.CRITICAL)


# What kaleido's page says when it is asked to draw before its scripts have run. Its first
# page can be read that early: it takes the page's script context from the first one the
# browser reports after navigating, which under load can still be the blank page's. After
# every drawing, failed or not, kaleido reloads its page and waits for the new context.
NOT_READY = "kaleido_scopes is not defined"


def retried_once_if_not_ready(draw: Callable[[], bytes]) -> bytes:
    try:
        return draw()
    except Exception as error:  # kaleido's own error types vary between its versions
        if NOT_READY not in str(error):
            raise
        return draw()


class _Kaleido:
    """One kaleido (one headless Chromium) on an event loop of its own thread, so that the
    page macros, which are not asynchronous, can ask it for pictures one at a time."""

    def __init__(self, bundle: Path, browser: str) -> None:
        import kaleido

        quiet_browser_driver()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self._kaleido = kaleido.Kaleido(n=1, plotlyjs=str(bundle.resolve()), mathjax=False,
                                        path=browser, timeout=EXPORT_TIMEOUT)
        self._run(self._kaleido.open())

    def _run(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(EXPORT_TIMEOUT)

    def svg(self, figure: dict) -> str:
        layout = figure["layout"]
        opts = {"format": "svg", "width": layout["width"], "height": layout["height"]}
        return retried_once_if_not_ready(
            lambda: self._run(self._kaleido.calc_fig(figure, opts=opts))).decode("utf-8")

    def close(self) -> None:
        try:
            self._run(self._kaleido.close())
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=10)


class Exporter:
    """Makes and caches the static pictures of figures for one project."""

    def __init__(self, project: Path, cache: Path | None = None,
                 draw: Callable[[dict], str] | None = None) -> None:
        self.project = project
        self.bundle = project / BUNDLE
        env_cache = os.environ.get(CACHE_ENV)
        self.cache = cache or (Path(env_cache) if env_cache else project / DEFAULT_CACHE)
        self._draw = draw  # a stand-in for the browser, for tests
        self._kaleido: _Kaleido | None = None
        self._versions: str | None = None
        self.exported = 0  # pictures drawn (not taken from the cache) since this was made
        self.cached = 0  # pictures taken from the cache

    def versions(self) -> str:
        if self._versions is None:
            self._versions = _versions(self.bundle)
        return self._versions

    def pictures(self, figure: dict, palettes: Iterable[str] = tuple(PALETTES),
                 widths: Iterable[int] = WIDTHS) -> list[Picture]:
        out = []
        for palette in palettes:
            for width in widths:
                fig = themed(figure, palette, width)
                out.append(Picture(palette, width, int(fig["layout"]["height"]),
                                   self._svg(fig)))
        return out

    def _svg(self, fig: dict) -> str:
        file = self.cache / f"{cache_key(fig, self.versions())}.svg"
        if file.is_file():
            self.cached += 1
            return file.read_text("utf-8")
        svg = self._export(fig)
        self.cache.mkdir(parents=True, exist_ok=True)
        partial = file.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(svg, encoding="utf-8")
        partial.replace(file)  # whole or not at all, even with two builds at once
        self.exported += 1
        return svg

    def _export(self, fig: dict) -> str:
        if self._draw is not None:
            return self._draw(fig)
        if self._kaleido is None:
            browser = browser_path()
            if browser is None:
                raise ChartExportError(
                    "Chromium is needed to draw the static charts and was not found: run"
                    " 'make chromium', or set CHROMIUM to the path of a Chromium binary.")
            if not self.bundle.is_file():
                raise ChartExportError(f"{BUNDLE} is missing: run 'make site', which"
                                       " installs it with npm ci.")
            try:
                self._kaleido = _Kaleido(self.bundle, browser)
            except Exception as error:  # noqa: BLE001 - one line for the person building
                raise ChartExportError(
                    f"Chromium ({browser}) could not be started to draw the static charts:"
                    f" {error}") from None
        try:
            return self._kaleido.svg(fig)
        except Exception as error:  # noqa: BLE001
            raise ChartExportError(f"A static chart could not be drawn: {error}") from None

    def close(self) -> None:
        if self._kaleido is not None:
            kaleido, self._kaleido = self._kaleido, None
            kaleido.close()


_current: Exporter | None = None


def start(project: Path) -> Exporter:
    """The exporter of this build (closing the previous build's, under `mkdocs serve`)."""
    global _current
    stop()
    _current = Exporter(project)
    atexit.register(stop)  # a failed build still closes the browser (once registered)
    return _current


def ensure(project: Path) -> Exporter:
    """This build's exporter, started if none is running for `project` (a builder may set
    the macros up once per page; the browser is kept for the whole build)."""
    if _current is None or _current.project != project:
        return start(project)
    return _current


def current() -> Exporter:
    if _current is None:
        raise ChartExportError("static chart export was not started for this build")
    return _current


def stop() -> None:
    global _current
    if _current is not None:
        exporter, _current = _current, None
        exporter.close()
        if exporter.exported or exporter.cached:
            log.info("Static charts: %d pictures drawn, %d taken from the cache (%s)",
                     exporter.exported, exporter.cached, exporter.cache)
