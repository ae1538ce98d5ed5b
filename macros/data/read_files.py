"""One file of data/ read as text: a regular file of the folder, in UTF-8 (the first byte
that is not says its line and column). And the column and key names that would put
individual patients on a public page, which the CSV and YAML readers (read_csv, read_yaml),
the loader and the schema refuse. The first problem stops with a DataError naming file, line
and column."""

from __future__ import annotations

import codecs
import csv
import re
from pathlib import Path

from .errors import DataError
from .safe_files import regular_file

# Column names that would put individual patients on a public page: identifiers, names,
# dates of birth, dates of events. (The release date is the site's, not a patient's.)
PATIENT_LEVEL = re.compile(
    r"(^|_)(patient|subject|participant|person|case|record|hospital)s?_?"
    r"(id|ids|no|num|number|code|ref|name|names|initials)?$"
    r"|^(name|names|given_?names?|family_?name|address|zip|phone|telephone)$"
    r"|(^|_)(surname|first_?name|last_?name|full_?name|initials|mrn|nhs_?(no|number)?|ssn"
    r"|insee|nir|ipp|postcode|post_code|zip_?code|email)$"
    r"|(^|_)(dob|birth|birth_?date|birthday|date_?of_?birth|born|age_at_[a-z]+)"
    r"|(^|_)(date|dt|day)_of_"
    r"|^(date|dt|dates)$|(?<!release)_(date|dt)$",
    re.IGNORECASE,
)
AGGREGATE_ONLY = "expected aggregate results only"
PATIENT_LEVEL_WHY = (
    "looks like patient-level data (identifiers, names, dates of birth or dates of events)."
    " This site is public: individual patients could be recognised from such data, which the"
    " source does not report either. Remove it"
)


def read_text(path: Path, shown: str) -> str:
    regular_file(path, shown)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(shown, f"expected a file that can be read, found an error:"
                        f" {exc.strerror or exc}") from None
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise DataError(
            shown, "expected UTF-8 text, found UTF-16 (a spreadsheet's 'Unicode text' export);"
            " save the file as CSV UTF-8", line=1,
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(
            shown,
            f"expected UTF-8 text, found the byte 0x{raw[exc.start]:02X} that is not valid"
            " UTF-8 (the file may have been saved as Latin-1 or Windows-1252); save it as"
            " UTF-8",
            line=line, column=_column_at(raw, exc.start),
        ) from None
    return text.removeprefix("\ufeff")  # a byte-order mark from spreadsheet exports


def _column_at(raw: bytes, offset: int) -> str | None:
    """The CSV column holding byte `offset`, when a header line names it."""
    start = raw.rfind(b"\n", 0, offset) + 1
    head = raw.split(b"\n", 1)[0].decode("utf-8", "replace").lstrip("\ufeff")
    before = raw[start:offset].decode("utf-8", "replace")
    try:
        header = next(csv.reader([head]))
        at = len(next(csv.reader([before + "\x00"]))) - 1
    except (csv.Error, StopIteration):
        return None
    return header[at].strip() if start > 0 and 0 <= at < len(header) else None
