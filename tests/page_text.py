"""The text a reader reads in a page's article, as a parser sees it (no markup, no scripts,
no chart drawings), optionally without the passages in another language (lang="en")."""

from __future__ import annotations

import re
from html.parser import HTMLParser

SKIPPED = {"script", "style", "svg", "template"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class _Article(HTMLParser):
    def __init__(self, drop_lang: str | None, skipped: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.drop_lang = drop_lang
        self.skipped = skipped
        self.stack: list[bool] = []  # per open element: is its text left out?
        self.inside = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.inside += 1
        if tag in VOID:
            return
        attrs = dict(attrs)
        hidden = tag in self.skipped or (self.drop_lang is not None
                                    and attrs.get("lang") == self.drop_lang)
        self.stack.append(hidden or bool(self.stack and self.stack[-1]))

    def handle_endtag(self, tag):
        if tag == "article":
            self.inside -= 1
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if self.inside and not (self.stack and self.stack[-1]):
            self.parts.append(data)


def article_text(page: str, drop_lang: str | None = None, drop_code: bool = False) -> str:
    """`drop_code`: without code (file names, columns, coded values) and preformatted text."""
    parser = _Article(drop_lang, SKIPPED | ({"code", "pre"} if drop_code else set()))
    parser.feed(page)
    return re.sub(r"[ \t\n\r\f\v]+", " ", " ".join(parser.parts)).strip()  # keeps no-break spaces
