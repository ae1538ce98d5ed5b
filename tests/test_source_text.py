"""The abstract as published: every provenance link lands on a sentence, quotes are exact."""

from __future__ import annotations

import csv
import html
import io
import re
import shutil

import pytest
from conftest import ROOT, real_data
from test_site_build import html_pages

from macros.data.errors import DataError
from macros.data.tables import rows
from macros.evidence.evidence import Evidence
from macros.evidence.source_text import SENTENCE, SourceText, in_words, source_link

DATA = real_data()
# This site's abstract, sentence by sentence (empty for a study without one: the tests that
# read it are this site's).
SENTENCES = {r["sentence"]: r for r in rows(DATA.tables["abstract"])} if "abstract" in DATA.tables \
    else {}


def test_source_link_is_relative_to_the_page_and_escapes_the_rest():
    assert 'href="source/#s11"' in source_link("Abstract sentence 11", "")
    assert 'href="../source/#s4"' in source_link("Abstract sentence 4", "patients/")
    assert 'href="../../source/#s2"' in source_link("Abstract sentence 2", "a/b/")
    mixed = str(source_link("<b>x</b>, Abstract sentence 1 and Abstract sentence 19", "x/"))
    assert "<b>" not in mixed and mixed.count('class="source-link"') == 2
    assert "Abstract sentence 19</a>" in mixed
    assert str(source_link("Results table", "x/")) == "Results table"


@pytest.mark.site
def test_every_provenance_in_the_data_names_a_sentence():
    named = set()
    for name in ("counts", "durations", "claims"):
        for row in rows(DATA[name]):
            found = [int(n) for n in SENTENCE.findall(row["source"])]
            assert found, (name, row["source"])
            named.update(found)
    assert named <= set(SENTENCES)
    assert sorted(SENTENCES) == list(range(1, len(SENTENCES) + 1))


@pytest.mark.site
def test_every_claim_quotes_its_sentence_verbatim():
    for claim in rows(DATA["claims"]):
        n = int(SENTENCE.search(claim["source"]).group(1))
        assert claim["verbatim"] and claim["verbatim"] in SENTENCES[n]["text"], claim["id"]
    quote = str(SourceText(DATA).claim_quote("B2", "conclusions/"))
    assert '<q class="verbatim"' in quote and 'href="../source/#s2"' in quote
    assert "such has <span class=\"sic\"" in quote  # the printing error is marked


@pytest.mark.site
def test_printing_errors_are_kept_and_marked():
    sic = {n: r["sic"] for n, r in SENTENCES.items() if r["sic"]}
    assert len(sic) >= 3
    for n, span in sic.items():
        for part in span.split("; "):
            assert part in SENTENCES[n]["text"]


def _edit(tmp_path, file: str, key: str, column: str, value: str):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    path = tmp_path / "data" / file
    table = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    at = table[0].index(column)
    for row in table[1:]:
        if row[0] == key:
            row[at] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(table)
    path.write_text(out.getvalue(), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        Evidence.from_folder(tmp_path / "data")
    return caught.value


@pytest.mark.site
@pytest.mark.parametrize("file,key,column,value,words", [
    ("counts.csv", "alive", "source", "Abstract sentence 20", "expected a sentence"),
    ("durations.csv", "follow_up", "source", "Abstract sentences 9 and Abstract sentence 0",
     "expected a sentence"),
    ("claims.csv", "A3", "verbatim", "about half of patients", "expected the verbatim"),
    ("claims.csv", "B2", "verbatim", "such as graft-versus-host disease",
     "expected the verbatim"),  # a silently corrected quote is not verbatim
    ("abstract.csv", "19", "sic", "randomised trial", "printing error"),
    ("abstract.csv", "3", "sentence", "40", "numbered in order"),
])
def test_a_broken_source_stops_with_one_message(tmp_path, file, key, column, value, words):
    error = _edit(tmp_path, file, key, column, value)
    assert error.file == f"data/{file}" and error.column == column
    assert error.line is not None and words in str(error)


@pytest.mark.site
def test_source_page_shows_every_sentence_verbatim(real_site):
    page = real_site.page("source/index.html")
    assert 'lang="en"' in page
    items = re.findall(r'<li id="s([0-9]+)" value="\1">(.*?)</li>', page, re.S)
    assert [int(n) for n, _ in items] == sorted(SENTENCES)
    for n, item in items:
        text = html.unescape(re.sub(r"<[^>]+>", "", item))
        text = text.replace(" [sic]", "").removesuffix(" ¶")
        assert text == SENTENCES[int(n)]["text"]
        assert item.count("[sic]") == len([s for s in (SENTENCES[int(n)]["sic"] or "")
                                           .split("; ") if s])


@pytest.mark.site
def test_every_link_to_the_source_resolves_over_the_whole_site(real_site):
    anchors = set(re.findall(r'id="(s[0-9]+)"', real_site.page("source/index.html")))
    links = 0
    for name, page in html_pages(real_site.site).items():
        # each language's pages link to that language's Source page (fr/ for French)
        depth = name.removeprefix("fr/").count("/")
        for href in re.findall(r'href="([^"]*source/#[^"]*)"', page):
            path, frag = href.split("#")
            assert path == "../" * depth + "source/", (name, href)
            assert frag in anchors, (name, href)
            links += 1
        # every sentence number a reader sees, in text or tooltips, exists
        shown = html.unescape(re.sub(r"<[^>]+>", "", page))
        for run in re.findall(r"(?:Abstract sentences?|[Pp]hrases?) ([0-9]+(?:(?:, | and | et )"
                              r"[0-9]+)*)", shown):
            for n in re.findall(r"[0-9]+", run):
                assert int(n) in SENTENCES, (name, n)
    assert links >= 1


def test_sentences_named_together_are_said_once_each_linked():
    assert in_words("Abstract sentence 10; Abstract sentence 9") == "Abstract sentences 9 and 10"
    assert in_words("Abstract sentence 4") == "Abstract sentence 4"
    linked = str(source_link("Abstract sentence 7; Abstract sentence 4; Abstract sentence 8",
                             "audit/"))
    assert html.unescape(re.sub(r"<[^>]+>", "", linked)) == "Abstract sentences 4, 7 and 8"
    assert re.findall(r'href="([^"]+)">([0-9]+)</a>', linked) == [
        ("../source/#s4", "4"), ("../source/#s7", "7"), ("../source/#s8", "8")]


def test_sentences_named_together_in_french(french):
    assert in_words("Abstract sentence 13; Abstract sentence 17") == \
        "phrases 13 et 17 du résumé"
