"""The summary for patients and families: Cochrane's sections, plain words, numbers from data."""

from __future__ import annotations

import html
import re
import shutil
import types

import jinja2
import pytest
import textstat
from conftest import ROOT, real_data

from macros.data.tables import rows

DATA = real_data()
PAGE = "plain-language/index.html"
SECTIONS = ("What was studied and why", "What was found", "How sure are we?",
            "How up to date is this?")
# Words from software and statistics that a patient should never meet.
SOFTWARE = ("==", "None", "null", "NaN", "csv", "json", "macro", "python", "markdown",
            "data file", "fact ", "render", "build", "release", "confidence interval", "CI ",
            "denominator", "p-value", "median", "GRADE", "_")


def reader_text(page: str) -> str:
    """The page's own text, as sentences: each heading, item and paragraph ends one."""
    article = page[page.index("<article"):page.index('<details class="cite-page"')]
    article = re.sub(r'<a [^>]*class="headerlink"[^>]*>.*?</a>', "", article)
    article = re.sub(r"</(h[1-6]|li|p)>", r". </\1>", article)
    article = re.sub(r"</?(abbr|span|em|strong|a|sup)\b[^>]*>", "", article)
    text = html.unescape(re.sub(r"<[^>]+>", " ", article))
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"([.?!:])\s*\.", r"\1", text).replace(" .", ".")


@pytest.mark.site
def test_reading_level(real_site):
    text = reader_text(real_site.page(PAGE))
    assert len(text.split()) > 300  # a real summary, not a stub that scores well
    assert textstat.flesch_reading_ease(text) >= 50
    assert textstat.words_per_sentence(text) <= 20


def test_the_reading_test_can_fail():
    hard = ("Retrospective multicentre observational evidence concerning tyrosine kinase"
            " inhibition demonstrated heterogeneous cytogenetic and molecular responsiveness"
            " notwithstanding considerable haematological toxicity and methodological"
            " limitations regarding denominators.")
    assert textstat.flesch_reading_ease(hard) < 50 or textstat.words_per_sentence(hard) > 20


@pytest.mark.site
def test_cochrane_sections_in_order(real_site):
    page = real_site.page(PAGE)
    page = re.sub(r'<a [^>]*class="headerlink"[^>]*>.*?</a>', "", page)
    headings = [html.unescape(re.sub(r"<[^>]+>", "", h)).strip()
                for h in re.findall(r"<h2[^>]*>(.*?)</h2>", page, re.S)]
    found = [h for h in headings if h in SECTIONS]
    assert found == list(SECTIONS)


@pytest.mark.site
def test_no_software_word_and_every_abbreviation_explained(real_site):
    page = real_site.page(PAGE)
    text = reader_text(page)
    titles = " ".join(html.unescape(t) for t in re.findall(r'title="([^"]*)"',
                                                            page[page.index("<article"):
                                                                 page.index("cite-page")]))
    for word in SOFTWARE:
        assert word.lower() not in (text + " " + titles).lower(), word
    for term in (g["term"] for g in rows(DATA["glossary"])):
        if re.search(rf"\b{term}\b", text):
            assert f"({term})" in text, f"{term} is used but never explained"


@pytest.mark.site
def test_no_digit_is_typed_into_the_pages_of_this_part():
    for name in ("plain-language.md", "source.md", "cite.md"):
        prose = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", (ROOT / "docs" / name).read_text("utf-8"),
                       flags=re.S)
        assert not re.search(r"[0-9]", prose), name


def _render(data_dir, page: str) -> str:
    import macros

    env = types.SimpleNamespace(project_dir=str(data_dir.parent), variables={}, macros={},
                                page=types.SimpleNamespace(url="plain-language/"),
                                conf={"site_name": "Site", "site_url": "", "extra": {}})
    env.macro = lambda function, name: env.macros.__setitem__(name, function)
    macros.define_env(env)
    jinja = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    jinja.globals.update(env.macros)
    jinja.globals.update(env.variables)
    source = re.sub(r"\A---\n.*?\n---\n", "", (ROOT / "docs" / page).read_text("utf-8"),
                    flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", jinja.from_string(source).render()))


@pytest.mark.site
def test_a_data_edit_changes_the_page(tmp_path, expected):
    alive, total = expected["counts"]["alive"]["n"], expected["cohort"]["n"]
    shutil.copytree(ROOT / "data", tmp_path / "data")
    before = _render(tmp_path / "data", "plain-language.md")
    counts = tmp_path / "data" / "counts.csv"
    counts.write_text(counts.read_text("utf-8").replace(
        f"alive,O2,vital_status,Alive,{alive},", f"alive,O2,vital_status,Alive,{alive - 1},"),
        "utf-8")
    after = _render(tmp_path / "data", "plain-language.md")
    assert f"{alive} of {total} people were alive" in before
    assert f"{alive - 1} of {total} people were alive" in after
    assert f"{alive} of {total}" not in after
