"""The check of the built site against the manifest its pages wrote: the real site passes,
and a page broken on purpose, after the build or by a page edit, is named in one message."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, build, copy_project

from macros.publish import site_check
from macros.publish.site_check import MANIFEST_NAME, Manifest, check_site, main, page_manifest

DOCS = ROOT / "docs"


def page_of(doc: Path) -> str:
    name = doc.relative_to(DOCS).with_suffix("").as_posix()
    return "index.html" if name == "index" else f"{name}/index.html"


@pytest.fixture(scope="module")
def manifest(real_site) -> Manifest:
    return Manifest.read(real_site.site / MANIFEST_NAME)


@pytest.fixture
def one_page(real_site, manifest, tmp_path):
    """A site of the response page alone, with its part of the manifest, to break freely."""
    site = tmp_path / "site"
    (site / "response").mkdir(parents=True)
    shutil.copy2(real_site.site / "response/index.html", site / "response/index.html")
    Manifest({"response/index.html": manifest.pages["response/index.html"]}).write(
        site / MANIFEST_NAME)
    return site


def edit(site: Path, change) -> str:
    page = site / "response/index.html"
    before = page.read_text(encoding="utf-8")
    after = change(before)
    assert after != before, "the edit changed nothing"
    page.write_text(after, encoding="utf-8")
    return after


def problems_of(site: Path) -> list[str]:
    return check_site(site, Manifest.read(site / MANIFEST_NAME)).get("response/index.html", [])


# -- the real site ------------------------------------------------------------------------
def test_the_real_site_passes_and_the_build_left_its_manifest(real_site, manifest, capsys):
    assert main([str(real_site.site)]) == 0
    assert check_site(real_site.site, manifest) == {}
    assert set(manifest.pages) == {page_of(doc) for doc in DOCS.rglob("*.md")}


def test_the_manifest_holds_what_the_pages_call(manifest):
    for doc in DOCS.rglob("*.md"):
        source = doc.read_text(encoding="utf-8")
        expected = manifest.pages[page_of(doc)]
        charts = len(re.findall(r"\b(?:\w+_)?chart\(", source))
        figures = expected["figures"]
        if "context_results(" in source:  # one chart per kind of outcome that several studies share
            shared = [f for f in figures if f.startswith("fig-context-")]
            assert shared, doc.name
            figures = [f for f in figures if f not in shared]
        assert len(figures) == charts, doc.name
        if re.search(r"\{\{\s*(n|frac|pct|duration)\(", source):
            assert expected["numbers"], doc.name
        if re.search(r"_table\(", source):
            assert expected["tables"] >= 1, doc.name


def test_numbers_are_recorded_with_the_text_a_reader_sees():
    markdown = ('Of <span class="num" data-count="ccr">9&#47;12 &#40;75&#37;; '
                '<abbr title="x">CI</abbr> 43&#37;&#41;</span> and <br> '
                '<span data-duration="fu">3 <em>years</em></span>.\n'
                '<figure id="fig-response"></figure><table></table>')
    assert page_manifest(markdown) == {
        "figures": ["fig-response"],
        "numbers": [["data-count", "ccr", "9/12 (75%; CI 43%)"],
                    ["data-duration", "fu", "3 years"]],
        "tables": 1,
    }


# -- broken after the build ---------------------------------------------------------------
@pytest.mark.site
def test_a_dropped_chart_is_named_in_one_message(one_page, capsys):
    edit(one_page, lambda page: page.replace('id="fig-response"', 'id="gone"'))
    assert main([str(one_page)]) == 1
    err = capsys.readouterr().err.strip()
    assert err == (f"The built site in {one_page} must not be published: "
                   "response/index.html: the chart fig-response is missing.")


@pytest.mark.site
def test_a_changed_number_is_named_with_both_texts(one_page):
    edit(one_page, lambda page: page.replace('data-count="patients">26<',
                                             'data-count="patients">27<'))
    assert problems_of(one_page) == ["the number patients reads '27', not '26'"]


@pytest.mark.site
def test_a_removed_number_and_a_removed_table_are_named(one_page):
    def remove(page: str) -> str:
        page = re.sub(r'<span class="num"[^>]*data-count="patients">.*?</span>', "", page,
                      count=1)
        return re.sub(r"<table>.*?</table>", "", page, count=1, flags=re.S)

    edit(one_page, remove)
    found = problems_of(one_page)
    assert any(p.startswith("the number patients (") and p.endswith("is missing")
               for p in found), found
    assert any(re.fullmatch(r"1 of its \d+ tables are missing", p) for p in found), found


@pytest.mark.site
@pytest.mark.parametrize("inserted, problem", [
    ("<p>\x02wzxhzdk:3\x03</p>", "Markdown placeholder debris in the page"),
    ("<p>klzzwxh:0</p>", "Markdown placeholder debris in the page"),
    ("<p>{{ n('patients') }}</p>", "an unrendered template tag"),
    ("<p>{% if x %}</p>", "an unrendered template tag"),
    ("<h1>Macro Rendering Error</h1>", "error text 'Macro Rendering Error'"),
    ("<pre>Traceback (most recent call last):\n  File</pre>", "error text 'Traceback"),
    ('<div data-preview-error="">Data error</div>', "live preview's error page"),
])
def test_debris_and_error_text_are_refused(one_page, inserted, problem):
    edit(one_page, lambda page: page.replace("</article>", inserted + "</article>", 1))
    found = problems_of(one_page)
    assert len(found) == 1 and problem in found[0], found


@pytest.mark.site
def test_template_braces_from_data_are_text_a_reader_may_see(one_page):
    # Data text reaches pages with its punctuation as character references.
    edit(one_page, lambda page: page.replace(
        "</article>", "<p>&#123;&#123; 7*7 &#125;&#125; &#123;% x %&#125;</p></article>", 1))
    assert problems_of(one_page) == []


@pytest.mark.site
def test_template_braces_in_scripts_are_not_text(one_page):
    edit(one_page, lambda page: page.replace(
        "</article>", "<script>const a = {{}}; // {% x</script></article>", 1))
    assert problems_of(one_page) == []


@pytest.mark.site
def test_a_missing_page_or_manifest_is_refused(one_page, tmp_path, capsys):
    (one_page / "response/index.html").unlink()
    assert problems_of(one_page) == ["the page is missing"]
    assert main([str(tmp_path / "nowhere")]) == 1
    (one_page / MANIFEST_NAME).unlink()
    assert main([str(one_page)]) == 1
    assert "No page manifest" in capsys.readouterr().err
    assert check_site(one_page, Manifest({})) == {
        "the whole site": ["the page manifest lists no page"]}


def test_the_message_lists_a_few_problems_of_the_first_page_and_counts_the_rest(tmp_path):
    problems = {"a/index.html": [f"p{i}" for i in range(6)], "b/index.html": ["q"],
                "c/index.html": ["r"]}
    assert site_check.message(problems, tmp_path) == (
        f"The built site in {tmp_path} must not be published: a/index.html: "
        "p0; p1; p2; p3; and 2 more (and problems on 2 more pages).")


def test_the_manifest_survives_a_round_trip(tmp_path, manifest):
    manifest.write(tmp_path / "m.json")
    assert Manifest.read(tmp_path / "m.json") == manifest
    (tmp_path / "bad.json").write_text(json.dumps({"pages": None}) + "{", encoding="utf-8")
    with pytest.raises(site_check.SiteCheckError, match="cannot be read"):
        Manifest.read(tmp_path / "bad.json")


def test_make_site_checks_the_build_before_swapping_it_in():
    recipe = subprocess.run(["make", "-n", "--no-print-directory", "-o", ".venv/.site-installed",
                             "-o", "node_modules/.installed", "site"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60, check=True).stdout
    lines = recipe.splitlines()
    build = next(i for i, line in enumerate(lines) if "mkdocs build" in line)
    checked = next(i for i, line in enumerate(lines) if "-m macros.publish.site_check" in line)
    swapped = next(i for i, line in enumerate(lines) if "mv .site-build" in line)
    assert build < checked < swapped


# -- broken by a page edit: the build itself refuses ---------------------------------------
@pytest.mark.site
@pytest.mark.build
def test_a_page_defining_a_placeholder_word_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "response.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n*[wzxhzdk]: placeholder\n",
                    encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    errors = [line for line in result.output.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1, result.output
    assert "response/index.html: Markdown placeholder debris" in errors[0]
    assert "the chart fig-response is missing" in errors[0]
    assert "Traceback" not in result.output
