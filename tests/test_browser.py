"""The built site in Debian's Chromium: every page in both palettes at phone and desktop width,
the theme's instant navigation, the palette toggle, downloads, print, and axe-core.

The site is built once for the address of a local server (SITE_URL), because the theme's
instant navigation only takes over links that its sitemap lists, and the sitemap's URLs come
from site_url. It is served as the published site is laid out: the release in a folder of its
own (here under the alias `latest`), beside the versions.json that the theme's version menu
reads.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import secrets
import struct
from dataclasses import dataclass
from pathlib import Path

import pytest
from browser_support import (
    AXE,
    CHART_GEOMETRY,
    CHARTS,
    DRAWN,
    LIVE,
    STATIC_PICTURES,
    WORDS_SPLIT,
    PageRecord,
    SiteServer,
    axe_violations,
    charts_in,
    describe,
    finish_reaching,
    open_for_instant_navigation,
    page_paths,
    point_at_charts,
    start_axe,
)
from conftest import ROOT, build, copy_project

from macros.publish.languages import plan, site_languages

pytestmark = pytest.mark.browser

# The site's languages (languages.yml): the first from docs/ at the root, each other from
# docs-<language>/ in <language>/.
LANGUAGES = site_languages(ROOT) or ["en"]
FIRST = LANGUAGES[0]
PAGES = page_paths(ROOT / "docs")
PAGES_BY_LANGUAGE = {lang: PAGES if lang == FIRST else page_paths(ROOT / f"docs-{lang}")
                     for lang in LANGUAGES}
EVERY_PAGE = [(lang, path) for lang, paths in PAGES_BY_LANGUAGE.items() for path in paths]
VIEWS = {  # name: (prefers-color-scheme, viewport width in CSS px)
    "light-1280": ("light", 1280),
    "dark-1280": ("dark", 1280),
    "light-375": ("light", 375),
    "dark-375": ("dark", 375),
}
SCHEME_OF = {"light": "default", "dark": "slate"}
# Each page of the first language is seen in both palettes and at both widths, in two
# views: loaded directly in one and reached by the theme's instant navigation in the other
# (a dark phone and a light desktop, or, every other page, a dark desktop and a light phone),
# so that each of the four views checks half the pages, loaded directly or after the
# theme's page swap. A page the navigation does not list (404.html) is loaded directly in
# both views of its pair. The other languages' pages share the first's layout, styles and
# scripts: they are walked in a dark phone view (where longer words would first overflow),
# and their home and 404 pages loaded directly there too.
PAIRS = (("dark-375", "light-1280"), ("dark-1280", "light-375"))  # (loaded, walked)
LOADED_IN_OTHER_LANGUAGES = ("", "404.html")
NOT_WALKED = ("404.html",)


def views_of(lang: str, path: str) -> tuple[str, ...]:
    """The views that load the page directly."""
    if lang != FIRST:
        return ("dark-375",) if path in LOADED_IN_OTHER_LANGUAGES else ()
    loaded, walked = PAIRS[PAGES_BY_LANGUAGE[lang].index(path) % 2]
    return (loaded, walked) if path in NOT_WALKED else (loaded,)


def walked_in(lang: str, path: str) -> str | None:
    """The view that reaches the page by instant navigation."""
    if path in NOT_WALKED:
        return None
    return PAIRS[PAGES_BY_LANGUAGE[lang].index(path) % 2][1] if lang == FIRST else "dark-375"


def whole_page(lang: str, path: str) -> bool:
    """axe-core checks the whole page, the theme's header, navigation and footer with the
    content, on the first two pages, which between them are seen in every view."""
    return PAGES_BY_LANGUAGE[lang].index(path) < 2


DIRECT = [(lang, path) for lang, path in EVERY_PAGE if views_of(lang, path)]
BUNDLE = "assets/vendor/plotly-basic.min.js"
PICTURE_WIDTH = {375: 360, 1280: 720}  # viewport width -> width of the static picture shown
RELEASE_DIR = "latest"
VERSIONS = [{"version": "current", "title": "current", "aliases": [RELEASE_DIR]}]


# Tables wider than the text column they sit in (each row a card on a phone, cells wrapping
# on a desktop: a table never needs to scroll sideways).
# A table may be wider than the column only inside a box of its own that scrolls sideways
# (words never break inside: a few columns of long words then scroll, the page does not).
TABLE_GEOMETRY = """() => Array.from(document.querySelectorAll("article table")).map(t => {
  const box = t.closest(".table-wrap");
  const scrolls = box && ["auto", "scroll"].includes(getComputedStyle(box).overflowX);
  const shown = scrolls ? box : t;
  return {
    caption: t.caption ? t.caption.textContent.slice(0, 60) : "",
    width: Math.round(Math.max(shown.getBoundingClientRect().width,
                               scrolls ? 0 : t.scrollWidth)),
    column: Math.round(t.closest("article").getBoundingClientRect().width),
  };
}).filter(t => t.width > t.column + 1)"""


# -- fixtures -------------------------------------------------------------------------------

@dataclass
class Site:
    base: str  # URL of the release folder, ending in /
    root: Path

    def url(self, path: str) -> str:
        return self.base + path

    def html(self, path: str) -> str:
        file = self.root / (path if path.endswith(".html") else path + "index.html")
        return file.read_text(encoding="utf-8")

    def figures(self, path: str) -> list[str]:
        return charts_in(self.html(path))


@dataclass
class Tab:
    page: object
    record: PageRecord
    width: int
    scheme: str


@pytest.fixture(scope="session")
def sites(tmp_path_factory, real_site) -> dict[str, Site]:
    """Both languages, laid out as a release publishes them: the English pages in the
    release's folder, the French in fr/ and the release's folder, each beside its
    versions.json. Built after the real build (`real_site`), whose chart pictures are then
    in the run's picture cache."""
    server = SiteServer()
    work = tmp_path_factory.mktemp("served")
    project = copy_project(work / "project", french=True)
    www = work / "www"
    layout = [(lang or FIRST, config, folder) for lang, config, folder in plan(project, "")]
    bases = {lang: f"{server.origin}/{folder}{RELEASE_DIR}/" for lang, _c, folder in layout}
    built = {}
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SITE_URL", bases[FIRST])
        if "fr" in bases:
            env.setenv("SITE_URL_FR", bases["fr"])
        env.setenv("DEPLOY_RELEASE", RELEASE_DIR)  # the language menu, as make deploy sets it
        for lang, config, folder in layout:
            built[lang] = build(project, www / folder / RELEASE_DIR, "-f", config)
            assert built[lang].returncode == 0, built[lang].output
    for folder in {www / folder for _lang, _config, folder in layout}:
        (folder / "versions.json").write_text(json.dumps(VERSIONS), encoding="utf-8")
    server.serve(www)
    yield {lang: Site(bases[lang], built[lang].site) for lang in bases}
    server.stop()


@pytest.fixture(scope="session")
def site(sites) -> Site:
    return sites[FIRST]


def new_tab(browser, site: Site, colour: str, width: int) -> Tab:
    context = browser.new_context(viewport={"width": width, "height": 900},
                                  color_scheme=colour, accept_downloads=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    record = PageRecord(site.base)
    record.attach(page)
    return Tab(page, record, width, SCHEME_OF[colour])


@pytest.fixture
def fresh_tab(browser, site):
    """A tab of its own, for tests that change stored settings or emulated media."""
    made = []

    def make(colour: str = "light", width: int = 1280) -> Tab:
        made.append(new_tab(browser, site, colour, width))
        return made[-1]

    yield make
    for tab in made:
        tab.page.context.close()


# -- helpers --------------------------------------------------------------------------------

def wait_for_charts(page, figures: list[str]) -> None:
    """Reach for each of the page's charts (by figure id), and wait until each is drawn."""
    finish_charts(page, figures, start_charts(page, figures))


def start_charts(page, figures: list[str]) -> int:
    """Point at each of the page's charts (by figure id); returns how many were pointed at.
    They are drawn while the test goes on to another tab."""
    if not figures:
        return 0
    # the page's own charts, not those of the page that instant navigation is leaving
    page.wait_for_function(
        "([sel, n]) => document.querySelectorAll(sel).length === n",
        arg=[", ".join(f"#{f} {CHARTS}" for f in figures), len(figures)])
    return point_at_charts(page)


def finish_charts(page, figures: list[str], pointed: int) -> None:
    """Wait until each chart that start_charts pointed at is drawn."""
    if figures:
        finish_reaching(page, pointed)
        selector = ", ".join(f"#{f} {DRAWN}" for f in figures)
        page.wait_for_function(
            "([sel, n]) => document.querySelectorAll(sel).length === n",
            arg=[selector, len(figures)],
        )


def static_problems(tab: Tab, figures: list[str], fresh: bool = True) -> list[str]:
    """Before any interaction: each chart shows one loaded picture, in the palette and at the
    width of the view, filling its box; on a `fresh` visit plotly.js has not been fetched."""
    problems = []
    pictures = tab.page.evaluate(STATIC_PICTURES)
    if [p["id"] for p in pictures] != figures:
        problems.append(f"charts {[p['id'] for p in pictures]}, expected {figures}")
    palette = "dark" if tab.scheme == "slate" else "light"
    expected = f"static-{palette} static-w{PICTURE_WIDTH[tab.width]}"
    for picture in pictures:
        if picture["shown"] != 1 or not picture["loaded"]:
            problems.append(f"{picture['id']}: {picture['shown']} pictures shown, loaded:"
                            f" {picture['loaded']}")
        elif picture["className"] != expected:
            problems.append(f"{picture['id']}: shows {picture['className']}, not {expected}")
        elif abs(picture["width"] - picture["boxWidth"]) > 1 or picture["height"] < 100:
            problems.append(f"{picture['id']}: picture does not fill its box: {picture}")
    if fresh and any(url.endswith(BUNDLE) for url in tab.record.requests):
        problems.append("plotly.js fetched before any chart was reached for")
    return problems


def start_reach(tab: Tab, figures: list[str]) -> tuple[list[dict], int]:
    """Reach for every chart (reach_problems ends it): the pictures' boxes before, and how
    many charts were pointed at."""
    before = tab.page.evaluate(STATIC_PICTURES)
    return before, start_charts(tab.page, figures)


def reach_problems(tab: Tab, figures: list[str], started: tuple[list[dict], int]) -> list[str]:
    """Once the charts that start_reach pointed at are drawn, the interactive charts take
    the pictures' place at their size."""
    before, pointed = started
    finish_charts(tab.page, figures, pointed)
    after = tab.page.evaluate(STATIC_PICTURES)
    return [f"{b['id']}: box moved from {b['boxWidth']}x{b['boxHeight']} to"
            f" {a['boxWidth']}x{a['boxHeight']} when drawn"
            for b, a in zip(before, after, strict=True)
            if abs(b["boxWidth"] - a["boxWidth"]) > 1 or abs(b["boxHeight"] - a["boxHeight"]) > 1]


def assert_clean(tab: Tab) -> None:
    assert tab.record.console_errors == [], "console errors"
    assert tab.record.outside_requests() == [], "requests to another host"
    assert tab.record.failures == [], "failed requests"


def chart_state(page, figure: str) -> dict:
    return page.evaluate("""(id) => {
        const el = document.querySelector('#' + id + ' .plotly-chart .live-chart');
        const full = el._fullLayout;
        return {paper: full.paper_bgcolor, font: full.font.color, width: full.width,
                colours: el._fullData.map(t => t.marker.color),
                body: getComputedStyle(document.body).backgroundColor,
                scheme: document.body.getAttribute('data-md-color-scheme')};
    }""", figure)


def luminance(colour: str) -> float:
    channels = [int(float(v)) / 255 for v in re.findall(r"[\d.]+", colour)[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def chart_pages(site: Site) -> list[str]:
    return [p for p in PAGES if site.figures(p)]


# -- every page, every view -----------------------------------------------------------------

def test_pages_cover_the_sitemap(site):
    listed = re.findall(r"<loc>([^<]+)</loc>", (site.root / "sitemap.xml").read_text())
    assert sorted(url.removeprefix(site.base) for url in listed) \
        == sorted(p for p in PAGES if p != "404.html")


def test_chart_macros_reach_the_pages(site):
    """Each chart a page's Markdown asks for is in its HTML: the counts below are not empty."""
    for path in PAGES:
        if path == "404.html":
            continue
        md = ROOT / "docs" / (path.rstrip("/") + ".md" if path else "index.md")
        asked = len(re.findall(r"\{\{\s*\w+_chart\(", md.read_text(encoding="utf-8")))
        assert len(site.figures(path)) >= asked, path
    assert chart_pages(site), "no page has a chart"


@pytest.fixture(scope="session")
def views(browser, site) -> dict[str, Tab]:
    """One tab per view, reused by every page test. Every page these tabs load is checked
    by axe-core, which each page is given as it starts (sending it to every page after its
    load took a third of a second per page and view)."""
    tabs = {name: new_tab(browser, site, *view) for name, view in VIEWS.items()}
    for tab in tabs.values():
        tab.page.context.add_init_script(path=str(AXE))
    return tabs


def view_problems(tab: Tab, figures: list[str], direct: bool = True,
                  axe: bool = True) -> list[str]:
    """Everything wrong with the page as one view shows it (empty when all is well).
    `direct`: the page was loaded by itself, not reached by instant navigation; `axe`: an
    axe-core run was started on it (start_axe)."""
    page = tab.page
    problems = []
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    if scheme != tab.scheme:
        problems.append(f"palette {scheme}, expected {tab.scheme}")
    drawn = page.locator(DRAWN).count()
    if drawn != len(figures):
        problems.append(f"{drawn} charts drawn, expected {len(figures)}")

    # plotly.js: from the site itself, once, and only where there is a chart to draw. (The
    # theme's instant navigation drops head elements that the next page does not have.)
    bundles = page.locator(f"script[src$='{BUNDLE}']").count()
    if direct and bundles != (1 if figures else 0):
        problems.append(f"plotly.js included {bundles} times")
    if page.locator("script:not([src])").filter(has_text="Plotly").count():
        problems.append("plotly.js code inline in the page")

    for chart in page.evaluate(CHART_GEOMETRY):
        if chart["svgWidth"] > chart["boxWidth"] + 1:
            problems.append(f"{chart['id']} is wider than its box: {chart}")
        if chart["outside"]:
            problems.append(f"{chart['id']}: labels cut off: {chart['outside']}")
        if chart["overlappingTicks"]:
            problems.append(f"{chart['id']}: category labels overlap")

    for wide in page.evaluate(TABLE_GEOMETRY):
        problems.append(f"table wider than the text column: {wide}")
    broken = page.evaluate(WORDS_SPLIT)
    if broken:
        problems.append(f"words broken inside in a table: {broken}")

    scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
    if scroll_width > tab.width:
        problems.append(f"page scrolls sideways at {tab.width}px: {scroll_width}px wide")

    violations = axe_violations(page) if axe else []
    if violations:
        problems.append("axe-core violations: " + describe(violations))
    problems += [f"console error: {e}" for e in tab.record.console_errors]
    problems += [f"request to another host: {u}" for u in tab.record.outside_requests()]
    problems += [f"failed request: {f}" for f in tab.record.failures]
    return problems


@pytest.mark.parametrize(("lang", "path"), DIRECT,
                         ids=[f"{lang}-{path.strip('/') or 'home'}" for lang, path in DIRECT])
def test_page(sites, views, lang, path):
    """Loaded directly in its views (views_of): the page's charts drawn, nothing clipped, no
    sideways scrolling, no console error, nothing fetched from another host, and no
    axe-core violation. The views load and run axe side by side."""
    site = sites[lang]
    views = {name: tab for name, tab in views.items() if name in views_of(lang, path)}
    figures = site.figures(path)
    for tab in views.values():
        tab.record.reset()
        tab.page.goto(site.url(path), wait_until="commit")
    early, started = {}, {}
    for name, tab in views.items():  # the views draw their charts side by side
        tab.page.wait_for_load_state("load")
        early[name] = static_problems(tab, figures)
        started[name] = start_reach(tab, figures)
    for name, tab in views.items():
        early[name] += reach_problems(tab, figures, started[name])
        start_axe(tab.page, whole=whole_page(lang, path))
    problems = {name: early[name] + view_problems(tab, figures) for name, tab in views.items()}
    assert {name: found for name, found in problems.items() if found} == {}


# -- behaviour ------------------------------------------------------------------------------

def open_first_chart(site, fresh_tab, colour):
    """A new tab on the first chart page, its charts drawn: (tab, page path, figure id)."""
    path = chart_pages(site)[0]
    tab = fresh_tab(colour)
    tab.page.goto(site.url(path))
    assert static_problems(tab, site.figures(path)) == []
    wait_for_charts(tab.page, site.figures(path))
    return tab, path, site.figures(path)[0]


def test_palette_toggle_recolours_chart(site, fresh_tab):
    tab, path, figure = open_first_chart(site, fresh_tab, "light")
    page = tab.page
    light = chart_state(page, figure)
    assert light["scheme"] == "default" and light["paper"] == light["body"]

    page.locator("form[data-md-component=palette] label:visible").click()
    page.wait_for_function(
        "([id, before]) => document.querySelector('#' + id + ' .live-chart')"
        "._fullLayout.paper_bgcolor !== before", arg=[figure, light["paper"]])
    dark = chart_state(page, figure)
    assert dark["scheme"] == "slate"
    assert dark["paper"] == dark["body"], "chart background is not the page background"
    assert luminance(dark["paper"]) < 0.1 < luminance(light["paper"])
    assert luminance(dark["font"]) > 0.5 > luminance(light["font"])
    assert dark["colours"] != light["colours"], "bar colours did not follow the palette"

    page.locator("form[data-md-component=palette] label:visible").click()
    page.wait_for_function(
        "([id, before]) => document.querySelector('#' + id + ' .live-chart')"
        "._fullLayout.paper_bgcolor !== before", arg=[figure, dark["paper"]])
    assert chart_state(page, figure)["paper"] == light["paper"]
    assert_clean(tab)


def test_instant_navigation_draws_charts_forward_and_back(site, fresh_tab):
    # two pages with charts, or the one a smaller site has and then a page without
    charted = chart_pages(site)
    first, second = [*charted, *(p for p in PAGES if p and p != "404.html"
                                 and p not in charted)][:2]
    tab = fresh_tab("light")
    page = tab.page
    open_for_instant_navigation(page, site.url(""))
    marker = secrets.token_hex(8)

    def at(path: str) -> re.Pattern:
        # Pointing at a chart scrolls to it, and the theme then adds the heading in view
        # to the address (navigation.tracking).
        return re.compile(re.escape(site.url(path)) + r"(#[^/]*)?$")
    page.evaluate("(m) => { window.__sameDocument = m; }", marker)

    def follow(path: str) -> None:
        page.locator(f".md-sidebar--primary a.md-nav__link[href$='/{path}']").click()
        page.wait_for_url(at(path))
        check(path)

    def check(path: str) -> None:
        # the address changes before the theme has swapped the page in (also going back)
        page.wait_for_function(SWAPPED_IN, arg=first_heading(site.html(path)))
        wait_for_charts(page, site.figures(path))
        assert page.evaluate("window.__sameDocument") == marker, \
            f"{path} was loaded by a full page load, not by instant navigation"
        assert page.locator(DRAWN).count() == len(site.figures(path))
        for chart in page.evaluate(CHART_GEOMETRY):
            assert chart["outside"] == [], f"{path}: chart drawn without its styles"

    follow(first)
    follow(second)
    page.go_back()
    page.wait_for_url(at(first))
    check(first)
    page.go_back()
    page.wait_for_url(at(""))
    check("")
    page.go_forward()
    page.wait_for_url(at(first))
    check(first)

    loads = [u for u in tab.record.requests if u.endswith(BUNDLE)]
    assert len(loads) == 1, "plotly.js should be fetched once for the whole visit"
    assert_clean(tab)


SWAPPED_IN = """(id) => {
    const heading = document.querySelector("article h1");
    const skip = document.querySelector("a.md-skip");
    return heading !== null && heading.id === id
        && (skip === null || skip.getAttribute("href").endsWith("#" + id));
}"""


def first_heading(page_html: str) -> str:
    found = re.search(r'<h1 id="([^"]+)"', page_html)
    assert found, "the page has no heading with an id"
    return html.unescape(found.group(1))


@pytest.mark.parametrize("lang", sorted(PAGES_BY_LANGUAGE))
def test_every_page_by_instant_navigation(sites, views, lang):
    """The walk goes through the whole site by the navigation's links, each page in the
    view that walks it (walked_in), without a single full page load: every page drawn and
    clean as when loaded directly, and axe-clean after the theme's page swap."""
    site = sites[lang]
    paths = [p for p in PAGES_BY_LANGUAGE[lang] if walked_in(lang, p)]
    views = {name: tab for name, tab in views.items()
             if name in {walked_in(lang, p) for p in paths}}
    marker = secrets.token_hex(8)
    for tab in views.values():
        open_for_instant_navigation(tab.page, site.url("404.html"))
        tab.page.evaluate("(m) => { window.__sameDocument = m; }", marker)
        tab.record.reset()
    problems: dict[str, list[str]] = {}
    for path in paths:
        name = walked_in(lang, path)
        tab = views[name]
        figures = site.figures(path)
        # The navigation's own link; on a phone it sits in the closed drawer, so the click
        # is dispatched to it rather than made with the pointer.
        tab.page.locator(f".md-nav--primary a.md-nav__link[href='{site.url(path)}']") \
            .first.dispatch_event("click")
        tab.page.wait_for_url(site.url(path))
        # The address changes before the theme has swapped the page in: wait for the new
        # page's heading, and the skip link to it, before reading the page.
        tab.page.wait_for_function(SWAPPED_IN, arg=first_heading(site.html(path)))
        tab.page.wait_for_function("(n) => document.querySelectorAll("
                                   f"'{CHARTS}').length === n", arg=len(figures))
        found = static_problems(tab, figures, fresh=False)
        found += reach_problems(tab, figures, start_reach(tab, figures))
        start_axe(tab.page, whole=whole_page(lang, path))
        found += view_problems(tab, figures, direct=False)
        if tab.page.evaluate("window.__sameDocument") != marker:
            found.append("reached by a full page load, not by instant navigation")
        problems.update({f"{name} {path or 'home'}": found} if found else {})
        tab.record.reset()
    assert problems == {}, '\n'.join(f'{k}: {v}' for k, v in problems.items())
    for tab in views.values():
        assert tab.page.evaluate("window.__sameDocument") == marker


@pytest.mark.site
@pytest.mark.skipif(LANGUAGES[:2] != ["en", "fr"],
                    reason="languages.yml does not list English then French")
def test_the_language_menu_opens_the_same_page_in_the_other_language(sites, fresh_tab):
    tab = fresh_tab()
    page = tab.page
    page.goto(sites["en"].url("survival/"))
    for lang, other in (("fr", "en"), ("en", "fr")):
        page.wait_for_load_state("networkidle")  # the search index and its language support
        page.locator(f'.md-select__link[hreflang="{lang}"]').dispatch_event("click")
        page.wait_for_url(sites[lang].url("survival/"))
        assert page.evaluate("document.documentElement.lang") == lang
        assert page.locator(f'.md-select__link[hreflang="{other}"]').count() == 1
    page.wait_for_load_state("networkidle")
    assert_clean(tab)


def test_keyboard_reaches_chart_toolbar_and_download(site, fresh_tab):
    """Tab onto a chart draws it; Tab goes on to its toolbar, then to its download link."""
    path = chart_pages(site)[0]
    figure = site.figures(path)[0]
    tab = fresh_tab("light")
    page = tab.page
    page.goto(site.url(path))
    # Start from the last link or control before the figure, then walk on with Tab.
    page.evaluate("""(id) => {
        const figure = document.getElementById(id);
        const before = Array.from(document.querySelectorAll(
                'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])'))
            .filter(el => el.compareDocumentPosition(figure) & Node.DOCUMENT_POSITION_FOLLOWING)
            .filter(el => el.getClientRects().length);
        before[before.length - 1].focus();
    }""", figure)
    seen_chart = seen_button = False
    for _ in range(40):
        fetched_before = any(url.endswith(BUNDLE) for url in tab.record.requests)
        page.keyboard.press("Tab")
        focus = page.evaluate("""(id) => {
            const el = document.activeElement;
            const fig = el.closest('#' + id);
            return {inFigure: !!fig, chart: el.matches('.plotly-chart'),
                    button: el.matches('.modebar-btn'),
                    download: el.matches('.chart-download a'),
                    shown: el.matches('.modebar-btn')
                        ? getComputedStyle(el.closest('.modebar-group')).opacity : null};
        }""", figure)
        if focus["inFigure"] and focus["chart"]:
            assert not fetched_before, "plotly.js was fetched before the chart was reached"
            page.wait_for_selector(f"#{figure} {DRAWN}")
            seen_chart = True
        if focus["inFigure"] and focus["button"]:
            assert focus["shown"] == "1", "the focused toolbar button is invisible"
            seen_button = True
        if focus["inFigure"] and focus["download"]:
            break
    else:
        pytest.fail("the chart's download link was never reached with the Tab key")
    assert seen_chart, "the chart itself was not reached with the Tab key"
    assert seen_button, "the chart's toolbar was not reached with the Tab key"
    assert_clean(tab)


def test_a_tap_draws_the_chart(browser, site):
    path = chart_pages(site)[0]
    figure = site.figures(path)[0]
    context = browser.new_context(viewport={"width": 375, "height": 800}, has_touch=True,
                                  is_mobile=True)
    try:
        page = context.new_page()
        record = PageRecord(site.base)
        record.attach(page)
        page.goto(site.url(path))
        chart = page.locator(f"#{figure} .plotly-chart")
        chart.scroll_into_view_if_needed()
        assert page.locator(DRAWN).count() == 0
        chart.tap()
        page.wait_for_selector(f"#{figure} {DRAWN}", timeout=15_000)
        assert record.console_errors == [] and record.failures == []
    finally:
        context.close()


@pytest.mark.parametrize("width", sorted(PICTURE_WIDTH))
def test_charts_show_with_javascript_off(browser, site, width):
    """With scripts off, every chart page shows a loaded picture of each chart."""
    context = browser.new_context(viewport={"width": width, "height": 900},
                                  java_script_enabled=False)
    try:
        page = context.new_page()
        for path in chart_pages(site):
            page.goto(site.url(path))
            tab = Tab(page, PageRecord(site.base), width, "default")
            assert static_problems(tab, site.figures(path)) == [], path
            assert page.locator(f"{CHARTS} .static-chart img:visible").count() \
                == len(site.figures(path))
    finally:
        context.close()


def test_numbers_download_as_csv_and_chart_as_png(site, fresh_tab):
    tab, path, figure = open_first_chart(site, fresh_tab, "light")
    page = tab.page

    with page.expect_download() as download:
        page.locator(f"#{figure} .chart-download a").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    table = page.locator(f"#{figure} table tbody tr").evaluate_all(
        "rows => rows.map(r => Array.from(r.cells).map(c => c.textContent.trim()))")
    records = list(csv.DictReader(io.StringIO(text)))
    assert len(records) == len(table) > 0
    for record, row in zip(records, table, strict=True):
        assert row[0].startswith(record["category"])
        assert row[1].startswith(f'{record["n"]}/{record["total"]} ('), (record, row)

    button = page.locator(f"#{figure} .modebar-btn")
    assert button.count() == 1, "the toolbar should offer the PNG download only"
    button.focus()
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    png = Path(download.value.path()).read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    drawn = chart_state(page, figure)["width"]
    assert width == 2 * drawn and height > 100
    assert_clean(tab)


def test_print_shows_light_pictures(site, fresh_tab):
    """Printed, a chart is its light picture, whatever the screen palette, even once the
    interactive chart has been drawn; back on screen the interactive chart shows again."""
    tab, path, figure = open_first_chart(site, fresh_tab, "dark")
    page = tab.page
    screen = chart_state(page, figure)
    assert luminance(screen["paper"]) < 0.1

    page.emulate_media(media="print")
    picture = next(p for p in page.evaluate(STATIC_PICTURES) if p["id"] == figure)
    assert picture["shown"] == 1 and picture["loaded"], picture
    assert picture["className"] == "static-light static-w720"
    assert page.locator(f"#{figure} {LIVE}").is_hidden()
    assert page.locator(f"#{figure} table").is_visible()
    assert page.pdf(format="A4")[:5] == b"%PDF-"

    page.emulate_media(media="screen")
    assert page.locator(f"#{figure} {LIVE}").is_visible()
    assert chart_state(page, figure)["paper"] == screen["paper"]
    assert_clean(tab)
