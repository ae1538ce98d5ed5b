"""Abbreviation definitions for the Markdown abbr extension, one page at a time.

The extension scans a page once per definition, and wraps every occurrence of a term in the
page's text, its internal placeholders included. So a page gets the definitions of the
glossary terms it uses, and of no other: found with one pattern, once per page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .render import tooltip


class Abbreviations:
    def __init__(self, glossary: Iterable[dict]) -> None:
        self.definitions = {g["term"]: f"*[{g['term']}]: {tooltip(g['expansion'])}"
                            for g in glossary}
        # Longest first, with the extension's own word boundaries.
        terms = sorted(self.definitions, key=len, reverse=True)
        self.pattern = (re.compile(r"\b(?:" + "|".join(map(re.escape, terms)) + r")\b")
                        if terms else None)

    def used_in(self, markdown: str) -> list[str]:
        """The glossary terms a page's Markdown contains, in glossary order."""
        if self.pattern is None:
            return []
        found = set(self.pattern.findall(markdown))
        return [term for term in self.definitions if term in found]

    def for_page(self, markdown: str) -> str:
        """The definitions to append to a page (empty when it uses no term)."""
        return "\n".join(self.definitions[term] for term in self.used_in(markdown))
