"""Rules across files that no single cell shows: a count above its denominator, say.

These are impossibilities that would make a proportion meaningless, so they stop the build.
Disagreements that the source itself may contain (a percentage that does not match its
count, parts that do not add up) are not errors: the audit reports them.
"""

from __future__ import annotations

import re

from ..data.errors import DataError
from ..data.load import Dataset
from ..data.tables import by_key, rows
from .audit import CHECK
from .certainty import check_certainty
from .check_reported import check_reported
from .check_study import check_glossary, check_study
from .harms_check import check_harms
from .source_text import check_source

# The numbers in a claim's check, e.g. "proportion between 0.25 and 0.42".
CHECK_NUMBER = re.compile(r"(?<![\w.])[0-9.]+(?![\w.])")
VALID_NUMBER = re.compile(r"^[0-9]+(\.[0-9]+)?$")


# The tables every study's site reads, besides the study record; the others (durations,
# claims, summary of findings, open questions, glossary, other studies) are optional, and a
# page that shows one the data lack stops the build.
SITE_TABLES = ("counts", "groups")


# Percentages are printed with at most one decimal; more is a value computed, not printed.
PRINTED_DECIMALS = 1
PRINTED_TABLES = ("counts", "context_outcomes")


def check_dataset(data: Dataset) -> None:
    _check_site_tables(data)
    check_study(data)
    check_glossary(data)
    _check_printed_precision(data)
    _check_groups(data)
    _check_denominator_chains(data)
    _check_counts(data)
    _check_claims(data)
    _check_durations(data)
    _check_summary(data)
    _check_context(data)
    check_reported(data)
    if "certainty" in data.tables:
        check_certainty(data)
    if "abstract" in data.tables:
        check_source(data)
    if "context_harms" in data.tables:
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


def _check_printed_precision(data: Dataset) -> None:
    for name in PRINTED_TABLES:
        if name not in data.tables:
            continue
        shown = f"data/{data.files[name]}"
        for row in rows(data[name]):
            printed = row["printed_percent"]
            if printed is not None and round(printed, PRINTED_DECIMALS) != printed:
                raise DataError(
                    shown, f"expected the percentage as the source printed it, with at most"
                    f" {PRINTED_DECIMALS} decimal (such as 46 or 46.2), found {printed:g}: a"
                    " percentage worked out from the counts is not a printed one (the site"
                    " computes those itself); copy the figure from the source",
                    column="printed_percent", **_where(data, name, row["id"]),
                )


def _decimals(printed: float) -> int:
    return 0 if float(printed).is_integer() else PRINTED_DECIMALS


def _check_denominator_chains(data: Dataset) -> None:
    """Following 'of' from any count must end at a count with no denominator."""
    counts = by_key(data["counts"])
    shown = f"data/{data.files['counts']}"
    for cid in counts:
        chain = [cid]
        while (of := counts[chain[-1]]["of"]) is not None and of in counts:
            if of in chain:
                loop = chain[chain.index(of):] + [of]
                if len(loop) == 2:
                    break  # a count its own denominator: said in _check_counts
                raise DataError(
                    shown, "expected denominators that lead to a count with none of its own"
                    f" (the whole cohort), found a loop: {' → '.join(loop)}; each count"
                    " would be a fraction of itself", column="of",
                    **_where(data, "counts", loop[0]),
                )
            chain.append(of)


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
    if "claims" not in data.tables:
        return
    shown = f"data/{data.files['claims']}"
    counts = by_key(data["counts"])
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
    if "durations" not in data.tables:
        return
    shown = f"data/{data.files['durations']}"
    for row in rows(data["durations"]):
        if (row["low"] is None) != (row["high"] is None):
            raise DataError(
                shown, "expected both ends of the range, or neither",
                column="high" if row["high"] is None else "low",
                **_where(data, "durations", row["id"]),
            )


def _check_summary(data: Dataset) -> None:
    if "summary_outcomes" not in data.tables:
        return
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
    if "context_outcomes" not in data.tables:
        return
    shown = f"data/{data.files['context_outcomes']}"
    studies = by_key(data["context_studies"])
    for row in rows(data["context_outcomes"]):
        where = _where(data, "context_outcomes", row["id"])
        size = studies[row["study"]]["n"]
        for column in ("n", "total"):
            if row[column] is not None and row[column] > size:
                raise DataError(
                    shown, f"expected {column} no larger than the number of patients in study"
                    f" {row['study']} ({size}, in data/{data.files['context_studies']}), found"
                    f" {row[column]}", column=column, **where,
                )
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
        printed = row["printed_percent"]
        if row["total"] is not None and printed is not None:
            exact = 100 * row["n"] / row["total"]
            if abs(exact - printed) >= 10 ** -_decimals(printed):
                raise DataError(
                    shown, f"expected a printed percentage that matches n and total"
                    f" ({row['n']}/{row['total']} is {exact:.{_decimals(printed) + 1}f}%),"
                    f" found {printed:g}; check both against the source",
                    column="printed_percent", **where,
                )
