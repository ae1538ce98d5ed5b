"""What a first visit to each page downloads, raw and gzip, and the chart JSON in a page.

A visit is a fresh browser profile (empty cache) loading one page from the local server
until the network has been quiet for half a second; its weight is the sum of every file the
server sent for it. Charts show as pictures inside the page; a visit that `interacts` then
points at every chart, as a reader reaching for it, and waits for each interactive chart.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import html
import re
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page

from .browser import ALL_CHARTS_DRAWN, chart_count, reach_all
from .budgets import GZIP_LEVEL
from .serve import RequestLog, served

# A chart's box: its figure JSON in an attribute, the static pictures inside.
CHART_DIV = re.compile(r'<div\b[^>]*\bclass="[^"]*\bplotly-chart\b[^"]*"[^>]*>'
                       r'(?:<div class="static-chart">(?:<img\b[^>]*>)*</div>)?\s*</div>')
FIGURE_ATTR = re.compile(r'\bdata-figure="([^"]*)"')
ICON_PATHS = """() => [...document.querySelectorAll('link[rel~="icon"]')]
  .map((link) => new URL(link.href).pathname)"""
CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)"')

KINDS = {  # file suffix -> what it is, for the breakdown of a page's weight
    ".html": "html", ".css": "css", ".js": "js", ".json": "data", ".xml": "data",
    ".csv": "data", ".png": "image", ".svg": "image", ".ico": "image", ".woff2": "font",
}


@dataclass(frozen=True)
class Transfer:
    path: str  # relative to the site's base URL; "../versions.json" lies beside the site
    raw: int
    gzip: int
    digest: str  # sha256 of the body, to find the same bytes under two names

    @property
    def kind(self) -> str:
        suffix = Path(self.path).suffix or ".html"
        return KINDS.get(suffix, "other")


@dataclass
class Visit:
    page: str  # URL path relative to the site root: "" for the home page, "response/"
    charts: int
    transfers: list[Transfer] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # requests the server answered 404

    @property
    def raw(self) -> int:
        return sum(t.raw for t in self.transfers)

    @property
    def gzip(self) -> int:
        return sum(t.gzip for t in self.transfers)

    def by_kind(self) -> dict[str, int]:
        """Compressed bytes per kind of file."""
        out: dict[str, int] = {}
        for t in self.transfers:
            out[t.kind] = out.get(t.kind, 0) + t.gzip
        return dict(sorted(out.items()))

    def paths(self) -> list[str]:
        return [t.path for t in self.transfers]


@functools.cache
def _measure(file: Path, size: int, mtime_ns: int) -> tuple[int, str]:
    body = file.read_bytes()
    return len(gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)), \
        hashlib.sha256(body).hexdigest()


def measure_file(path: str, file: Path) -> Transfer:
    stat = file.stat()
    gz, digest = _measure(file, stat.st_size, stat.st_mtime_ns)
    return Transfer(path, stat.st_size, gz, digest)


def site_pages(site: Path) -> list[str]:
    """Every page of a built site as a URL path relative to its root, home page first; not
    those of another site built inside it (the French pages in fr/, with their own sitemap)."""
    inner = [d for d in site.rglob("sitemap.xml") if d.parent != site]
    pages = []
    for file in sorted(site.rglob("*.html")):
        if any(file.is_relative_to(d.parent) for d in inner):
            continue
        rel = file.relative_to(site).as_posix()
        pages.append(rel.removesuffix("index.html") if rel.endswith("index.html") else rel)
    return sorted(pages, key=lambda p: (p != "", p))


def page_file(site: Path, page: str) -> Path:
    """The built file of a page given as a URL path relative to the site root."""
    return site / page / "index.html" if page == "" or page.endswith("/") else site / page


def site_url(site: Path) -> str | None:
    """The address the site was built for, from the home page's canonical link."""
    match = CANONICAL.search((site / "index.html").read_text(encoding="utf-8"))
    return match.group(1) if match else None


def first_visit(browser: Browser, site: Path, page: str, interact: bool = False) -> Visit:
    """Load `page` in a fresh profile and return every file the server sent for it;
    with `interact`, after pointing at every chart and waiting until each is drawn.

    Each visit has a server of its own, so that a request still on its way when a profile
    closes is never counted for the next page."""
    return first_visits(browser, site, [page], interact)[page]


def first_visits(browser: Browser, site: Path, pages: list[str], interact: bool = False,
                 together: int = 4) -> dict[str, Visit]:
    """first_visit() of each page, `together` at a time: each visit still has a fresh
    profile and a server of its own, and the pages load side by side."""
    before, reached = visits_then_reaches(browser, site, pages, together, reach=interact)
    return reached if interact else before


def visits_then_reaches(browser: Browser, site: Path, pages: list[str], together: int = 4,
                        reach: bool = True) -> tuple[dict[str, Visit], dict[str, Visit]]:
    """One first visit to each page (see first_visits), measured twice: once the page has
    loaded with no interaction, and then, if `reach`, after pointing at every chart until
    each is drawn (every file of the visit, before and after; the same as the first
    measure on a page without charts). The second is empty without `reach`."""
    before: dict[str, Visit] = {}
    reached: dict[str, Visit] = {}
    for start in range(0, len(pages), together):
        with ExitStack() as stack:
            started = []
            for page in pages[start:start + together]:
                base, log = stack.enter_context(served(site, site_url(site)))
                context = browser.new_context()
                stack.callback(context.close)
                tab = context.new_page()
                tab.goto(base + page, wait_until="commit")
                started.append((page, base, log, context, tab))
            for page, base, log, context, tab in started:
                tab.wait_for_load_state("load")
                charts = chart_count(tab)
                tab.wait_for_load_state("networkidle")
                _wait_for_icons(tab, log)
                prefix = urlsplit(base).path  # measured while the served folder is still there
                before[page] = _visit(page, charts, prefix, *log.snapshot())
                if reach:
                    if charts:
                        reach_all(tab)
                        tab.wait_for_function(ALL_CHARTS_DRAWN, timeout=30_000)
                        tab.wait_for_load_state("networkidle")
                        _wait_for_icons(tab, log)
                    reached[page] = _visit(page, charts, prefix, *log.snapshot())
                context.close()
    return before, reached


def _visit(page: str, charts: int, prefix: str, sent: list, missing: list[str]) -> Visit:
    return Visit(page, charts, [measure_file(_relative(s.path, prefix), s.file) for s in sent],
                 [_relative(m, prefix) for m in missing])


def _wait_for_icons(tab: Page, log: RequestLog, timeout: float = 5.0) -> None:
    """The browser asks for the page's icon after the page has loaded, at a time of its
    choosing: wait until it has, so that it is counted on every visit alike."""
    icons = set(tab.evaluate(ICON_PATHS))
    deadline = time.monotonic() + timeout
    while icons - {s.path for s in log.snapshot()[0]} and time.monotonic() < deadline:
        time.sleep(0.05)


def _relative(path: str, prefix: str) -> str:
    return path[len(prefix):] if path.startswith(prefix) else "../" + path.lstrip("/")


# -- the charts inside a page ---------------------------------------------------------------
def figures_in(page_html: str) -> list[str]:
    """The figure JSON of every chart in a built page, unescaped."""
    return [html.unescape(m.group(1)) for div in CHART_DIV.finditer(page_html)
            if (m := FIGURE_ATTR.search(div.group(0)))]


def default_embedding(page_html: str) -> str:
    """The same page with each chart as Plotly's default HTML export puts it in a page:
    `to_html(include_plotlyjs=True)`, the whole library inline with every chart."""
    import plotly.io as pio

    def replace(div: re.Match) -> str:
        found = FIGURE_ATTR.search(div.group(0))
        if not found:
            return div.group(0)
        figure = pio.from_json(html.unescape(found.group(1)))
        return pio.to_html(figure, include_plotlyjs=True, full_html=False)

    return CHART_DIV.sub(replace, page_html)
