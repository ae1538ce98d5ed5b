"""What the browser tests need besides the tests: a local web server, Chromium, a record of
what each page did (console, requests), and axe-core."""

from __future__ import annotations

import functools
import http.server
import json
import os
import threading
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

# Debian's Chromium (make chromium installs it); CHROMIUM names another build of it.
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-gpu",
]
AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
CHARTS = ".plotly-chart[data-figure]"
DRAWN = ".plotly-chart[data-drawn]"
LIVE = ".plotly-chart .live-chart"  # where the interactive chart is drawn, over the picture

# Per chart of the page: the static picture that shows (none, or more than one, is a fault),
# whether it has loaded, and its size against the chart's box.
STATIC_PICTURES = """() => Array.from(document.querySelectorAll('.plotly-chart[data-figure]'))
  .map(el => {
    const box = el.getBoundingClientRect();
    const shown = Array.from(el.querySelectorAll('.static-chart img'))
        .filter(img => getComputedStyle(img).display !== 'none'
                       && getComputedStyle(img.parentNode).visibility !== 'hidden');
    const img = shown[0];
    const r = img ? img.getBoundingClientRect() : null;
    return {id: el.closest('figure') ? el.closest('figure').id : '', shown: shown.length,
            className: img ? img.className : '', loaded: !!img && img.complete
                && img.naturalWidth > 0, width: r ? r.width : 0, height: r ? r.height : 0,
            boxWidth: box.width, boxHeight: box.height};
  })"""


def reach_charts(page, timeout: float = 20_000) -> None:
    """Point at every chart of the page in turn, as a reader does, and wait until each
    interactive chart is drawn."""
    finish_reaching(page, point_at_charts(page), timeout)


def point_at_charts(page) -> int:
    """Point at every chart of the page in turn; returns how many there are. The charts
    are drawn while the test goes on (finish_reaching waits for them): several tabs draw
    theirs at the same time."""
    charts = page.locator(CHARTS)
    count = charts.count()
    for i in range(count):
        charts.nth(i).hover()
    return count


def finish_reaching(page, count: int, timeout: float = 20_000) -> None:
    """Wait until the `count` charts that point_at_charts pointed at are drawn."""
    if count:
        page.wait_for_function(
            f"document.querySelectorAll('{DRAWN}').length === {count}", timeout=timeout)
        # The pointer leaves for the page's left margin, so that it rests on no chart or
        # tooltip of the next page the test opens.
        page.mouse.move(0, (page.viewport_size or {"height": 600})["height"] // 2)
        # Pointing scrolled the page: let the theme's header and links finish their fades.
        settle(page)


def settle(page) -> None:
    """Wait until the page's finite CSS transitions and animations have run: while one runs,
    colours read from the page are somewhere between two of the theme's."""
    page.evaluate("""() => Promise.race([
        Promise.all(document.getAnimations()
            .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
            .map(a => a.finished.catch(() => null))),
        new Promise(done => setTimeout(done, 3000)),  // a paused one would never finish
    ])""")


# The theme's instant navigation follows a link only once it has the site's sitemap (fetched
# when a page first loads): a click before then is an ordinary, full page load.
SITEMAP_READ = """() => {
    const base = JSON.parse(document.querySelector("#__config").textContent).base;
    const sitemap = new URL("sitemap.xml", new URL(base, location.href)).href;
    return performance.getEntriesByType("resource").some(e => e.name === sitemap);
}"""


def open_for_instant_navigation(page, url: str) -> None:
    """Load `url`, then wait until a click on one of its links is instant navigation."""
    page.goto(url)
    page.wait_for_function(SITEMAP_READ)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the name is the base class's
        pass


class SiteServer:
    """A static file server on 127.0.0.1. The port is chosen when the object is made, so a
    site can be built for that address before it is served."""

    def __init__(self) -> None:
        # Bound now, answering once serve() names the folder.
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _QuietHandler)
        self._server.daemon_threads = True
        self.origin = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread: threading.Thread | None = None

    def serve(self, root: Path) -> None:
        self._server.RequestHandlerClass = functools.partial(_QuietHandler, directory=str(root))
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join(timeout=5)
        self._server.server_close()


def page_paths(docs: Path) -> list[str]:
    """Site paths of the Markdown pages (directory URLs), plus the not-found page."""
    paths = []
    for md in sorted(docs.rglob("*.md")):
        rel = md.relative_to(docs).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] in ("index", "README"):
            parts = parts[:-1]
        paths.append("".join(f"{p}/" for p in parts))
    return [*paths, "404.html"]


@dataclass
class PageRecord:
    """What one browser tab did since the last reset."""

    origin: str
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def attach(self, page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.console_errors.append(f"uncaught: {error}"))
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("requestfailed", self._failed)
        page.on("response", self._response)

    def _failed(self, request) -> None:
        # A fetch Chromium itself cancels because the tab moved on (the favicon, the search
        # worker loading its language files) is not a broken page; a missing or refused
        # file is (an HTTP error is recorded from the response, a refusal fails otherwise).
        if "ERR_ABORTED" in (request.failure or ""):
            return
        self.failures.append(f"{request.url}: {request.failure}")

    def _console(self, message) -> None:
        if message.type == "error":
            self.console_errors.append(f"{message.text} ({message.location.get('url', '')})")

    def _response(self, response) -> None:
        if response.status >= 400:
            self.failures.append(f"{response.url}: HTTP {response.status}")

    def reset(self) -> None:
        self.console_errors.clear()
        self.requests.clear()
        self.failures.clear()

    def outside_requests(self) -> list[str]:
        """Requests to any place but the local server (data: URLs never leave the page)."""
        local = urlsplit(self.origin).netloc
        return [url for url in self.requests
                if urlsplit(url).scheme not in ("data", "blob")
                and urlsplit(url).netloc != local]


# What axe checks on a page that is not checked whole: the page's own content. The theme's
# header, navigation, sidebars and footer are the same on every page of a language but for
# the current link, and are checked whole on the first pages of each view.
CONTENT = ".md-content"


def start_axe(page, whole: bool = True) -> None:
    """Start axe-core's full default rule set on the page as it is now (on its content
    alone unless `whole`), without waiting, so that several tabs can be checked at once."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    settle(page)  # axe reads colour contrast from the colours shown now
    # axe.run does most of its work before it first yields: it is started from a timer, so
    # that this call returns at once and each tab's renderer checks its page in parallel.
    page.evaluate("""(content) => {
        const context = content ? {include: [[content]]} : document;
        window.__axeViolations = new Promise(started => setTimeout(started, 0))
            .then(() => axe.run(context, {resultTypes: ["violations"]}))
            .then(result => result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(" ") + " | " + n.failureSummary),
            })));
    }""", None if whole else CONTENT)


def axe_violations(page) -> list[dict]:
    """The violations found by the run start_axe() began (waits for it to finish)."""
    return page.evaluate("() => window.__axeViolations")


def describe(violations: list[dict]) -> str:
    return json.dumps(violations, indent=1)[:4000]


# Layout facts about the charts, read in the page: each chart's picture within its box, and
# every label of the chart within the picture.
CHART_GEOMETRY = """() => Array.from(document.querySelectorAll(".plotly-chart[data-drawn]"))
  .map(el => {
    const box = el.getBoundingClientRect();
    const svg = el.querySelector('svg.main-svg').getBoundingClientRect();
    const texts = Array.from(el.querySelectorAll('svg.main-svg text'))
        .filter(t => t.textContent.trim() && t.getBoundingClientRect().width > 0)
        .map(t => { const r = t.getBoundingClientRect();
                    return {text: t.textContent, left: r.left, right: r.right,
                            top: r.top, bottom: r.bottom}; });
    const outside = texts.filter(t => t.left < svg.left - 1 || t.right > svg.right + 1
                                   || t.top < svg.top - 1 || t.bottom > svg.bottom + 1);
    const overlaps = [];
    const ticks = Array.from(el.querySelectorAll('.ytick text'))
        .map(t => t.getBoundingClientRect()).sort((a, b) => a.top - b.top);
    for (let i = 1; i < ticks.length; i++) {
        if (ticks[i].top < ticks[i - 1].bottom - 1) overlaps.push(i);
    }
    return {id: el.closest('figure') ? el.closest('figure').id : '', boxWidth: box.width,
            svgWidth: svg.width, labels: texts.length, outside: outside.map(t => t.text),
            overlappingTicks: overlaps.length};
})"""


class _ChartFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.figures: list[str] = []
        self.charts = 0
        self._figure = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "figure":
            self._figure = attributes.get("id") or ""
        classes = (attributes.get("class") or "").split()
        if "plotly-chart" in classes and "data-figure" in attributes:
            self.charts += 1
            self.figures.append(self._figure)


def charts_in(page_html: str) -> list[str]:
    """Ids of the figures that hold a chart to draw, in page order ('' for none)."""
    finder = _ChartFinder()
    finder.feed(page_html)
    return finder.figures


# Every word of a table cell, as the browser lays it out: a word whose boxes sit on two lines
# was broken inside ("cardiomyop athy"), which a squeezed column must never do.
WORDS_SPLIT = r"""() => {
  const split = [];
  for (const cell of document.querySelectorAll('.md-typeset table td, .md-typeset table th')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.textContent.matchAll(/[\p{L}\p{N}]{2,}/gu)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const boxes = [...range.getClientRects()].filter(r => r.width > 0);
        if (boxes.length > 1 && boxes.at(-1).top - boxes[0].top > 2) split.push(m[0]);
      }
    }
  }
  return split;
}"""
