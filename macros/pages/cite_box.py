""""Cite this page": the box at the end of every page with a citation ready to paste (site,
page, data release, the page's address in that release) and the whole summary's citation
files.

A Markdown extension adds it as the page is converted, so any builder that converts the pages
with the site's extensions shows it, whatever its templates are given.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Callable
from typing import Any

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup


class PageCitation(Extension):
    """`cite`: the citation block of the site's extra (macros/evidence/citation.py);
    `words`: the templates' words of the site's language; `page`: the page being converted
    (None outside a build)."""

    def __init__(self, site_name: str, cite: dict, words: dict,
                 page: Callable[[], Any]) -> None:
        super().__init__()
        self.site_name, self.cite, self.words, self.page = site_name, cite, words, page

    def extendMarkdown(self, md) -> None:  # noqa: N802 - Python-Markdown's name
        # Last (MkDocs rewrites links at 0): its links are already the built page's own, and
        # no abbreviation or other inline work applies to them.
        md.treeprocessors.register(_Box(md, self), "page_citation", -10)


def _page_of_converter(md) -> Any:
    """The page this converter converts, when the builder tells the converter itself
    (Zensical registers it as the preprocessor 'rendering_context'); a builder that sets
    the macros up once per page may convert a page with an extension an earlier page added."""
    if "rendering_context" in md.preprocessors:
        return getattr(md.preprocessors["rendering_context"], "page", None)
    return None


def _to_root(page: Any) -> str:
    """The relative path from the page to the site's root. A builder that gives the
    converter its page (Zensical) resolves links from the page's source file, MkDocs leaves
    them as they are, from the built page's folder."""
    source = getattr(page, "path", None)
    if isinstance(source, str) and source.endswith(".md"):
        return "../" * source.count("/")
    return "../" * page.url.count("/") or "./"


def _title(page: Any, root: etree.Element) -> str:
    title = getattr(page, "title", None)
    if title:
        return Markup(title).striptags()
    heading = root.find("h1")
    return "".join(heading.itertext()).strip() if heading is not None else ""


class _Box(Treeprocessor):
    def __init__(self, md, settings: PageCitation) -> None:
        super().__init__(md)
        self.settings = settings

    def run(self, root: etree.Element) -> None:
        page = _page_of_converter(self.md) or self.settings.page()
        if page is None or getattr(page, "url", None) is None:
            return
        cite, words = self.settings.cite, self.settings.words
        # The same on every page: kept out of the search index.
        box = etree.SubElement(root, "details", {"class": "cite-page",
                                                 "data-search-exclude": ""})
        etree.SubElement(box, "summary").text = words["cite_this_page"]
        text = etree.SubElement(box, "p", {"class": "cite-text"})
        text.text = (f"{self.settings.site_name}. {_title(page, root)}. "
                     f"{words['data_release']} {cite['release']}, {cite['release_date']}. ")
        if cite["version_url"]:
            address = cite["version_url"] + page.url
            link = etree.SubElement(text, "a", {"href": address})
            link.text = address
            link.tail = f" ({words['accessed']})."
        else:
            etree.SubElement(text, "strong", {"class": "local-preview"}).text = (
                cite["preview_note"])
        files = etree.SubElement(box, "p", {"class": "cite-files"})
        files.text = f"{words['whole_summary']} "
        base = _to_root(page)
        bib = etree.SubElement(files, "a", {"href": base + cite["files_bib"], "download": ""})
        bib.text = "BibTeX"
        bib.tail = f" {words['or']} "
        ris = etree.SubElement(files, "a", {"href": base + cite["files_ris"], "download": ""})
        ris.text = "RIS"
        ris.tail = "."
