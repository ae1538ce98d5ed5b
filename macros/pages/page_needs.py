"""Pages that show an optional table the study does not have, left out of the site.

A page says which tables it shows in its front matter (`needs: [context_studies]`). When a
study has no rows of one of them (its file absent, or a header line only), the page is left
out of the navigation and of the build, and the build says so, as does the data dictionary
(macros/pages/about.py). Nothing here knows MkDocs beyond the configuration's nav and docs_dir.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..data.errors import DataError
from ..data.load import Dataset

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)(?:---|\.\.\.)[ \t]*\r?\n", re.S)


@dataclass(frozen=True)
class LeftOut:
    page: str  # the page's file, relative to docs_dir ('context.md')
    title: str  # its title in the navigation
    table: str  # the table it needs
    file: str  # that table's file
    how: str  # "absent" or "empty"


def needs(page: Path, shown: str) -> list[str]:
    """The tables a page's front matter says it shows."""
    found = FRONT_MATTER.match(page.read_text(encoding="utf-8"))
    if not found:
        return []
    meta = yaml.safe_load(found.group(1)) or {}
    value = meta.get("needs", []) if isinstance(meta, dict) else []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataError(shown, f"expected 'needs' in the front matter to be a list of table"
                        f" names (needs: [context_studies]), found {value!r}", column="needs")
    return value


def _page_of(entry: Any) -> tuple[str, str] | None:
    """(title, file) of a nav entry that is one page; None for a section or a link."""
    if isinstance(entry, str) and entry.endswith(".md"):
        return entry, entry
    if isinstance(entry, dict) and len(entry) == 1:
        (title, value), = entry.items()
        if isinstance(value, str) and value.endswith(".md"):
            return str(title), value
    return None


def leave_out(nav: list | None, docs_dir: Path, data: Dataset) -> tuple[list | None,
                                                                       list[LeftOut]]:
    """The navigation without the pages whose tables the study lacks, and those pages."""
    missing = dict(data.left_out)
    gone: list[LeftOut] = []

    def lacking(file: str) -> str | None:
        path = docs_dir / file
        if not path.is_file():
            return None
        return next((t for t in needs(path, f"{docs_dir.name}/{file}") if t in missing
                     or (t not in data.tables and t != "study")), None)

    def prune(entries: list) -> list:
        kept = []
        for entry in entries:
            page = _page_of(entry)
            if page is not None:
                table = lacking(page[1])
                if table is not None:
                    gone.append(LeftOut(page[1], page[0], table,
                                        data.files.get(table, f"{table}.csv"),
                                        missing.get(table, "absent")))
                    continue
            elif isinstance(entry, dict) and len(entry) == 1:
                (title, value), = entry.items()
                if isinstance(value, list):
                    value = prune(value)
                    if not value:
                        continue
                    entry = {title: value}
            kept.append(entry)
        return kept

    if nav is None:  # no nav: every page of docs_dir is listed
        for path in sorted(docs_dir.rglob("*.md")):
            file = path.relative_to(docs_dir).as_posix()
            table = lacking(file)
            if table is not None:
                gone.append(LeftOut(file, file, table, data.files.get(table, f"{table}.csv"),
                                    missing.get(table, "absent")))
        return None, gone
    return prune(nav), gone


def build_message(gone: list[LeftOut]) -> str:
    """One line for the build output."""
    return "Left out of this site, as the study has no rows of a table they show: " + "; ".join(
        f"{g.page} (data/{g.file} {'is not in data/' if g.how == 'absent' else 'has no rows'})"
        for g in gone)
