"""Row access that keeps None as None.

pandas turns a row of text and None into a Series whose dtype may treat None as NaN (which
is truthy and never equal to itself); reading rows as plain dicts avoids that.

The tables are read-only once loaded, and many parts of a build read the same table: each
table is turned into dicts once, and every caller gets dicts of its own to keep or change.
"""

from __future__ import annotations

import weakref
from typing import Any

import pandas as pd

_records: dict[int, list[dict[str, Any]]] = {}  # id of a loaded table -> its rows


def rows(table: pd.DataFrame) -> list[dict[str, Any]]:
    key = id(table)
    if key not in _records:
        _records[key] = table.to_dict("records")
        weakref.finalize(table, _records.pop, key, None)  # the id may be reused after
    return [dict(row) for row in _records[key]]


def by_key(table: pd.DataFrame, key: str = "id") -> dict[Any, dict[str, Any]]:
    return {row[key]: row for row in rows(table)}
