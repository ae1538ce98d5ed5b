"""Which glossary terms can safely become abbreviations on every page.

Each glossary term is given to Python-Markdown's abbreviation extension, which wraps every
whole-word match of the term in the page's text. While Markdown builds a page it holds raw
HTML (tables, charts) and inline elements aside and leaves placeholder words in the text
(markdown.util: HTML_PLACEHOLDER, INLINE_PLACEHOLDER_PREFIX, TAG_PLACEHOLDER,
AMP_SUBSTITUTE, each a word between the STX and ETX characters). A term equal to one of
those words is wrapped inside the placeholder, the placeholder is never found again, and
the HTML it stood for disappears from the page. So a term must be a plain word of letters
and digits, and none of Markdown's placeholder words: read from the installed library,
so that a new version's words are refused too.
"""

from __future__ import annotations

import re
from functools import cache

from markdown import util

PLAIN_TERM = re.compile(r"^[^\W\d_][^\W_]*$")  # a letter (accented too), then letters, digits
_FORMAT = re.compile(r"%[sd]|\{[^}]*\}")  # "%s" in HTML_PLACEHOLDER is where the number goes


@cache
def placeholder_words() -> frozenset[str]:
    """Every word inside Markdown's placeholder templates, in lower case."""
    words: set[str] = set()
    for value in vars(util).values():
        if isinstance(value, str) and (util.STX in value or util.ETX in value):
            words.update(w.lower() for w in re.findall(r"[A-Za-z]+", _FORMAT.sub("", value)))
    return frozenset(words)


def term_problem(term: str) -> str | None:
    """Why `term` cannot be an abbreviation on the pages, or None when it can."""
    if not PLAIN_TERM.match(term):
        return (f"expected an abbreviation made of letters and digits (starting with a letter),"
                f" found {term!r}")
    if term.lower() in placeholder_words():
        return (f"expected an abbreviation a reader would look up, found {term!r}, a word that"
                " the page builder (Python-Markdown) uses internally to hold tables and charts"
                " in place: as an abbreviation it would make them vanish from every page;"
                " choose another term")
    return None
