"""Rules on what a source reports without a count: an estimate inside its printed interval,
a dose range in order."""

from __future__ import annotations

from ..data.errors import DataError
from ..data.load import Dataset
from ..data.tables import rows


def check_reported(data: Dataset) -> None:
    """What no single cell shows: an interval around its estimate, a range in order."""
    if "estimates" in data.tables:
        shown = f"data/{data.files['estimates']}"
        for r in rows(data["estimates"]):
            where = {"line": r["_line"], "row": r["_line"] - 1}
            if (r["low"] is None) != (r["high"] is None):
                raise DataError(shown, "expected both ends of the printed interval (low and"
                                " high), or neither, found one", column="low" if r["low"] is None
                                else "high", **where)
            if r["low"] is not None and not r["low"] <= r["estimate"] <= r["high"]:
                raise DataError(shown, f"expected the estimate within its interval, found"
                                f" {r['estimate']:g} outside {r['low']:g} to {r['high']:g}",
                                column="estimate", **where)
            if r["level"] is not None and r["low"] is None:
                raise DataError(shown, "expected a confidence level only with a printed"
                                " interval, found a level and no interval", column="level",
                                **where)
    if "doses" in data.tables:
        shown = f"data/{data.files['doses']}"
        for r in rows(data["doses"]):
            if r["dose_high"] is not None and r["dose_high"] < r["dose"]:
                raise DataError(shown, f"expected the top of the dose range ({r['dose_high']:g})"
                                f" to be at least its bottom ({r['dose']:g})",
                                column="dose_high", line=r["_line"], row=r["_line"] - 1)
