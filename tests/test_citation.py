"""Citations: every page carries its own; the BibTeX and RIS files download and parse, and
agree with the study record and CITATION.cff."""

from __future__ import annotations

import html
import re
import urllib.request

import bibtexparser
import pytest
import rispy
import yaml
from browser_support import SiteServer
from conftest import ROOT, real_data
from test_site_build import html_pages

from macros.evidence.address import PREVIEW_URL, placeholder_reason
from macros.evidence.citation import bibtex, ris, version_url

STUDY = real_data().study
CFF = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
MKDOCS_YML = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
CONFIG = {"site_name": re.search(r"^site_name: (.+)$", MKDOCS_YML, re.M).group(1)}


def _site_url() -> str:
    """The address a build without SITE_URL gets: the default in mkdocs.yml."""
    return re.search(r'^site_url: !ENV \[SITE_URL, "([^"]+)"\]$', MKDOCS_YML, re.M).group(1)


PREVIEW_NOTE = "Local preview, not published: it has no address to cite."


def unbraced(text: str) -> str:
    return text.replace("{", "").replace("}", "")


@pytest.fixture(scope="module")
def downloaded(real_site):
    server = SiteServer()
    server.serve(real_site.site)
    try:
        got = {}
        for name in ("site.bib", "site.ris"):
            with urllib.request.urlopen(f"{server.origin}/cite/{name}", timeout=10) as r:  # noqa: S310
                assert r.status == 200
                got[name] = r.read().decode("utf-8")
        return got
    finally:
        server.stop()


@pytest.mark.site
def test_bibtex_downloads_and_parses(downloaded):
    library = bibtexparser.loads(downloaded["site.bib"])
    entries = {e["ENTRYTYPE"]: e for e in library.entries}
    assert set(entries) == {"misc", "article"}
    site, source = entries["misc"], entries["article"]
    assert unbraced(site["title"]) == CONFIG["site_name"] == CFF["title"]
    assert site["version"] == STUDY["release"] == CFF["version"]
    assert site["date"] == STUDY["release_date"].isoformat() == str(CFF["date-released"])
    # The test build has no SITE_URL: a local preview, which prints no address.
    assert "url" not in site and PREVIEW_NOTE in site["note"]
    cited = CFF["references"][0]
    assert source["journal"] == STUDY["journal"] == cited["journal"]
    assert int(source["year"]) == STUDY["year"] == cited["year"]
    assert int(source["volume"]) == STUDY["volume"] == cited["volume"]
    assert int(source["number"]) == STUDY["issue"] == cited["issue"]
    assert unbraced(source["title"]) == cited["title"]
    assert "{CML}" in site["title"]  # acronyms kept in capitals by any style
    assert str(STUDY["abstract_number"]) in source["note"]
    # nothing invented: the data hold no authors
    assert "author" not in site and "author" not in source


@pytest.mark.site
def test_ris_downloads_and_parses(downloaded):
    records = rispy.loads(downloaded["site.ris"])
    by_type = {r["type_of_reference"]: r for r in records}
    assert set(by_type) == {"ELEC", "ABST"}
    site, source = by_type["ELEC"], by_type["ABST"]
    assert site["title"] == CONFIG["site_name"]
    assert site["edition"] == STUDY["release"]
    assert "urls" not in site and PREVIEW_NOTE in " ".join(site["notes"])
    assert site["date"] == STUDY["release_date"].strftime("%Y/%m/%d")
    assert source["journal_name"] == STUDY["journal"]
    assert (source["year"], source["volume"], source["number"]) == \
        (str(STUDY["year"]), str(STUDY["volume"]), str(STUDY["issue"]))
    assert "authors" not in site and "authors" not in source


def test_special_characters_survive_both_formats():
    study = {**STUDY, "citation": "A & B {x} 50% #1 under_score", "title_as_printed": "T & {U}"}
    entry = bibtexparser.loads(bibtex("Site & co", "https://x.org/", study)).entries
    assert len(entry) == 2 and "A \\& B" in entry[0]["note"]
    record = rispy.loads(ris("Site & co", "https://x.org/", {**study, "citation": "a\nb"}))
    assert record[0]["title"] == "Site & co" and record[0]["notes"][0].endswith("a b")


@pytest.mark.site
def test_every_french_page_carries_its_citation_in_french(real_site):
    pages = html_pages(real_site.site, "fr")
    assert len(pages) >= 15
    for name, page in pages.items():
        block = re.search(r'<details class="cite-page"[^>]*>(.*?)</details>', page, re.S)
        assert block, name
        text = re.sub(r"[ \t\n]+", " ", html.unescape(re.sub(r"<[^>]+>", "", block.group(1))))
        assert "Aperçu local, non publié\u00a0: il n'a pas d'adresse à citer." in text, name
        assert "http" not in text and "Local preview" not in text, name


@pytest.mark.site
def test_every_page_carries_its_citation(real_site):
    pages = html_pages(real_site.site)
    assert len(pages) >= 15
    for name, page in pages.items():
        block = re.search(r'<details class="cite-page"[^>]*>(.*?)</details>', page, re.S)
        assert block, name
        text = re.sub(r"[ \t\n]+", " ", html.unescape(re.sub(r"<[^>]+>", "", block.group(1))))
        path = name.removesuffix("index.html")
        assert PREVIEW_NOTE in text and "http" not in text, name
        day = STUDY["release_date"]
        assert f"{STUDY['release']}, {day.day} {day:%B %Y}." in text, name  # a date in words
        assert CONFIG["site_name"] in text
        depth = path.count("/")
        assert f'href="{"../" * depth or "./"}cite/site.bib"' in block.group(1), name


def test_a_build_without_an_address_says_on_every_page_that_it_is_a_local_preview(real_site):
    banners = {"en": "Local preview: this copy of the summary is not published.",
               "fr": "Aperçu local\u00a0: cette copie de la synthèse n'est pas publiée."}
    for lang, words in banners.items():
        for name, page in html_pages(real_site.site, lang).items():
            banner = re.search(r'<p class="local-preview-banner">(.*?)</p>', page, re.S)
            assert banner and words in html.unescape(banner.group(1)), (lang, name)
            # No placeholder domain is printed as if it were the site's address.
            assert "example.org" not in page, (lang, name)


@pytest.mark.site
def test_the_default_address_is_the_preview_one():
    assert _site_url() == PREVIEW_URL
    fr = (ROOT / "mkdocs.fr.yml").read_text(encoding="utf-8")
    assert f'site_url: !ENV [SITE_URL_FR, "{PREVIEW_URL}fr/"]' in fr


@pytest.mark.parametrize(("site_url", "expected"), [
    # make site / make deploy's English build: the release below the site's root
    ("https://team.github.io/summary/", "https://team.github.io/summary/2026.1/"),
    ("https://team.github.io/summary/fr/", "https://team.github.io/summary/fr/2026.1/"),
    # mike's build: its plugin has already joined the release to site_url (no slash)
    ("https://team.github.io/summary/2026.1", "https://team.github.io/summary/2026.1/"),
    ("https://team.github.io/summary/fr/2026.1", "https://team.github.io/summary/fr/2026.1/"),
])
def test_the_release_address_is_never_doubled(site_url, expected):
    assert version_url(site_url, "2026.1") == expected
    assert version_url(site_url, "2026.1", "cite/") == expected + "cite/"


@pytest.mark.parametrize(("site_url", "publishable"), [
    ("", False), (None, False), (PREVIEW_URL, False), ("http://127.0.0.1:8000/fr/", False),
    ("https://example.org/imatinib-cml-relapse/", False), ("https://docs.example.com/", False),
    ("https://site.invalid/", False), ("https://x.test/", False), ("ftp://host.org/", False),
    ("https://team.github.io/summary/", True), ("http://127.0.0.1:8123/", True),
    ("http://localhost:8000/", True),
])
def test_only_a_real_address_can_be_published(site_url, publishable):
    assert (placeholder_reason(site_url) is None) is publishable


def test_the_deploy_checks_the_built_sitemap(tmp_path, capsys):
    from macros.publish.address_check import main

    for address, status in (("https://example.org/x/", 1), (PREVIEW_URL, 1),
                            ("https://team.github.io/summary/2026.1/", 0)):
        (tmp_path / "sitemap.xml").write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/'
            f'schemas/sitemap/0.9"><url><loc>{address}</loc></url></urlset>', encoding="utf-8")
        assert main(["check", str(tmp_path)]) == status, address
    assert "cannot be published" in capsys.readouterr().err
    assert main(["check-url", ""]) == 1 and main(["check-url", "https://team.github.io/s/"]) == 0


def test_the_cite_box_is_made_by_markdown_alone_without_the_theme():
    """Any builder that converts pages with the site's Markdown extensions shows the box,
    whatever its templates are given."""
    import types

    import markdown

    from macros.pages.cite_box import PageCitation

    words = {"cite_this_page": "Cite this page", "data_release": "Data release",
             "accessed": "accessed [date]", "whole_summary": "For a reference manager:",
             "or": "or"}
    cite = {"release": "2026.1", "release_date": "24 November 2026",
            "version_url": "https://team.github.io/summary/2026.1/", "preview_note": "none",
            "files_bib": "cite/site.bib", "files_ris": "cite/site.ris"}
    page = types.SimpleNamespace(url="survival/", title="Survival <em>overall</em>")
    out = markdown.markdown("# Survival\n\nText & <b>more</b>.", extensions=[
        PageCitation("A <summary>", cite, words, page=lambda: page)])
    box = re.search(r'<details class="cite-page"[^>]*>(.*?)</details>', out, re.S).group(1)
    assert "A &lt;summary&gt;. Survival overall. Data release 2026.1, 24 November 2026." in box
    assert ('<a href="https://team.github.io/summary/2026.1/survival/">'
            "https://team.github.io/summary/2026.1/survival/</a> (accessed [date]).") in box
    assert 'href="../cite/site.bib"' in box and 'href="../cite/site.ris"' in box
    outside = markdown.markdown("# Survival", extensions=[
        PageCitation("A", cite, words, page=lambda: None)])
    assert "cite-page" not in outside


def test_the_cite_box_takes_the_page_the_converter_is_given_before_the_macros_page():
    """A builder that names the page on the converter itself (as Zensical does) and sets the
    macros up once per page: the box cites the page being converted, not the macros' last
    page, with links from the page's source file, which that builder resolves."""
    import types

    import markdown
    from markdown.extensions import Extension
    from markdown.preprocessors import Preprocessor

    from macros.pages.cite_box import PageCitation

    class Context(Preprocessor):
        page = types.SimpleNamespace(url="methods/", path="methods.md", title="Methods")

        def run(self, lines):
            return lines

    class BuilderContext(Extension):
        def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's name
            md.preprocessors.register(Context(md), "rendering_context", 0)

    words = dict.fromkeys(("cite_this_page", "data_release", "accessed", "whole_summary",
                           "or"), "w")
    cite = {"release": "1", "release_date": "d", "version_url": "https://a.org/1/",
            "preview_note": "", "files_bib": "cite/site.bib", "files_ris": "cite/site.ris"}
    stale = types.SimpleNamespace(url="audit/", title="Audit")
    out = markdown.markdown("# Methods", extensions=[
        BuilderContext(), PageCitation("S", cite, words, page=lambda: stale)])
    assert "S. Methods. w 1, d." in out and 'href="https://a.org/1/methods/"' in out
    assert 'href="cite/site.bib"' in out and "Audit" not in out
