"""MkDocs hook: French spacing kept in the table of contents.

A French heading ends in a no-break space and its '?' or ':'. Python-Markdown collapses every
space when it names a heading for the table of contents, so the side menu would break the line
before the '?'. This puts the no-break space back, in the headings' entries only.
"""

from __future__ import annotations

import re

# Punctuation that French typesetting keeps on the line of the word before it.
_BEFORE_PUNCTUATION = re.compile(r" ([?!:;»])")


def _respace(items) -> None:
    for item in items:
        item.title = _BEFORE_PUNCTUATION.sub("\u00a0\\1", item.title)
        _respace(item.children)


def on_page_content(html, page, config, files):
    if config["theme"]["language"] == "fr":
        _respace(page.toc)
    return html
