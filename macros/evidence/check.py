"""Rules across files that no single cell shows: a count above its denominator, say.

These are impossibilities that would make a proportion meaningless, so they stop the build.
Disagreements that the source itself may contain (a percentage that does not match its
count, parts that do not add up) are not errors: the audit reports them.

check_dataset runs every rule: here, the tables every site needs and the ends of a range;
the rules on counts in check_counts, on claims in check_claims, and the others in the
modules they name.
"""

from __future__ import annotations

from ..data.errors import DataError
from ..data.load import Dataset
from ..data.tables import rows
from .certainty import check_certainty
from .check_claims import check_claims
from .check_counts import (
    check_context,
    check_counts,
    check_denominator_chains,
    check_groups,
    check_printed_precision,
    check_summary,
    where_in,
)
from .check_reported import check_reported
from .check_study import check_glossary, check_study
from .harms_check import check_harms
from .source_text import check_source

# The tables every study's site reads, besides the study record; the others (durations,
# claims, summary of findings, open questions, glossary, other studies) are optional, and a
# page that shows one the data lack stops the build.
SITE_TABLES = ("counts", "groups")


def check_dataset(data: Dataset) -> None:
    _check_site_tables(data)
    check_study(data)
    check_glossary(data)
    check_printed_precision(data)
    check_groups(data)
    check_denominator_chains(data)
    check_counts(data)
    check_claims(data)
    _check_durations(data)
    check_summary(data)
    check_context(data)
    check_reported(data)
    if "certainty" in data.tables:
        check_certainty(data)
    if "abstract" in data.tables:
        check_source(data)
    if "context_harms" in data.tables:
        check_harms(data)


def _check_site_tables(data: Dataset) -> None:
    if not data.study:
        raise DataError("data/datapackage.yml", "expected a resource 'study' for the study"
                        " record (format: yaml), which every page uses; found none")
    for name in SITE_TABLES:
        if name not in data.tables:
            raise DataError("data/datapackage.yml", f"expected a resource '{name}', which the"
                            " site's pages show; found none")


def _check_durations(data: Dataset) -> None:
    if "durations" not in data.tables:
        return
    shown = f"data/{data.files['durations']}"
    for row in rows(data["durations"]):
        if (row["low"] is None) != (row["high"] is None):
            raise DataError(
                shown, "expected both ends of the range, or neither",
                column="high" if row["high"] is None else "low",
                **where_in(data, "durations", row["id"]),
            )

