"""Rules across files on the authors' claims: a check names its count, reads as a check
(count == 0, proportion between 0.25 and 0.42), and has a denominator it can be met with."""

from __future__ import annotations

import re

from ..data.errors import DataError
from ..data.load import Dataset
from ..data.tables import by_key, rows
from .audit_claims import CHECK
from .check_counts import where_in, zero_denominator

# The numbers in a claim's check, e.g. "proportion between 0.25 and 0.42".
CHECK_NUMBER = re.compile(r"(?<![\w.])[0-9.]+(?![\w.])")
VALID_NUMBER = re.compile(r"^[0-9]+(\.[0-9]+)?$")


def check_claims(data: Dataset) -> None:
    if "claims" not in data.tables:
        return
    shown = f"data/{data.files['claims']}"
    counts = by_key(data["counts"])
    for row in rows(data["claims"]):
        where = where_in(data, "claims", row["id"])
        if row["check"] is not None and row["check_count"] is None:
            raise DataError(
                shown, "expected the id of the count the check applies to",
                column="check_count", **where,
            )
        if row["check"] is None and (row["check_count"] or row["check_of"]):
            raise DataError(
                shown, "expected a check (e.g. 'count == 0') for the count named",
                column="check", **where,
            )
        if row["check"] is not None:
            _check_claim_check(counts, row, shown, where)


def _check_claim_check(counts: dict, row: dict, shown: str, where: dict) -> None:
    numbers = CHECK_NUMBER.findall(row["check"])
    for number in numbers:
        if not VALID_NUMBER.match(number):
            raise DataError(shown, f"expected a number in the check, found {number!r}",
                            column="check", **where)
    match = CHECK.match(row["check"])
    if match is None:
        raise DataError(
            shown, "expected a check such as 'count == 0', 'proportion > 0.5' or 'proportion"
            f" between 0.25 and 0.42', found {row['check']!r}", column="check", **where,
        )
    if match["low"] is not None and float(match["low"]) > float(match["high"]):
        raise DataError(
            shown, f"expected the lower bound first ('between {match['high']} and"
            f" {match['low']}'), found 'between {match['low']} and {match['high']}', which no"
            " value can meet", column="check", **where,
        )
    if not row["check"].startswith("proportion"):
        return
    for number in numbers:
        if float(number) > 1:
            raise DataError(
                shown, f"expected a proportion from 0 to 1 in the check (0.5 for 50%), found"
                f" {number}", column="check", **where,
            )
    of = row["check_of"] or counts[row["check_count"]]["of"]
    if of is None:
        raise DataError(
            shown, f"expected the id of the denominator: the count '{row['check_count']}'"
            " has none of its own, and a proportion needs one", column="check_of", **where,
        )
    if problem := zero_denominator(of, counts[of]["n"]):
        raise DataError(shown, problem, column="check_of" if row["check_of"] else "check_count",
                        **where)
    if counts[row["check_count"]]["n"] > counts[of]["n"]:
        raise DataError(
            shown, f"expected a denominator at least as large as the count"
            f" ({counts[row['check_count']]['n']}), found '{of}' ({counts[of]['n']})",
            column="check_of", **where,
        )
