"""No-break spaces of headings kept in the table of contents.

A French heading ends in a no-break space and its '?' or ':'. Python-Markdown collapses every
space when it names a heading for the table of contents, so the side menu would break the
line before the '?'. Written as the entity `&nbsp;`, the space reaches the table of contents
as it is, and the heading itself reads the same. A Markdown extension does it as the page is
read, so it needs no builder's hook.
"""

from __future__ import annotations

import re

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

HEADING = re.compile(r"^#{1,6}[ \t]")


class HeadingSpaces(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 - Python-Markdown's name
        # Before the raw HTML block preprocessor (20) sets HTML aside.
        md.preprocessors.register(_Entities(md), "heading_spaces", 26)


class _Entities(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return [line.replace("\u00a0", "&nbsp;") if HEADING.match(line) else line
                for line in lines]
