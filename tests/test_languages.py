"""The French pages beside the English ones: the same pages, linked both ways by the theme's
language menu, the right lang on each, the same numbers formatted for each language, every
sentence of the code and every cell readers see translated (the build refuses one that is
not), and no English left on a French page outside the quoted source."""

from __future__ import annotations

import csv
import html
import io
import posixpath
import re
import shutil
import string
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from conftest import ROOT
from page_text import article_text

from macros import i18n
from macros.data.errors import DataError
from macros.evidence.evidence import Evidence
from macros.evidence.stats import Proportion
from macros.publish.languages import site_languages

NBSP = "\u00a0"
# The site's French pages and data: checked when languages.yml lists French. (The code's
# French catalogue is the generator's, checked whatever the site's languages.)
needs_french = pytest.mark.skipif("fr" not in site_languages(ROOT),
                                  reason="languages.yml does not list French")
CATALOGUE = ROOT / "macros" / "i18n" / "locale" / "fr" / "LC_MESSAGES" / "messages.po"


# -- numbers and the code's words, in process ----------------------------------------------

def test_french_numbers_use_a_decimal_comma_and_a_space_before_percent(french):
    assert i18n.percent(12 / 26) == f"46{NBSP}%"
    assert i18n.printed_percent(46.2) == f"46,2{NBSP}%"
    assert i18n.decimal(12.5) == "12,5"


def test_english_numbers_are_unchanged():
    assert (i18n.percent(12 / 26), i18n.printed_percent(46.2), i18n.decimal(12.5)) == \
        ("46%", "46.2%", "12.5")


def test_a_french_interval_reads_as_french_clinicians_write_it(french):
    from macros.evidence import render
    p = Proportion(n=12, total=26, low=0.27, high=0.67, method="wilson", level=95)
    assert render.interval(p) == f"27{NBSP}% à 67{NBSP}%"


def _code_messages() -> dict[str, tuple[str, ...]]:
    found = {}
    for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / "macros", keywords={"_": None, "ngettext": (1, 2)}):
        ids = message if isinstance(message, tuple) else (message,)
        found[ids[0]] = ids
    return found


def _catalogue():
    with CATALOGUE.open("rb") as f:
        return read_po(f, locale="fr")


def test_every_sentence_of_the_code_has_its_french():
    catalogue = _catalogue()
    code = _code_messages()
    assert len(code) > 50
    missing = [m for m in code if not catalogue.get(m) or catalogue.get(m).fuzzy
               or not all(catalogue.get(m).string if isinstance(catalogue.get(m).string, tuple)
                          else [catalogue.get(m).string])]
    assert missing == []


def test_the_catalogue_holds_no_sentence_the_code_no_longer_says():
    code = _code_messages()
    assert [m.id for m in _catalogue() if m.id and
            (m.id[0] if isinstance(m.id, tuple) else m.id) not in code] == []


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_each_french_sentence_fills_in_the_same_values_as_its_english():
    wrong = []
    for m in _catalogue():
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        texts = m.string if isinstance(m.string, tuple) else (m.string,)
        if any(_fields(t) != _fields(ids[-1]) for t in texts if t):
            wrong.append(ids[0])
    assert wrong == []


def test_a_sentence_missing_from_the_catalogue_stops_the_french_build(french):
    with pytest.raises(i18n.MissingWords, match="messages.po"):
        i18n._("A sentence no catalogue holds")


# -- the data's words ---------------------------------------------------------------------

@needs_french
def test_every_cell_readers_see_has_its_french():
    ev = Evidence.from_folder(ROOT / "data", "fr")
    english = Evidence.from_folder(ROOT / "data")
    assert ev.counts["patients"]["label"] != english.counts["patients"]["label"]
    assert ev.counts["patients"]["n"] == english.counts["patients"]["n"]


def edited_copy(tmp_path: Path, file: str, change) -> Path:
    """data/ copied, with the rows of `file` (as dicts) changed by `change`."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / file
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    header = list(rows[0])
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(change(rows))
    path.write_text(out.getvalue(), encoding="utf-8")
    return data


def _line_of(path: Path, first_cell: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.split(",", 1)[0] == first_cell:
            return number
    raise AssertionError(first_cell)


@needs_french
def test_a_label_without_french_is_refused_naming_its_file_line_and_column(tmp_path):
    data = edited_copy(tmp_path, "translations_fr.csv", lambda rows: [
        r for r in rows if (r.get("file"), r.get("id"), r.get("column"))
        != ("counts.csv", "died", "label")])
    with pytest.raises(DataError) as caught:
        Evidence.from_folder(data, "fr")
    error = caught.value
    assert (error.file, error.line, error.column) == \
        ("data/counts.csv", _line_of(data / "counts.csv", "died"), "label")
    assert "translations_fr.csv" in str(error)


@needs_french
def test_a_file_description_without_french_is_refused_naming_the_file_it_describes(tmp_path):
    data = edited_copy(tmp_path, "translations_fr.csv", lambda rows: [
        r for r in rows if (r.get("file"), r.get("id")) != ("datapackage.yml", "durations")])
    with pytest.raises(DataError) as caught:
        Evidence.from_folder(data, "fr")
    assert (caught.value.file, caught.value.column) == ("data/datapackage.yml", "description")
    assert "id durations" in str(caught.value)


@needs_french
def test_the_data_files_are_described_in_french_on_the_french_pages():
    english = Evidence.from_folder(ROOT / "data").data.descriptor["resources"]
    french = Evidence.from_folder(ROOT / "data", "fr").data.descriptor["resources"]
    assert [r["name"] for r in french] == [r["name"] for r in english]
    for en, fr in zip(english, french, strict=True):
        assert fr["description"] != en["description"], en["name"]
        assert fr["schema"] == en["schema"]


@needs_french
def test_french_whose_english_has_changed_is_refused(tmp_path):
    data = edited_copy(tmp_path, "counts.csv", lambda rows: [
        {**r, "label": r["label"] + " (all causes)"} if r["id"] == "died" else r
        for r in rows])
    with pytest.raises(DataError) as caught:
        Evidence.from_folder(data, "fr")
    assert (caught.value.file, caught.value.column) == ("data/translations_fr.csv", "english")


@needs_french
def test_french_for_a_cell_that_does_not_exist_is_refused(tmp_path):
    data = edited_copy(tmp_path, "translations_fr.csv", lambda rows: [
        *rows, {"file": "counts.csv", "id": "no_such_count", "column": "label",
                "english": "Nothing", "french": "Rien"}])
    with pytest.raises(DataError, match="no translated cell"):
        Evidence.from_folder(data, "fr")


@pytest.mark.site
def test_the_english_pages_do_not_need_the_french():
    english = Evidence.from_folder(ROOT / "data")
    assert english.counts["died"]["label"] == "Died"


# -- the built site -------------------------------------------------------------------------

def pages(site: Path, folder: str = "") -> list[str]:
    root = site / folder if folder else site
    return sorted(p.relative_to(site).as_posix() for p in root.rglob("index.html")
                  if (folder or not p.relative_to(site).as_posix().startswith("fr/"))
                  and "search" not in p.parts)


def language_link(page_html: str, lang: str) -> str:
    menu = page_html.split('class="md-select__list"', 1)[1]
    found = re.search(rf'<a href="([^"]*)" hreflang="{lang}"', menu)
    assert found, f"no link to the {lang} page"
    return found.group(1)


def follow(page: str, link: str) -> str:
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), link))
    return (target + "/index.html").removeprefix("./")


@needs_french
@pytest.mark.build
def test_every_english_page_leads_to_its_french_counterpart_and_back(real_site):
    english = pages(real_site.site)
    assert len(english) > 15
    assert sorted(p.removeprefix("fr/") for p in pages(real_site.site, "fr")) == english
    for page in english:
        french = follow(page, language_link(real_site.page(page), "fr"))
        assert french == "fr/" + page
        assert follow(french, language_link(real_site.page(french), "en")) == page


@needs_french
@pytest.mark.build
def test_each_page_says_its_language(real_site):
    for page in pages(real_site.site) + ["404.html"]:
        assert '<html lang="en"' in real_site.page(page), page
    for page in pages(real_site.site, "fr") + ["fr/404.html"]:
        assert '<html lang="fr"' in real_site.page(page), page


# French groups thousands with a (narrow) no-break space: "1 000" is one number.
# A number as each language writes it: digits grouped by commas in English, by (narrow)
# no-break spaces in French, where the comma marks the decimals (a version keeps its point:
# WCAG 2.2, release 2026.1).
NUMBER = {
    "en": re.compile(r"\d{1,3}(?:,\d{3})+(?![.,]?\d)|\d+(?:[.,]\d+)?"),
    "fr": re.compile(r"\d{1,3}(?:[\u00a0\u202f]\d{3})+(?![.,]?\d)|\d+(?:[.,]\d+)?"),
}


def numbers(text: str, language: str = "en") -> Counter:
    if language == "en":  # (a pattern's quantifier, {4,9}, reads the same in both)
        return Counter(float(v.replace(",", "") if re.fullmatch(r"\d{1,3}(?:,\d{3})+", v)
                             else v.replace(",", ".")) for v in NUMBER["en"].findall(text))
    return Counter(float(re.sub(r"[\u00a0\u202f]", "", v).replace(",", "."))
                   for v in NUMBER["fr"].findall(text))


def test_numbers_are_read_as_each_language_writes_them():
    assert numbers("400 to 1,000 mg, 46%, 32.5, 1000000") == numbers(
        "400 à 1\u202f000 mg, 46\u00a0%, 32,5, 1\u202f000\u202f000", "fr")
    assert numbers("12\u00a0345", "fr") == Counter({12345.0: 1}) == numbers("12,345")


@needs_french
@pytest.mark.build
def test_each_pair_of_pages_shows_the_same_numbers(real_site):
    compared = 0
    for page in pages(real_site.site):
        english = numbers(article_text(real_site.page(page)))
        french = numbers(article_text(real_site.page("fr/" + page)), "fr")
        assert french == english, (page, english - french, french - english)
        compared += sum(english.values())
    assert compared > 300


@needs_french
@pytest.mark.build
def test_french_pages_format_numbers_the_french_way(real_site):
    text = article_text(real_site.page("fr/response/index.html"))
    assert re.search(rf"\d{NBSP}%", text)
    assert re.search(rf"IC à \d+{NBSP}%", text)
    assert not re.search(r"\d%", text)
    release = str(Evidence.from_folder(ROOT / "data").study["release"])  # a name: 2026.1
    assert not re.search(r"\d\.\d", text.replace(release, ""))


# Short words that French never uses but nearly every English sentence does. A run of five
# words with three of them is an English sentence; the English names of societies and the
# printed title of the source ("American Society of Hematology") have at most two.
ENGLISH_WORDS = {"the", "and", "of", "with", "which", "were", "was", "who", "not", "from",
                 "this", "that", "these", "reported", "after", "by", "for", "in", "to", "is",
                 "are", "or", "as", "at", "be", "been", "has", "have", "its", "their"}


def english_runs(text: str) -> list[str]:
    words = re.findall(r"[^\W\d_]+", text)
    runs = []
    for i in range(len(words) - 4):
        window = words[i:i + 5]
        if sum(w in ENGLISH_WORDS for w in window) >= 3:
            runs.append(" ".join(window))
    return runs


def test_english_sentences_are_found_and_french_ones_are_not():
    assert english_runs("The numbers do not fit the denominator of the group")
    assert not english_runs("Les chiffres ne correspondent pas au dénominateur du groupe, "
                            "selon l'American Society of Hematology et la European Society "
                            "for Blood and Marrow Transplantation")


@needs_french
@pytest.mark.build
def test_no_english_sentence_on_a_french_page_outside_the_quoted_source(real_site):
    found = {}
    for page in pages(real_site.site, "fr"):
        text = article_text(real_site.page(page), drop_lang="en", drop_code=True)
        if english_runs(text):
            found[page] = english_runs(text)[:3]
    assert found == {}


@needs_french
@pytest.mark.build
def test_the_source_abstract_stays_english_and_says_so(real_site):
    source = real_site.page("fr/source/index.html").split("<article", 1)[1]
    assert re.search(r'lang="en"', source)


def _config(name: str):
    from mkdocs.config import load_config
    return load_config(config_file=str(ROOT / name))


@needs_french
def test_both_languages_use_the_same_extensions_and_palette():
    english, french = _config("mkdocs.yml"), _config("mkdocs.fr.yml")
    assert french["markdown_extensions"] == english["markdown_extensions"]
    assert french["mdx_configs"]["toc"]["permalink_title"] != \
        english["mdx_configs"]["toc"].get("permalink_title")

    def palette(config):
        return [{k: v for k, v in p.items() if k != "toggle"} | {"icon": p["toggle"]["icon"]}
                for p in config["theme"]["palette"]]
    assert palette(french) == palette(english)
    assert french["theme"]["language"] == "fr" and english["theme"]["language"] == "en"
    assert set(french["extra"]["words"]) == set(english["extra"]["words"])


@needs_french
@pytest.mark.build
def test_the_french_table_of_contents_keeps_the_space_before_a_question_mark(real_site):
    entries = []
    for page in pages(real_site.site, "fr"):
        toc = real_site.page(page).split('data-md-component="toc"', 1)[-1]
        entries += re.findall(r'class="md-nav__link">\s*<span class="md-ellipsis">\s*([^<]*)',
                              toc)
    asked = [html.unescape(e).strip() for e in entries if "?" in e]
    assert asked, "no heading asks a question"
    assert all(re.search(f"[^ ]{NBSP}\\?$", e) for e in asked), asked
