"""A site built from valid data whose every free-text field holds hostile text.

The payloads (tests/corpus.py) try to close a script, add an element with an event handler,
make a javascript: link through Markdown, run Jinja, break out of an attribute, open an HTML
comment and sneak in pre-escaped markup. Every one must reach the reader as the literal text
that was typed: in page text, in tables, in tooltips (title=), in the chart JSON of
data-figure attributes and in Plotly's labels, with Jinja never evaluated. The same site is
then opened in Chromium: no dialog, no script run, no element the data injected.
The charts' static pictures are drawn by a stand-in: a picture reaches its page as a data:
address that no text can end (tests/test_static_charts.py, for any text whatever).
"""

from __future__ import annotations

import html
import json
import re
import threading
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, Build, build_both, copy_project, without_pictures
from corpus import PAYLOADS, TEXT_FIELDS, make_hostile, marker
from lxml import etree

from macros.publish.languages import plan

# Fields the site does not show anywhere (kept in the data for completeness); their text
# must still never appear unescaped.
# (A certainty reason is shown on the summary of findings only where it lowered or raised the
# rating, and every reason on the evidence profile; a certainty statement is shown only for a
# rating above very low, which the real data do not have.)
NOT_SHOWN = {("study.yml", "source_kind"), ("study.yml", "population"),
             ("certainty.csv", "inconsistency_reason"),
             ("certainty.csv", "publication_bias_reason"),
             ("certainty.csv", "statement"),
             ("study.yml", "cited_evidence")}
# Elements that data text could use to run code or change the page.
RISKY_TAGS = ("script", "img", "iframe", "object", "embed", "style", "link", "meta", "base",
              "form", "input", "svg", "math", "video", "audio", "source")
# Plotly reads these few tags in its labels; everything else must arrive as text.
PLOTLY_OWN_TAGS = re.compile(r"<br>")


class Parsed:
    """Elements, attributes and text of a page, as an HTML parser (libxml2's, through lxml)
    splits them."""

    def __init__(self, page: str) -> None:
        self.tags: Counter[str] = Counter()
        self.attributes: list[tuple[str, str, str]] = []  # (tag, name, value)
        self.texts: list[str] = []
        self.scripts: list[str] = []
        self.json_ld: list[str] = []  # data for software, never run: checked on its own
        self._in: list[str] = []
        parser = etree.HTMLParser(target=self, huge_tree=True, no_network=True)
        parser.feed(page)
        parser.close()

    # the parser's target interface
    def start(self, tag, attrib):
        self.tags[tag] += 1
        self.attributes += [(tag, name, value or "") for name, value in attrib.items()]
        if tag == "script" and attrib.get("type") == "application/ld+json":
            self._in.append("ld+json")
        elif tag in ("script", "style"):
            self._in.append(tag)

    def end(self, tag):
        if self._in and self._in[-1] == ("ld+json" if tag == "script" else tag):
            self._in.pop()
        elif self._in and self._in[-1] == tag:
            self._in.pop()

    def data(self, data):
        if self._in and self._in[-1] == "ld+json":
            self.json_ld.append(data)
        elif self._in and self._in[-1] == "script":
            self.scripts.append(data)
        elif not self._in:
            self.texts.append(data)

    def close(self) -> None:
        pass

    @property
    def text(self) -> str:
        return "".join(self.texts)

    def values(self, name: str) -> list[str]:
        return [v for _, n, v in self.attributes if n == name]


def pages_of(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(site.rglob("*.html"))}


@pytest.fixture(scope="module")
def server():
    """A local server, bound before the build so the site can be built for its address."""
    from browser_support import SiteServer

    server = SiteServer()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, server) -> tuple[Build, dict]:
    work = tmp_path_factory.mktemp("hostile")
    project = without_pictures(copy_project(work / "project", french=True))
    written = make_hostile(project / "data")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SITE_URL", server.origin + "/")
        result = build_both(project, work / "site")
    assert result.returncode == 0, result.output[-3000:]
    return result, written


@pytest.fixture(scope="module")
def parsed(hostile) -> dict[str, Parsed]:
    result, _ = hostile
    return {name: Parsed(page) for name, page in pages_of(result.site).items()}


def tooltip(title: str) -> str:
    """What the theme shows for a title attribute: it reads the attribute's text as HTML."""
    return html.unescape(title)


def shown_everywhere(parsed: dict[str, Parsed]) -> str:
    """All text a reader can see or hover, over the whole site."""
    parts = []
    for p in parsed.values():
        parts.append(p.text)
        parts += [tooltip(t) for t in p.values("title")] + p.values("aria-label")
    return "\n".join(parts)


# -- the build ------------------------------------------------------------------------------

# First in the file: it compares with the real build (real_site), made once per run by
# the first test that needs it; started here, beside the other worker's first file, it is
# ready before the browser tests and the deploy need it.
def test_no_page_gets_an_element_or_handler_from_the_data(real_site, hostile, parsed):
    real = {name: Parsed(page) for name, page in pages_of(real_site.site).items()}
    assert set(real) == set(parsed)
    for name, p in parsed.items():
        for tag in RISKY_TAGS:
            assert p.tags[tag] == real[name].tags[tag], (name, tag)
        handlers = [(t, n) for t, n, _ in p.attributes if n.startswith("on")]
        assert handlers == [(t, n) for t, n, _ in real[name].attributes if n.startswith("on")], \
            name
        assert not [v for v in p.values("src") if v.strip() == "x"], name
        for attr in ("href", "src", "action", "formaction", "xlink:href"):
            assert scripted_urls(p, attr) == scripted_urls(real[name], attr), (name, attr)
        assert not [s for s in p.scripts if "alert(" in s], name
        # data text reaches the JSON-LD only inside its JSON strings: each block parses whole
        assert len(p.json_ld) == len(real[name].json_ld), name
        for block in p.json_ld:
            assert isinstance(json.loads(block), dict), name
        # the raw page holds no payload in markup form
        raw = (hostile[0].site / name).read_text(encoding="utf-8")
        for payload in ("<img src=x", "<script>alert", '" onmouseover=alert', "<!--"):
            assert payload not in raw, (name, payload)


def test_hostile_data_builds_without_error(hostile):
    result, written = hostile
    assert "Traceback" not in result.output
    assert "Data error" not in result.output
    assert len(written) == len(TEXT_FIELDS)
    assert (result.site / "index.html").is_file()


@pytest.mark.parametrize("field", TEXT_FIELDS, ids=["/".join(f) for f in TEXT_FIELDS])
def test_no_field_reaches_a_page_unescaped(hostile, field):
    result, written = hostile
    marked_up = [v for v in written[field] if "<" in v]
    assert marked_up, "no value of the field carries a payload with markup"
    raw = "\n".join(pages_of(result.site).values())
    for value in marked_up:
        assert value not in raw, f"{field} reaches a page unescaped"


# Which fields this site's pages show (another study's pages may show fewer).
@pytest.mark.site
@pytest.mark.parametrize("field", [f for f in TEXT_FIELDS if f not in NOT_SHOWN],
                         ids=["/".join(f) for f in TEXT_FIELDS if f not in NOT_SHOWN])
def test_each_field_is_shown_literally(hostile, parsed, field):
    everything = shown_everywhere(parsed)
    values = hostile[1][field]
    shown = [v for v in values if v in everything or v.lower() in everything]
    assert shown, f"no value of {field} appears literally on the site"
    # each payload it carries reaches the page whole, beside the field's marker
    for value in shown:
        for payload in PAYLOADS:
            if payload in value:
                assert payload in everything


def test_jinja_in_data_is_never_evaluated(hostile, parsed):
    everything = shown_everywhere(parsed)
    assert "{{ 7*7 }}" in everything and "{% include 'mkdocs.yml' %}" in everything
    for name, p in parsed.items():
        assert not re.search(r"(counts|groups|claims|study|glossary)-[a-z-]+( r\d+)? 49\b",
                             p.text), name
        # the include would have pulled the configuration into the page
        assert "markdown_extensions" not in p.text and "site_name:" not in p.text, name


def scripted_urls(page: Parsed, attribute: str) -> list[str]:
    return [v for v in page.values(attribute)
            if v.strip().lower().startswith(("javascript:", "vbscript:", "data:text/html"))]


@pytest.mark.site  # this site's conclusions page
def test_payloads_in_tables_and_attributes_are_escaped(hostile, parsed):
    result, written = hostile
    raw = (result.site / "conclusions" / "index.html").read_text(encoding="utf-8")
    claim = written[("claims.csv", "claim")][0]
    # in a table cell: as text (tags removed from the cell leaves the value itself)
    cells = [html.unescape(re.sub(r"<[^>]+>", "", c))
             for c in re.findall(r"<td[^>]*>(.*?)</td>", raw, re.S)]
    assert any(claim in c for c in cells)
    # in a title attribute: the attribute holds the whole value and nothing breaks out
    titles = [v for p in parsed.values() for v in p.values("title")]
    source = written[("counts.csv", "source")][0]
    assert any(source in tooltip(t) for t in titles), "count sources are not in tooltips"
    assert not any(name.startswith("on") for p in parsed.values()
                   for _, name, _ in p.attributes)


def test_tooltips_hold_no_markup(parsed):
    """The theme puts a title's text into the page as HTML (its styled tooltips), so a title
    must hold text escaped for HTML: no tag may appear once the attribute is read."""
    titles = [(name, t) for name, p in parsed.items() for t in p.values("title")]
    assert len(titles) > 20  # the test sees the site's tooltips
    for name, title in titles:
        assert "<" not in title and ">" not in title, (name, title[:200])


def chart_figures(parsed: dict[str, Parsed]) -> dict[str, list[dict]]:
    return {name: [json.loads(v) for v in p.values("data-figure")]
            for name, p in parsed.items() if p.values("data-figure")}


def plotly_strings(figure: dict) -> list[tuple[str, str]]:
    """(where, text) for every string Plotly will draw as a label or tooltip."""
    out = []
    for i, trace in enumerate(figure["data"]):
        for key in ("x", "y", "text", "hovertext", "name"):
            value = trace.get(key)
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, str):
                    out.append((f"data[{i}].{key}", item))
    layout = figure["layout"]
    for path in (("title", "text"), ("xaxis", "title", "text"), ("yaxis", "title", "text")):
        node = layout
        for key in path:
            node = node.get(key, {}) if isinstance(node, dict) else {}
        if isinstance(node, str):
            out.append((".".join(path), node))
    for key in ("categoryarray", "ticktext"):
        for item in layout.get("yaxis", {}).get(key, []) or []:
            out.append((f"yaxis.{key}", item))
    return out


def test_chart_labels_are_escaped_before_plotly(hostile, parsed):
    _, written = hostile
    figures = chart_figures(parsed)
    assert figures, "the hostile site has no charts"
    labels = []
    for name, figs in figures.items():
        for fig in figs:
            for where, text in plotly_strings(fig):
                markup = PLOTLY_OWN_TAGS.sub("", text)
                assert "<" not in markup and ">" not in markup, (name, where, text)
                labels.append(html.unescape(text))
    # the bars of the response chart carry the hostile count labels, literally
    count_labels = written[("counts.csv", "label")]
    assert any(v in label for v in count_labels for label in labels)
    for payload in PAYLOADS:
        assert any(payload in label for label in labels), payload


@pytest.mark.site  # this site's page for the study team
def test_the_data_dictionary_escapes_schema_descriptions(hostile, parsed):
    _, written = hostile
    methods = parsed["editing-the-data/index.html"]
    for value in written[("datapackage.yml", "description")]:
        assert value in methods.text


def test_markers_name_fields(hostile):
    # guards the helper the other tests rely on
    _, written = hostile
    for (file, column), values in written.items():
        assert all(v.startswith(marker(file, column)) for v in values)


# -- in Chromium ----------------------------------------------------------------------------

OPEN_AND_PROBE = """async () => {
    const found = {
        injected: Array.from(document.querySelectorAll(
            'img[src="x"], [onerror], [onmouseover], iframe, object, embed,'
            + ' a[href^="javascript:" i]:not(.md-search__icon)'))
            .map(e => e.outerHTML.slice(0, 120)),
        // linked data (JSON-LD) is never run, but must not close its script element
        inlineScripts: Array.from(document.querySelectorAll('script:not([src])'))
            .filter(s => s.type === 'application/ld+json' ? s.textContent.includes('</')
                                                           : s.textContent.includes('alert('))
            .length,
        ran: window.__ran.slice(),
    };
    return found;
}"""

RECORD_CALLS = """
window.__ran = [];
for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    window[name] = function (...args) { window.__ran.push(name + ':' + args.join(',')); };
}
"""


@pytest.mark.browser
def test_hostile_site_runs_nothing_in_chromium(hostile, server):
    from browser_support import CHROMIUM

    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: install it with 'make chromium'", pytrace=False)
    from playwright.sync_api import sync_playwright

    result, written = hostile
    server.serve(result.site)
    # The pages of the site's first language. The other languages' pages are made by the same
    # templates, page scripts and escaping from the same data files (their own text
    # columns): their HTML is checked for every injected element and handler above, and the
    # scripts that could turn text into markup are run here on the first language's.
    others = tuple(folder for _language, _config, folder in plan(ROOT, "")[1:])
    pages = [path for p in sorted(result.site.rglob("index.html"))
             if not (path := p.relative_to(result.site).as_posix().removesuffix("index.html"))
             .startswith(others)]
    assert pages, "no page of the site's first language"
    # Playwright's sync API refuses to start beside another running instance (the other
    # browser tests keep one for the session); a thread of its own keeps them apart.
    # the files whose hostile text the search looks for, where the study has them
    files = sorted({file.split(".")[0] for file, _column in written}
                   & {"counts", "glossary", "claims", "study"})
    in_own_thread(lambda: _check_in_chromium(server, pages, files, sync_playwright))


def in_own_thread(work) -> None:
    failure: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as error:  # handed to the test's thread below
            failure.append(error)

    thread = threading.Thread(target=run, name="hostile-site-chromium")
    thread.start()
    thread.join()
    if failure:
        raise failure[0]


def _check_in_chromium(server, pages: list[str], files: list[str], sync_playwright) -> None:
    from browser_support import CHROMIUM, CHROMIUM_ARGS, PageRecord, reach_charts

    dialogs: list[str] = []
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                              args=CHROMIUM_ARGS)
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(20_000)
        context.add_init_script(RECORD_CALLS)
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        record = PageRecord(server.origin)
        record.attach(page)
        checked_charts = 0
        for path in pages:
            page.goto(server.origin + "/" + path)
            page.wait_for_load_state("load")
            charts = page.locator(".plotly-chart[data-figure]").count()
            if charts:
                reach_charts(page)
                checked_charts += charts
                _hover_every_point(page)
                _assert_plotly_shows_text(page)
            _hover_tooltips(page)
            found = page.evaluate(OPEN_AND_PROBE)
            assert found == {"injected": [], "inlineScripts": 0, "ran": []}, (path, found)
        assert checked_charts, "no chart was reached for"
        _search_for_payloads(page, server.origin, files)
        found = page.evaluate(OPEN_AND_PROBE)
        assert found == {"injected": [], "inlineScripts": 0, "ran": []}, ("search", found)
        assert dialogs == []
        assert record.outside_requests() == []
        assert not [u for u in record.requests if urlsplit(u).path.endswith("/x")], \
            "an injected image was requested"
        assert not [e for e in record.console_errors if "alert" in e], record.console_errors
        context.close()
        chromium.close()


def _hover_every_point(page) -> None:
    """Show Plotly's tooltip for every bar and point: its text is built from data labels."""
    page.evaluate("""() => {
        for (const el of document.querySelectorAll('.plotly-chart[data-drawn] .live-chart')) {
            el.data.forEach((trace, curve) => {
                const n = (trace.y || trace.x || []).length;
                for (let i = 0; i < n; i++) {
                    Plotly.Fx.hover(el, [{curveNumber: curve, pointNumber: i}]);
                }
            });
        }
    }""")


def _assert_plotly_shows_text(page) -> None:
    texts = page.evaluate("""() => Array.from(
        document.querySelectorAll('.plotly-chart svg text')).map(t => t.textContent)""")
    joined = "\n".join(texts)
    assert "<img src=x onerror=alert(1)>" in joined or "</script>" in joined, \
        "Plotly does not show the hostile labels as text"
    assert "&lt;img" not in joined, "Plotly shows escaped text instead of the text itself"


def _hover_tooltips(page) -> None:
    """The theme turns title= attributes into tooltips: show a few of them."""
    targets = page.locator("main [title]")
    for i in range(min(targets.count(), 3)):
        target = targets.nth(i)
        if target.is_visible():
            target.hover()


def _search_for_payloads(page, origin: str, files: list[str]) -> None:
    page.goto(origin + "/")
    page.keyboard.press("s")  # the theme's search shortcut
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible")
    # the index loads in a worker; the theme says so until it is ready
    page.wait_for_function("""() => !document.querySelector('.md-search-result__meta')
        .textContent.toLowerCase().includes('initializing')""")
    # every hostile value starts with its field's marker, e.g. "counts-label": the theme's
    # search splits words at hyphens, so these words find pages showing the payloads
    assert files, "no file of the study is searched for"
    results = []
    for query in files:
        box.fill("")
        box.press_sequentially(query, delay=20)  # the theme searches on key strokes
        page.locator(".md-search-result__item").first.wait_for(state="attached")
        page.wait_for_timeout(200)
        results.append(page.locator(".md-search-result").inner_text())
    assert any("onerror=alert(1)" in r for r in results), \
        "the search results do not show the payloads"


def test_corpus_payloads_cover_the_issue():
    for payload in ("</script><script>alert(1)</script>", "<img src=x onerror=alert(1)>",
                    "[x](javascript:alert(1))", "{{ 7*7 }}", "{% include 'mkdocs.yml' %}"):
        assert payload in PAYLOADS
    assert ROOT.joinpath("data", "datapackage.yml").is_file()
