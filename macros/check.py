"""Rules across files that no single cell shows: a count above its denominator, say.

These are impossibilities that would make a proportion meaningless, so they stop the build.
Disagreements that the source itself may contain (a percentage that does not match its
count, parts that do not add up) are not errors: the audit reports them.
"""

from __future__ import annotations

import re

from .certainty import check_certainty
from .errors import DataError
from .harms import check_harms
from .load import Dataset
from .source_text import check_source
from .tables import by_key, rows

# The numbers in a claim's check, e.g. "proportion between 0.25 and 0.42".
CHECK_NUMBER = re.compile(r"(?<![\w.])[0-9.]+(?![\w.])")
VALID_NUMBER = re.compile(r"^[0-9]+(\.[0-9]+)?$")


# The tables the site's pages read, besides the study record.
SITE_TABLES = ("counts", "groups", "durations", "claims", "summary_outcomes", "open_questions",
               "glossary", "context_studies", "context_outcomes", "certainty",
               "abstract", "context_harms")


def check_dataset(data: Dataset) -> None:
    _check_site_tables(data)
    _check_groups(data)
    _check_counts(data)
    _check_claims(data)
    _check_durations(data)
    _check_summary(data)
    _check_context(data)
    check_certainty(data)
    check_source(data)
    check_harms(data)


def _where(data: Dataset, resource: str, key: str) -> dict:
    line = data.lines[resource][key]
    return {"line": line, "row": line - 1}


def _check_site_tables(data: Dataset) -> None:
    if not data.study:
        raise DataError("data/datapackage.yml", "expected a resource 'study' for the study"
                        " record (format: yaml), which every page uses; found none")
    for name in SITE_TABLES:
        if name not in data.tables:
            raise DataError("data/datapackage.yml", f"expected a resource '{name}', which the"
                            " site's pages show; found none")


def _check_groups(data: Dataset) -> None:
    used = {row["group"] for row in rows(data["counts"])}
    shown = f"data/{data.files['groups']}"
    for row in rows(data["groups"]):
        if row["id"] not in used:
            raise DataError(
                shown, f"expected at least one count in data/{data.files['counts']} whose"
                f" group is '{row['id']}', found none; a breakdown needs its categories",
                column="id", **_where(data, "groups", row["id"]),
            )


def _zero_denominator(of: str, n: int) -> str | None:
    if n == 0:
        return (f"expected a denominator of at least 1, found '{of}', which is 0: a proportion"
                " of nobody has no meaning")
    return None


def _check_counts(data: Dataset) -> None:
    counts = by_key(data["counts"])
    groups = by_key(data["groups"])
    shown = f"data/{data.files['counts']}"
    for cid, row in counts.items():
        where = _where(data, "counts", cid)
        if row["of_basis"] == "none" and row["of"] is not None:
            raise DataError(
                shown, "expected an empty 'of' when of_basis is 'none'", column="of", **where
            )
        if row["of_basis"] != "none" and row["of"] is None:
            raise DataError(
                shown, f"expected the id of the denominator count when of_basis is"
                f" '{row['of_basis']}', found an empty cell", column="of", **where,
            )
        if row["of"] is None:
            continue
        if row["of"] == cid:
            raise DataError(shown, "expected the id of another count, found the count's own id: a"
                            " count cannot be its own denominator", column="of", **where)
        denominator = counts[row["of"]]["n"]
        if problem := _zero_denominator(row["of"], denominator):
            raise DataError(shown, problem, column="of", **where)
        if row["n"] > denominator:
            raise DataError(
                shown,
                f"expected a count no larger than its denominator '{row['of']}'"
                f" ({denominator}), found {row['n']}",
                column="n", **where,
            )
        if row["of_basis"] == "assumed" and counts[row["of"]]["of"] is not None:
            raise DataError(
                shown, "expected the whole cohort (a count with no denominator of its own) as an"
                f" assumed denominator, found '{row['of']}', which has one", column="of",
                **where,
            )
        if row["group"] is not None and groups[row["group"]]["total"] != row["of"]:
            raise DataError(
                shown,
                f"expected the denominator of group '{row['group']}',"
                f" '{groups[row['group']]['total']}', found '{row['of']}'",
                column="of", **where,
            )


def _check_claims(data: Dataset) -> None:
    shown = f"data/{data.files['claims']}"
    for row in rows(data["claims"]):
        where = _where(data, "claims", row["id"])
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
            _check_claim_check(data, row, shown, where)


def _check_claim_check(data: Dataset, row: dict, shown: str, where: dict) -> None:
    counts = by_key(data["counts"])
    numbers = CHECK_NUMBER.findall(row["check"])
    for number in numbers:
        if not VALID_NUMBER.match(number):
            raise DataError(shown, f"expected a number in the check, found {number!r}",
                            column="check", **where)
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
    if problem := _zero_denominator(of, counts[of]["n"]):
        raise DataError(shown, problem, column="check_of" if row["check_of"] else "check_count",
                        **where)
    if counts[row["check_count"]]["n"] > counts[of]["n"]:
        raise DataError(
            shown, f"expected a denominator at least as large as the count"
            f" ({counts[row['check_count']]['n']}), found '{of}' ({counts[of]['n']})",
            column="check_of", **where,
        )


def _check_durations(data: Dataset) -> None:
    shown = f"data/{data.files['durations']}"
    for row in rows(data["durations"]):
        if (row["low"] is None) != (row["high"] is None):
            raise DataError(
                shown, "expected both ends of the range, or neither",
                column="high" if row["high"] is None else "low",
                **_where(data, "durations", row["id"]),
            )


def _check_summary(data: Dataset) -> None:
    counts = by_key(data["counts"])
    shown = f"data/{data.files['summary_outcomes']}"
    for row in rows(data["summary_outcomes"]):
        n, of = counts[row["count"]]["n"], counts[row["of"]]["n"]
        if problem := _zero_denominator(row["of"], of):
            raise DataError(shown, problem, column="of",
                            **_where(data, "summary_outcomes", row["id"]))
        if n > of:
            raise DataError(
                shown,
                f"expected a denominator at least as large as the count ({n}),"
                f" found '{row['of']}' ({of})",
                column="of", **_where(data, "summary_outcomes", row["id"]),
            )


def _check_context(data: Dataset) -> None:
    shown = f"data/{data.files['context_outcomes']}"
    for row in rows(data["context_outcomes"]):
        where = _where(data, "context_outcomes", row["id"])
        if row["total"] is not None and row["n"] is None:
            raise DataError(shown, "expected n when a total is given, found an empty cell",
                            column="n", **where)
        if row["total"] is not None and row["n"] > row["total"]:
            raise DataError(
                shown, f"expected n no larger than the total ({row['total']}), found {row['n']}",
                column="n", **where,
            )
        if row["total"] is None and row["printed_percent"] is None:
            raise DataError(
                shown, "expected either n and total, or a printed percentage",
                column="printed_percent", **where,
            )
