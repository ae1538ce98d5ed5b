"""Byte budgets of the built site, measured on a real strict build in headless Chromium.

Each measured page is opened once in a fresh profile from a local server that logs every
file it sends, so files loaded late (the search index, the chart library once a chart is
reached for) count like the rest. Every page of a language loads the same theme files
(checked on the built pages), so the pages measured are those that can be the heaviest and
those the chart library is measured on; the browser tests check every page's requests.
Charts show at once as static pictures inside the page; the
chart library is fetched only when a reader points at a chart.
Bytes do not vary from run to run, so they are asserted here; times are only reported by
`make bench`.
"""

from __future__ import annotations

import functools
import posixpath
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from perf.budgets import FIGURE_JSON_MAX, PAGE_GZIP_MAX
from perf.weight import (
    Visit,
    default_embedding,
    figures_in,
    first_visit,
    measure_file,
    page_file,
    site_pages,
    site_url,
    visits_then_reaches,
)

pytestmark = [pytest.mark.build, pytest.mark.browser]

BUNDLE = "assets/vendor/plotly-basic.min.js"


# What a page asks for as it loads, written into it: scripts, stylesheets, icons.
LOADED = re.compile(r'<(?:script\b[^>]*\bsrc|link\b[^>]*\brel="(?:stylesheet|icon)"[^>]*\bhref)'
                    r'="([^"]+)"')


def loaded_files(site: Path, page: str) -> frozenset[str]:
    """The files a built page names for loading, as paths from the site's root (the 404
    page names them from the address the site is built for, as it is served anywhere)."""
    folder = "/" + page if page == "" or page.endswith("/") else posixpath.dirname("/" + page)
    root = site_root(site)
    files = set()
    for ref in LOADED.findall(page_file(site, page).read_text("utf-8")):
        if ref.startswith(("data:", "http:", "https:", "//")):
            continue
        if ref.startswith(root):
            ref = "/" + ref[len(root):]
        files.add(posixpath.normpath(posixpath.join(folder.rstrip("/") + "/", ref)))
    return frozenset(files)


@functools.cache
def site_root(site: Path) -> str:
    """The path of the address the site is built for ('/', '/fr/'), read once per site."""
    return urlsplit(site_url(site) or "/").path


def html_gzip(site: Path, page: str) -> int:
    return measure_file(page, page_file(site, page)).gzip


def measured_pages(site: Path) -> list[str]:
    """The pages whose first visits are measured: every page with a chart (the chart library
    is measured on each), the three with the most HTML and the lightest page without a chart.
    Every page loads the same theme files (test_every_page_loads_the_same_files), so the
    heaviest first visit is that of one of the heaviest pages."""
    pages = site_pages(site)
    charts = [p for p in pages if figures_in(page_file(site, p).read_text("utf-8"))]
    heaviest = sorted(pages, key=lambda p: -html_gzip(site, p))[:3]
    plain = [p for p in sorted(pages, key=lambda p: html_gzip(site, p))
             if p and p not in charts][:1]
    return [p for p in pages if p in {*charts, *heaviest, *plain}]


@pytest.fixture(scope="module")
def measured(real_site, browser) -> tuple[dict[str, Visit], dict[str, Visit]]:
    """A first visit to each measured page, measured with no interaction, and then on every
    chart page after pointing at each chart until it is drawn."""
    return visits_then_reaches(browser, real_site.site, measured_pages(real_site.site))


@pytest.fixture(scope="module")
def visits(measured) -> dict[str, Visit]:
    """What each measured page's first visit downloads, with no interaction."""
    return measured[0]


@pytest.fixture(scope="module")
def reached(measured) -> dict[str, Visit]:
    """What each chart page's first visit downloads in all, its charts reached for."""
    return {page: visit for page, visit in measured[1].items() if visit.charts}


def describe(visit: Visit) -> str:
    files = ", ".join(f"{t.path} {t.gzip / 1000:.1f} KB" for t in
                      sorted(visit.transfers, key=lambda t: -t.gzip))
    return f"/{visit.page}: {visit.gzip / 1000:.1f} KB gzip in all ({files})"


def test_heaviest_first_visit_is_within_the_budget(visits):
    heaviest = max(visits.values(), key=lambda v: v.gzip)
    assert heaviest.gzip <= PAGE_GZIP_MAX, describe(heaviest)


def other_languages(site: Path) -> list[Path]:
    """The sites of the other languages, each built inside the first (fr/)."""
    return sorted(d.parent for d in site.glob("*/sitemap.xml"))


def test_each_other_languages_heaviest_page_is_within_the_budget(real_site, browser):
    """A page of another language loads the same theme files as the first language's, with
    its own page, search index and search language support: its heaviest first visit is
    that of its heaviest page, which is visited (the others differ only by a lighter page)."""
    sites = other_languages(real_site.site)
    if not sites:
        pytest.skip("this site is built in one language")
    for site in sites:
        heaviest = max(site_pages(site), key=lambda page: measure_file(
            page, page_file(site, page)).gzip)
        # served with the whole site, as published, for what it asks of the first language
        visit = first_visit(browser, real_site.site, f"{site.name}/{heaviest}")
        assert not visit.missing, describe(visit)
        assert visit.gzip <= PAGE_GZIP_MAX, describe(visit)


def test_every_page_loads_the_same_files(real_site):
    """In each language, every page names the same scripts, stylesheets and icon, so that
    pages differ in weight only by their own HTML (the search index and its language
    support are fetched by the theme's script, the same on every page)."""
    for site in [real_site.site, *other_languages(real_site.site)]:
        by_files: dict[frozenset[str], list[str]] = {}
        for page in site_pages(site):
            by_files.setdefault(loaded_files(site, page), []).append(page)
        assert len(by_files) == 1, {", ".join(pages): sorted(files)
                                    for files, pages in by_files.items()}
        (files,) = by_files
        assert any(f.endswith(".css") for f in files) and any(f.endswith(".js") for f in files)


def test_each_measured_page_was_visited_and_loaded_completely(visits, real_site):
    assert sorted(visits) == sorted(measured_pages(real_site.site))
    assert any(visit.charts for visit in visits.values())
    assert any(not visit.charts for visit in visits.values())
    for visit in visits.values():
        assert not visit.missing, f"/{visit.page} asked for files the site lacks: {visit.missing}"
        paths = visit.paths()
        assert paths[0] == visit.page, paths  # the page itself, then what it loads
        assert any(p.endswith(".css") for p in paths) and any(p.endswith(".js") for p in paths)


def test_the_chart_library_waits_until_a_chart_is_reached_for(visits, reached):
    assert reached, "no page has a chart: the weight of charts is not being measured"
    for visit in visits.values():
        assert BUNDLE not in visit.paths(), describe(visit)
    for visit in reached.values():
        assert visit.paths().count(BUNDLE) == 1, describe(visit)
        assert set(visit.paths()) - set(visits[visit.page].paths()) == {BUNDLE}, describe(visit)


def test_static_pictures_add_no_request(visits, reached):
    """The pictures are inside the page: a chart page asks for no more files than the page
    without charts does, and its HTML carries them in little space."""
    plain = min((v for v in visits.values() if not v.charts and v.page),
                key=lambda v: len(v.transfers))
    for visit in reached.values():
        assert len(visits[visit.page].transfers) <= len(plain.transfers) + 1, \
            describe(visits[visit.page])


def test_no_file_is_downloaded_twice_or_under_two_names(visits, reached):
    for visit in [*visits.values(), *reached.values()]:
        paths = visit.paths()
        assert len(paths) == len(set(paths)), describe(visit)
        by_digest: dict[str, str] = {}
        for t in visit.transfers:
            assert t.digest not in by_digest, f"/{visit.page}: {t.path} = {by_digest[t.digest]}"
            by_digest[t.digest] = t.path


def test_each_figure_json_is_within_the_budget(real_site):
    sizes = {}
    for page in site_pages(real_site.site):
        for i, figure in enumerate(figures_in(page_file(real_site.site, page).read_text("utf-8"))):
            sizes[f"/{page} chart {i + 1}"] = len(figure.encode("utf-8"))
    assert sizes, "no chart found in the built pages"
    over = {name: size for name, size in sizes.items() if size > FIGURE_JSON_MAX}
    assert not over, over


def test_the_budget_would_catch_plotlys_default_embedding(real_site, browser, tmp_path):
    """The measurement is not blind: the same chart page with each chart exported by
    Plotly's to_html(include_plotlyjs=True) is far over the budget."""
    site = tmp_path / "site"
    shutil.copytree(real_site.site, site)
    page = next(p for p in site_pages(site) if figures_in(page_file(site, p).read_text("utf-8")))
    file = page_file(site, page)
    file.write_text(default_embedding(file.read_text("utf-8")), encoding="utf-8")
    visit = first_visit(browser, site, page)
    assert visit.gzip > PAGE_GZIP_MAX, describe(visit)
    assert BUNDLE not in visit.paths()


@pytest.mark.site
def test_the_search_index_leaves_out_charts_and_the_other_studies_tables(real_site):
    """Every first visit downloads the search index: the charts' blocks (their pictures'
    captions, numbers tables and download links) and the tables of the other studies'
    results are kept out of it; the pages' own text stays in."""
    import json

    index = json.loads((real_site.site / "search" / "search_index.json").read_text("utf-8"))
    text = "\n".join(doc["text"] for doc in index["docs"])
    assert "Download these numbers" not in text
    assert "each study as it reported it, not pooled" not in text
    context = [doc for doc in index["docs"] if doc["location"].startswith("context/")]
    assert sum(len(doc["text"]) for doc in context) > 2000  # its prose is still searched
