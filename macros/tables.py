"""Row access that keeps None as None.

pandas turns a row of text and None into a Series whose dtype may treat None as NaN (which
is truthy and never equal to itself); reading rows as plain dicts avoids that.
"""

from __future__ import annotations

from typing import Any

import pandas as pd


def rows(table: pd.DataFrame) -> list[dict[str, Any]]:
    return table.to_dict("records")


def by_key(table: pd.DataFrame, key: str = "id") -> dict[Any, dict[str, Any]]:
    return {row[key]: row for row in rows(table)}
