"""Static pictures of the charts: the themed figure, the export cache, the figure's HTML,
and the pictures of the real build (drawn by kaleido in Chromium)."""

from __future__ import annotations

import html
import json
import logging
import re
import urllib.parse

import pandas as pd
import pytest
from conftest import ROOT, build
from hypothesis import given
from hypothesis import strategies as st

from macros.figures import chart_theme, figure_block, figures, static_charts
from macros.figures.chart_theme import themed
from macros.figures.figure_block import figure_html, svg_data_url
from macros.figures.static_charts import Exporter

IMG = re.compile(r'<img class="static-(\w+) static-w(\d+)" width="(\d+)" height="(\d+)"'
                 r' alt="" src="([^"]+)">')


def summary(labels: list[str]) -> pd.DataFrame:
    return pd.DataFrame({
        "label": labels, "n": [3, 7][:len(labels)], "total": [26, 26][:len(labels)],
        "percent": [11.5, 26.9][:len(labels)], "low": [2.4, 11.6][:len(labels)],
        "high": [30.2, 47.8][:len(labels)], "derived": [False, True][:len(labels)],
        "level": 95,
    })


def figure(labels=("Partial response", "Not reported")) -> dict:
    fig = figures.fig_categories(summary(list(labels)), "A title", "% of patients")
    return json.loads(figures.figure_json(fig))


def test_palettes_give_the_page_colours():
    light, dark = themed(figure(), "light", 720), themed(figure(), "dark", 720)
    assert light["layout"]["paper_bgcolor"] == "rgb(255, 255, 255)"
    assert dark["layout"]["paper_bgcolor"] == "rgb(30, 33, 41)"
    # the reported bar's blue and the derived bar's grey give way where contrast is short
    assert light["data"][0]["marker"]["color"] == [figures.REPORTED, "#767676"]
    assert dark["data"][0]["marker"]["color"] == ["#56B4E9", "#ABABAB"]
    assert light["layout"]["font"]["color"] != dark["layout"]["font"]["color"]
    assert light["layout"]["width"] == 720 and "template" not in light["layout"]


def test_counts_move_beside_the_bars_and_long_labels_wrap_on_narrow_pictures():
    long = "Complete cytogenetic response among the patients treated in chronic phase"
    wide, narrow = themed(figure((long, "Other")), "light", 720), \
        themed(figure((long, "Other")), "light", 360)
    assert [a["text"] for a in wide["layout"]["annotations"]] == ["3/26", "7/26"]
    assert wide["data"][0]["textposition"] == "none"
    ticks = narrow["layout"]["yaxis"]["ticktext"]
    assert ticks[0].count("<br>") >= 2 and ticks[0].replace("<br>", " ") == long
    assert narrow["layout"]["height"] > wide["layout"]["height"]
    assert narrow["layout"]["font"]["size"] < wide["layout"]["font"]["size"]


def fake_draw(calls: list[dict]):
    def draw(fig: dict) -> str:
        calls.append(fig)
        return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{fig["layout"]["width"]}">'
                f'<text>{fig["layout"]["paper_bgcolor"]} &amp; "#1"</text></svg>')
    return draw


def test_the_cache_draws_each_picture_once(tmp_path):
    calls: list[dict] = []
    project = tmp_path / "project"
    exporter = Exporter(project, cache=tmp_path / "cache", draw=fake_draw(calls))
    first = exporter.pictures(figure())
    assert len(first) == len(calls) == len(chart_theme.PALETTES) * len(static_charts.WIDTHS)
    # a later build (a new exporter) with the same figure draws nothing
    again = Exporter(project, cache=tmp_path / "cache", draw=fake_draw(calls))
    assert again.pictures(figure()) == first and len(calls) == 6 and again.cached == 6
    # a changed number changes every picture of that figure
    changed = figure()
    changed["data"][0]["x"][0] = 12.0
    again.pictures(changed)
    assert len(calls) == 12 and again.exported == 6


def test_another_exporter_version_draws_again(tmp_path):
    calls: list[dict] = []
    exporter = Exporter(tmp_path, cache=tmp_path / "cache", draw=fake_draw(calls))
    exporter.pictures(figure(), widths=(720,))
    exporter._versions = "kaleido 99.0; plotly.js 99"
    exporter.pictures(figure(), widths=(720,))
    assert len(calls) == 4


def test_a_missing_browser_is_one_clear_message(tmp_path, monkeypatch):
    monkeypatch.setenv("CHROMIUM", str(tmp_path / "no-such-browser"))
    exporter = Exporter(tmp_path, cache=tmp_path / "cache")
    with pytest.raises(static_charts.ChartExportError, match="make chromium"):
        exporter.pictures(figure(), widths=(720,))


def test_the_browser_drivers_ignored_messages_print_no_traceback(caplog):
    static_charts.quiet_browser_driver()
    pipe = logging.getLogger("choreographer.channels.pipe")
    try:
        raise ValueError("a message from the browser that is not JSON")
    except ValueError:
        pipe.exception("JSONError decoding message. Ignoring")
    pipe.critical("the driver gave up")
    assert [r.getMessage() for r in caplog.records] == ["the driver gave up"]


def test_data_url_keeps_the_picture_and_nothing_that_ends_an_attribute():
    svg = '<svg a="1"><text>x &amp; y\'s #1 <tspan>%</tspan></text></svg>'
    url = svg_data_url(svg)
    assert not set(url) & set('"<>&#\'')
    assert urllib.parse.unquote(url.removeprefix("data:image/svg+xml,")) == svg


@given(st.text())
def test_data_url_encodes_as_urllib_quotes(svg):
    assert svg_data_url(svg) == "data:image/svg+xml," + urllib.parse.quote(
        svg, safe=figure_block._SAFE)


def test_figure_html_holds_pictures_figure_and_escaped_title(tmp_path):
    calls: list[dict] = []
    exporter = Exporter(tmp_path, cache=tmp_path / "cache", draw=fake_draw(calls))
    fig = figures.fig_categories(summary(["A", "B"]), "t", "%")
    title = '<img src=x onerror=alert(1)> & "title"'
    out = str(figure_html("key", title, "caption", fig, "<table></table>", "data:text/csv,a",
                          exporter=exporter))
    assert "<img src=x" not in out and title in html.unescape(out)
    pictures = IMG.findall(out)
    assert {(p, int(w)) for p, w, *_ in pictures} == {
        (p, w) for p in chart_theme.PALETTES for w in static_charts.WIDTHS}
    data = re.search(r'data-figure="([^"]*)"', out).group(1)
    assert json.loads(html.unescape(data)) == json.loads(figures.figure_json(fig))
    assert 'tabindex="0"' in out


@pytest.mark.site
@pytest.mark.build
def colour(css: str) -> tuple[int, ...]:
    """An SVG colour as (red, green, blue), however it is written (#fff, #1e2129, rgb())."""
    css = css.strip()
    if css.startswith("#"):
        digits = css[1:] if len(css) == 7 else "".join(c * 2 for c in css[1:])
        return tuple(int(digits[i:i + 2], 16) for i in (0, 2, 4))
    return tuple(int(v) for v in re.findall(r"\d+", css)[:3])


def test_real_pictures_are_svg_in_both_palettes_with_the_counts(real_site):
    page = real_site.page("response/index.html")
    pictures = IMG.findall(page)
    fig = json.loads(html.unescape(re.search(r'data-figure="([^"]*)"', page).group(1)))
    counts = fig["data"][0]["text"]
    assert len(pictures) == len(chart_theme.PALETTES) * len(static_charts.WIDTHS)
    for palette, width, w_attr, h_attr, src in pictures:
        svg = urllib.parse.unquote(html.unescape(src).removeprefix("data:image/svg+xml,"))
        assert svg.startswith("<svg") and f'width="{width}"' in svg and w_attr == width
        assert f'height="{h_attr}"' in svg
        background = (255, 255, 255) if palette == "light" else (30, 33, 41)
        first_fill = re.search(r"fill:\s*([^;\"]+)", svg.split(">", 2)[1]).group(1)
        assert colour(first_fill) == background, palette
        for count in counts:
            assert f">{count}<" in svg, (palette, width, count)


@pytest.mark.build
def test_a_rebuild_that_changes_no_figure_draws_nothing(real_site):
    project = real_site.site.parent
    again = build(project, project / "site-again")
    assert again.returncode == 0, again.output
    assert re.search(r"Static charts: 0 pictures drawn, \d+ taken from the cache",
                     again.output), again.output


def test_a_drawing_asked_before_the_chart_page_is_ready_is_tried_once_more():
    calls = []

    def draw() -> bytes:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("ReferenceError: kaleido_scopes is not defined at <anonymous>")
        return b"<svg/>"
    assert static_charts.retried_once_if_not_ready(draw) == b"<svg/>"
    assert len(calls) == 2


@pytest.mark.parametrize("failures", [
    RuntimeError("TypeError: Cannot read properties of undefined"),  # another error: at once
    RuntimeError("ReferenceError: kaleido_scopes is not defined"),  # not ready twice: reported
])
def test_any_other_failure_or_a_second_one_reaches_the_build(failures):
    calls = []

    def draw() -> bytes:
        calls.append(1)
        raise failures
    with pytest.raises(RuntimeError):
        static_charts.retried_once_if_not_ready(draw)
    assert len(calls) == (2 if "kaleido_scopes" in str(failures) else 1)


def test_svgo_draws_the_same_picture_in_fewer_bytes(tmp_path):
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50" style=""'
           ' viewBox="0 0 100 50"><g class="layer-below"><g class="imagelayer"/></g>'
           '<rect x="0" y="0" width="100" height="50" style="fill: rgb(255, 255, 255);'
           ' fill-opacity: 1;"/><text class="bartext" x="10.000" y="20.000"'
           ' style="font-size: 12px; fill: rgb(0, 0, 0); fill-opacity: 1;">12/26</text></svg>')
    svgo = static_charts.Svgo(ROOT)
    try:
        smaller = svgo.optimized(svg)
        assert svgo.optimized(svg) == smaller  # one process, picture after picture
    finally:
        svgo.close()
    assert len(smaller) < len(svg)
    assert ">12/26<" in smaller and 'viewBox="0 0 100 50"' in smaller
    # colours written shorter, empty groups gone
    assert "rgb(" not in smaller and "imagelayer" not in smaller
    with pytest.raises(static_charts.ChartExportError, match="make site"):
        static_charts.Svgo(tmp_path)  # a project without node_modules
