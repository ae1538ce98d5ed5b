"""Static pictures of the charts, drawn at build time by Plotly's own exporter (kaleido).

Each figure is exported as SVG in the site's light and dark palettes, at a few widths, themed
as the page script gives the interactive chart (chart_theme), so that a page shows its charts
before any script runs, with scripts off and in print.

kaleido drives the Chromium already installed on the machine (Debian's, the one the browser
tests use; CHROMIUM names another) with the site's own copy of plotly.js: nothing is
downloaded. Each new picture then goes through svgo, the SVG optimiser (from npm, with
plotly.js), which draws the same picture in about a quarter fewer bytes. Pictures are cached
on disk by content (the themed figure, which holds palette and width, and the versions of
kaleido, plotly.js and svgo), so a build that changes no figure starts no browser.
"""

from __future__ import annotations

import asyncio
import atexit
import hashlib
import json
import logging
import os
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from .chart_theme import PALETTES, themed

# Widths (CSS px) of the exported pictures; the stylesheet shows the one nearest the width
# of the chart's box (overrides/assets/stylesheets/site.css, "Static charts").
WIDTHS = (360, 540, 720)

CACHE_ENV = "CHART_CACHE"  # another folder for the export cache (the tests share one)
DEFAULT_CACHE = Path(".cache/static-charts")
BUNDLE = Path("node_modules/plotly.js-basic-dist-min/plotly-basic.min.js")
SVGO = Path("node_modules/svgo/package.json")  # installed by npm ci (package.json)
EXPORT_TIMEOUT = 60  # seconds for the browser to start or one picture to be drawn

log = logging.getLogger("mkdocs.plugins.static_charts")


class ChartExportError(RuntimeError):
    """The static pictures of a chart could not be made."""


@dataclass(frozen=True)
class Picture:
    palette: str
    width: int
    height: int
    svg: str


def _package_version(folder: Path) -> str:
    package = folder / "package.json"
    return json.loads(package.read_text("utf-8")).get("version", "") if package.is_file() else ""


def _versions(bundle: Path, svgo: Path) -> str:
    return (f"kaleido {version('kaleido')}; plotly.js {bundle.name} "
            f"{_package_version(bundle.parent)}; svgo {_package_version(svgo.parent)}")


class Svgo:
    """One svgo process (npm's SVG optimiser, default settings: the same drawing in fewer
    bytes) for a whole build, fed one picture at a time (macros/figures/svgo_lines.mjs)."""

    def __init__(self, project: Path) -> None:
        node = shutil.which("node")
        if node is None or not (project / SVGO).is_file():
            raise ChartExportError(f"{SVGO} (and Node.js) is needed to make the static charts"
                                   " smaller: run 'make site', which installs it with npm ci.")
        self._process = subprocess.Popen(
            [node, str(Path(__file__).with_name("svgo_lines.mjs"))], cwd=project,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, encoding="utf-8")

    def optimized(self, svg: str) -> str:
        try:
            self._process.stdin.write(json.dumps(svg) + "\n")
            self._process.stdin.flush()
            line = self._process.stdout.readline()
            return json.loads(line)
        except (OSError, ValueError):
            self._process.kill()
            error = self._process.stderr.read().strip()
            raise ChartExportError(f"svgo could not make a static chart smaller: {error}"
                                   ) from None

    def close(self) -> None:
        if self._process.poll() is None:
            self._process.stdin.close()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()


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
        self.svgo = project / SVGO
        env_cache = os.environ.get(CACHE_ENV)
        self.cache = cache or (Path(env_cache) if env_cache else project / DEFAULT_CACHE)
        self._draw = draw  # a stand-in for the browser, for tests
        self._kaleido: _Kaleido | None = None
        self._svgo: Svgo | None = None
        self._versions: str | None = None
        self.exported = 0  # pictures drawn (not taken from the cache) since this was made
        self.cached = 0  # pictures taken from the cache

    def versions(self) -> str:
        if self._versions is None:
            self._versions = _versions(self.bundle, self.svgo)
        return self._versions

    def pictures(self, figure: dict, palettes: Iterable[str] = tuple(PALETTES),
                 widths: Iterable[int] = WIDTHS) -> list[Picture]:
        # Each width's light and dark pictures side by side: they differ only in colours, so
        # the page compresses the second almost wholly as a reference to the first.
        figs = [(palette, width, themed(figure, palette, width))
                for width in widths for palette in palettes]
        files = [self.cache / f"{cache_key(fig, self.versions())}.svg" for _, _, fig in figs]
        svgs = {file: file.read_text("utf-8") for file in files if file.is_file()}
        self.cached += len(svgs)
        missing = [(file, fig) for file, (_, _, fig) in zip(files, figs, strict=True)
                   if file not in svgs]
        if missing:
            drawn = [self._export(fig) for _, fig in missing]
            if self._draw is None:  # drawn by the browser: made smaller
                if self._svgo is None:
                    self._svgo = Svgo(self.project)
                drawn = [self._svgo.optimized(svg) for svg in drawn]
            self.cache.mkdir(parents=True, exist_ok=True)
            for (file, _), svg in zip(missing, drawn, strict=True):
                partial = file.with_suffix(f".{os.getpid()}.tmp")
                partial.write_text(svg, encoding="utf-8")
                partial.replace(file)  # whole or not at all, even with two builds at once
                svgs[file] = svg
            self.exported += len(missing)
        return [Picture(palette, width, int(fig["layout"]["height"]), svgs[file])
                for (palette, width, fig), file in zip(figs, files, strict=True)]

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
        if self._svgo is not None:
            svgo, self._svgo = self._svgo, None
            svgo.close()
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
