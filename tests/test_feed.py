"""The Atom feed of the data releases: read back by feedparser, one entry per release with
the numbers that changed, and named in the head of every page."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urljoin

import feedparser
import pytest
from conftest import ROOT, real_data
from test_site_build import html_pages

from macros import i18n
from macros.evidence.releases import Release
from macros.publish.feed import atom_feed

STUDY = real_data().study
FIRST = Release("2026.1", dt.date(2026, 11, 24), "data/releases/2026.1/",
                {"count:alive": ("Alive at last follow-up", "19 of 26 (73%)"),
                 "count:died": ("Died", "5 of 26 (19%)")})
SECOND = Release("2026.2", dt.date(2027, 2, 3), "data/",
                 {"count:alive": ("Alive at last follow-up", "20 of 26 (77%)"),
                  "count:died": ("Died", "5 of 26 (19%)")})


@pytest.fixture
def english():
    i18n.use("en")
    yield
    i18n.use("en")


def test_one_entry_per_release_newest_first_with_the_numbers_that_changed(english):
    feed = feedparser.parse(atom_feed([FIRST, SECOND], "A summary",
                                      "https://team.github.io/summary/2026.2"))
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert feed.feed.title == "A summary: data releases"
    assert feed.feed.id == "https://team.github.io/summary/feed.xml"  # the same every release
    # Its own address is where readers subscribe: the root's, not this release's folder.
    assert [link.href for link in feed.feed.links if link.rel == "self"] == [
        "https://team.github.io/summary/feed.xml"]
    entries = feed.entries
    assert [e.title for e in entries] == ["Release 2026.2 (3 February 2027)",
                                         "Release 2026.1 (24 November 2026)"]
    assert [e.link for e in entries] == ["https://team.github.io/summary/2026.2/whats-new/",
                                        "https://team.github.io/summary/2026.1/whats-new/"]
    assert entries[0].updated_parsed[:3] == (2027, 2, 3)
    newest = entries[0].content[0].value
    assert "Alive at last follow-up: 19 of 26 (73%) → 20 of 26 (77%)" in newest
    assert "Died" not in newest  # unchanged numbers are not listed
    assert "no earlier release" in entries[1].content[0].value


def test_the_french_feed_is_in_french():
    i18n.use("fr")
    try:
        feed = feedparser.parse(atom_feed([FIRST], "Une synthèse",
                                          "https://team.github.io/summary/fr/2026.1"))
    finally:
        i18n.use("en")
    assert feed.feed.language == "fr"
    assert feed.entries[0].title == "Version 2026.1 (24 novembre 2026)"
    assert feed.entries[0].link == "https://team.github.io/summary/fr/2026.1/whats-new/"


@pytest.mark.site
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_built_feed_reads_back_and_every_page_names_it(real_site, lang):
    root = real_site.site / "fr" if lang == "fr" else real_site.site
    feed = feedparser.parse((root / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.language == lang
    assert len(feed.entries) == 1 + len(list((ROOT / "data" / "releases").glob("*/")))
    assert STUDY["release"] in feed.entries[0].title
    for name, page in html_pages(real_site.site, "fr" if lang == "fr" else "").items():
        links = re.findall(r'<link rel="alternate" type="application/atom\+xml"\s+href="([^"]+)"',
                           page)
        assert len(links) == 1, name
        target = urljoin(f"http://site/{name}", links[0])
        assert target == "http://site/feed.xml", (name, links[0])
    whats_new = html_pages(real_site.site, "fr" if lang == "fr" else "")["whats-new/index.html"]
    assert 'href="../feed.xml"' in whats_new
