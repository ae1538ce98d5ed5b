"""A CSV table of data/ read strictly: Python's csv module in strict mode, every cell as
text, converted by its field's declared type; the header line checked against the schema's
columns (and against patient-level names). The first problem stops with a DataError naming
file, line and column."""

from __future__ import annotations

import csv
import difflib
import io
from typing import Any

import pandas as pd

from .errors import DataError
from .errors import shown as shown_value
from .fields import NUMBER_TYPES, CellError, Field, comma_hint
from .read_files import AGGREGATE_ONLY, PATIENT_LEVEL, PATIENT_LEVEL_WHY

TAB_HINT = "save the file as comma-separated CSV (CSV UTF-8), keeping its name"


def _records(text: str, shown: str) -> list[tuple[int, list[str]]]:
    """(first line, cells) of each CSV record, read strictly."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[tuple[int, list[str]]] = []
    line = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return records
        except csv.Error as exc:
            raise DataError(
                shown, f"expected valid CSV, found an error ({exc}): a text cell that holds a comma"
                " or a double quote must be in double quotes, with each double quote inside it"
                " written twice", line=line, row=line - 1 if line > 1 else None,
                column=_column_with_quote(text, line, records[0][1] if records else []),
            ) from None
        records.append((line, cells))
        line = reader.line_num + 1


def _column_with_quote(text: str, line: int, header: list[str]) -> str | None:
    """The first column of a line whose cell holds a stray double quote, if it can be told."""
    lines = text.splitlines()
    if not header or line > len(lines):
        return None
    cells = next(csv.reader([lines[line - 1]]), [])
    for name, cell in zip(header, cells, strict=False):
        if '"' in cell:
            return name
    return None


def load_csv_table(text: str, shown: str, fields: list[Field],
                   may_be_empty: bool = False) -> pd.DataFrame:
    expected_names = [f.name for f in fields]
    if not text.strip():
        raise DataError(
            shown, "the file is empty; expected a header line with the columns "
            + ", ".join(expected_names),
        )
    records = _records(text, shown)
    while records and all(not c.strip() for c in records[-1][1]):
        records.pop()  # blank lines at the end of the file
    header = records[0][1]
    _check_header(header, fields, shown)
    if len(records) < 2 and may_be_empty:
        return pd.DataFrame(columns=["_line", *header])
    if len(records) < 2:
        raise DataError(
            shown, "the file has a header but no data rows; expected at least one row (or"
            " 'optional: true' on its resource in the schema, for a table a study may leave"
            " empty)", line=1
        )
    by_name = {f.name: f for f in fields}
    out: list[dict[str, Any]] = []
    for line, cells in records[1:]:
        row = line - 1
        if all(not c.strip() for c in cells):
            raise DataError(shown, f"expected a row of {len(header)} cells, found a blank line;"
                            " remove it", line=line, row=row)
        if len(cells) != len(header):
            _wrong_cell_count(cells, header, by_name, shown, line)
        record: dict[str, Any] = {"_line": line}
        for name, text_cell in zip(header, cells, strict=True):
            if "\n" in text_cell or "\r" in text_cell:
                raise DataError(
                    shown, "expected text on one line, found a line break inside the cell",
                    line=line, row=row, column=name,
                )
            try:
                record[name] = by_name[name].convert(text_cell)
            except CellError as exc:
                raise DataError(shown, str(exc), line=line, row=row, column=name) from None
        out.append(record)
    # object columns keep None as None: no NaN standing in for "not reported"
    return pd.DataFrame(out, columns=["_line", *expected_names], dtype=object)


def _wrong_cell_count(
    cells: list[str], header: list[str], by_name: dict[str, Field], shown: str, line: int
) -> None:
    where = {"line": line, "row": line - 1}
    if len(cells) == 1 and ";" in cells[0]:
        raise DataError(
            shown, "expected cells separated by commas, found semicolons; save the file as"
            " comma-separated CSV", **where,
        )
    if len(cells) < len(header) and "\t" in "".join(cells):
        raise DataError(shown, f"expected cells separated by commas, found tabs; {TAB_HINT}",
                        **where)
    if len(cells) == len(header) + 1:
        # A comma in a number splits it into two cells: 46,2 -> "46", "2".
        for at, name in enumerate(header):
            kind = by_name[name].type
            joined = f"{cells[at]},{cells[at + 1]}"
            if kind in NUMBER_TYPES and cells[at].isdigit() and cells[at + 1].isdigit():
                raise DataError(
                    shown, f"expected {by_name[name].expected()}, found {shown_value(joined)}:"
                    f" {comma_hint(kind, joined)}", column=name, **where,
                )
    raise DataError(
        shown, f"expected {len(header)} cells as in the header, found {len(cells)}; a text cell"
        " that holds a comma must be in double quotes, and decimals take a point, not a comma",
        **where,
    )


def _check_header(header: list[str], fields: list[Field], shown: str) -> None:
    expected = [f.name for f in fields]
    if len(header) == 1 and "\t" in header[0]:
        raise DataError(
            shown, f"expected columns separated by commas, found tabs (a tab-separated file,"
            f" such as a spreadsheet's 'Text (tab delimited)' export); {TAB_HINT}", line=1,
        )
    if len(header) == 1 and ";" in header[0]:
        raise DataError(
            shown,
            "expected columns separated by commas, found semicolons (a spreadsheet set to a"
            " French locale does this); save the file as comma-separated CSV",
            line=1,
        )
    seen: set[str] = set()
    for name in header:
        if not name.strip():
            raise DataError(
                shown, "expected a name for every column, found an empty one (a comma at the"
                " end of the header line?); remove it", line=1,
            )
        if name != name.strip():
            raise DataError(
                shown, f"expected the column name {shown_value(name.strip())}, found"
                f" {shown_value(name)} with spaces around it; remove them",
                line=1, column=name.strip(),
            )
        if name in seen:
            raise DataError(
                shown, f"expected each column once, found '{name}' twice; keep one", line=1,
                column=name,
            )
        seen.add(name)
    for name in header:
        if PATIENT_LEVEL.search(name):
            raise DataError(shown, f"{AGGREGATE_ONLY}, found the column {shown_value(name)}, which"
                            f" {PATIENT_LEVEL_WHY}.", line=1, column=name)
    for name in header:
        if name in expected:
            continue
        close = difflib.get_close_matches(name, expected, n=1)
        close = close or [e for e in expected if e.lower() == name.lower()]
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise DataError(
            shown,
            f"unexpected column {shown_value(name)}; expected the columns"
            f" {', '.join(expected)}{hint}",
            line=1, column=name,
        )
    for name in expected:
        if name not in header:
            raise DataError(
                shown, f"the column '{name}' is missing; expected the columns "
                + ", ".join(expected),
                line=1, column=name,
            )
