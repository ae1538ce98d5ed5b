"""The check of data/context_harms.csv: each row either this cohort's count or another
study's result, with what that needs."""

from __future__ import annotations

from ..data.errors import DataError
from ..data.load import Dataset
from ..data.tables import by_key, rows


def check_harms(data: Dataset) -> None:
    shown = f"data/{data.files['context_harms']}"
    counts = by_key(data["counts"])
    for row in rows(data["context_harms"]):
        where = {"line": row["_line"], "row": row["_line"] - 1}

        def fail(message: str, column: str, where=where) -> None:
            raise DataError(shown, message, column=column, **where)

        if (row["study"] is None) == (row["count"] is None):
            fail("expected either a study (another study's result) or a count (this cohort's),"
                 " found " + ("both" if row["study"] else "neither"), "study")
        if row["count"] is not None:
            for column in ("n", "total", "printed_percent"):
                if row[column] is not None:
                    fail(f"expected an empty {column} for this cohort's row: its numbers"
                         f" come from the count '{row['count']}'", column)
            if counts[row["count"]]["of"] is None:
                fail(f"expected a count with a denominator, found '{row['count']}'", "count")
            continue
        if not row["source"]:
            fail("expected the source: which part of that study's abstract", "source")
        if (row["n"] is None) != (row["total"] is None):
            fail("expected both n and total, or neither", "total" if row["n"] else "n")
        if row["n"] is None and row["printed_percent"] is None:
            fail("expected n and total, or a printed percentage", "printed_percent")
        if row["n"] is not None and row["n"] > row["total"]:
            fail(f"expected n no larger than the total ({row['total']}), found {row['n']}", "n")
