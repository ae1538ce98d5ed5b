"""Rules across files on counts: percentages as printed, every group with its categories,
denominators that lead to the whole cohort, no count above its denominator, the summary of
findings' denominators and the other studies' counts against their sizes."""

from __future__ import annotations

from ..data.errors import DataError
from ..data.load import Dataset
from ..data.tables import by_key, rows

# Percentages are printed with at most one decimal; more is a value computed, not printed.
PRINTED_DECIMALS = 1
PRINTED_TABLES = ("counts", "context_outcomes")


def where_in(data: Dataset, resource: str, key: str) -> dict:
    """The line and row of the record `key` of a resource, for a DataError."""
    line = data.lines[resource][key]
    return {"line": line, "row": line - 1}


def check_groups(data: Dataset) -> None:
    used = {row["group"] for row in rows(data["counts"])}
    shown = f"data/{data.files['groups']}"
    for row in rows(data["groups"]):
        if row["id"] not in used:
            raise DataError(
                shown, f"expected at least one count in data/{data.files['counts']} whose"
                f" group is '{row['id']}', found none; a breakdown needs its categories",
                column="id", **where_in(data, "groups", row["id"]),
            )


def check_printed_precision(data: Dataset) -> None:
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
                    column="printed_percent", **where_in(data, name, row["id"]),
                )


def _decimals(printed: float) -> int:
    return 0 if float(printed).is_integer() else PRINTED_DECIMALS


def check_denominator_chains(data: Dataset) -> None:
    """Following 'of' from any count must end at a count with no denominator."""
    counts = by_key(data["counts"])
    shown = f"data/{data.files['counts']}"
    for cid in counts:
        chain = [cid]
        while (of := counts[chain[-1]]["of"]) is not None and of in counts:
            if of in chain:
                loop = chain[chain.index(of):] + [of]
                if len(loop) == 2:
                    break  # a count its own denominator: said in check_counts
                raise DataError(
                    shown, "expected denominators that lead to a count with none of its own"
                    f" (the whole cohort), found a loop: {' → '.join(loop)}; each count"
                    " would be a fraction of itself", column="of",
                    **where_in(data, "counts", loop[0]),
                )
            chain.append(of)


def zero_denominator(of: str, n: int) -> str | None:
    if n == 0:
        return (f"expected a denominator of at least 1, found '{of}', which is 0: a proportion"
                " of nobody has no meaning")
    return None


def check_counts(data: Dataset) -> None:
    counts = by_key(data["counts"])
    groups = by_key(data["groups"])
    shown = f"data/{data.files['counts']}"
    for cid, row in counts.items():
        where = where_in(data, "counts", cid)
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
        if problem := zero_denominator(row["of"], denominator):
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


def check_summary(data: Dataset) -> None:
    if "summary_outcomes" not in data.tables:
        return
    counts = by_key(data["counts"])
    shown = f"data/{data.files['summary_outcomes']}"
    for row in rows(data["summary_outcomes"]):
        n, of = counts[row["count"]]["n"], counts[row["of"]]["n"]
        if problem := zero_denominator(row["of"], of):
            raise DataError(shown, problem, column="of",
                            **where_in(data, "summary_outcomes", row["id"]))
        if n > of:
            raise DataError(
                shown,
                f"expected a denominator at least as large as the count ({n}),"
                f" found '{row['of']}' ({of})",
                column="of", **where_in(data, "summary_outcomes", row["id"]),
            )


def check_context(data: Dataset) -> None:
    if "context_outcomes" not in data.tables:
        return
    shown = f"data/{data.files['context_outcomes']}"
    studies = by_key(data["context_studies"])
    for row in rows(data["context_outcomes"]):
        where = where_in(data, "context_outcomes", row["id"])
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
