"""Abbreviation definitions for the Markdown abbr extension, one page at a time.

The extension scans a page once per definition, and wraps every occurrence of a term in the
page's text, its internal placeholders included. So a page gets the definitions of the
abbreviations it uses, and of no other, each in a block of its own (a run of definitions in
one block is re-scanned once per definition).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from ..evidence.render import tooltip

# Abbreviations are single words of letters and digits (the glossary's schema says so): the
# words of a page are looked up, so the cost does not grow with the glossary.
WORD = re.compile(r"\b[A-Za-z][A-Za-z0-9]*\b")
# The pictures and downloads inside attributes (data: addresses) hold no reader's word, and
# on a big data set they are most of a page's text.
DATA_ADDRESS = re.compile(r'="data:[^"]*"')


class Abbreviations:
    def __init__(self, glossary: Iterable[dict]) -> None:
        self.definitions = {g["term"]: f"*[{g['term']}]: {tooltip(g['expansion'])}"
                            for g in glossary if g.get("kind", "abbreviation") == "abbreviation"}

    def used_in(self, markdown: str) -> list[str]:
        """The abbreviations a page's Markdown contains, in glossary order."""
        found = set(WORD.findall(DATA_ADDRESS.sub('=""', markdown)))
        return [term for term in self.definitions if term in found]

    def for_page(self, markdown: str) -> str:
        """The definitions to append to a page (empty when it uses no term)."""
        return "\n\n".join(self.definitions[term] for term in self.used_in(markdown))


class PageAbbreviations(Extension):
    """A Markdown extension that appends to each page the definitions of the terms it uses.

    It runs as Markdown reads the page, after the macros have rendered it and before any
    raw HTML is set aside behind placeholders, so any builder that converts the page with
    the site's Markdown extensions gets the tooltips, with no plugin hook."""

    def __init__(self, abbreviations: Abbreviations) -> None:
        super().__init__()
        self.abbreviations = abbreviations

    def extendMarkdown(self, md) -> None:  # noqa: N802 - Python-Markdown's name
        # Above the raw HTML block preprocessor (20), below whitespace normalising (30).
        md.preprocessors.register(_Append(md, self.abbreviations), "page_abbreviations", 25)


class _Append(Preprocessor):
    def __init__(self, md, abbreviations: Abbreviations) -> None:
        super().__init__(md)
        self.abbreviations = abbreviations

    def run(self, lines: list[str]) -> list[str]:
        definitions = self.abbreviations.for_page("\n".join(lines))
        return lines + ["", *definitions.split("\n"), ""] if definitions else lines
