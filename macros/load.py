"""Read every file in data/ strictly, once, against data/datapackage.yml.

Each CSV is read by pandas as text only (no type inference, no NA guessing), then every
cell is converted by its field's declared type. The first problem stops loading with a
DataError naming file, line and column.
"""

from __future__ import annotations

import difflib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from .errors import DataError
from .fields import CellError, Field

DESCRIPTOR = "datapackage.yml"

# Column names that would put individual patients on a public page.
PATIENT_LEVEL = re.compile(
    r"(^|_)(patient|subject|participant|person|case)_?(id|no|number|name|initials)?$"
    r"|(^|_)(name|surname|first_?name|last_?name|initials|mrn|nhs|ssn|insee)$"
    r"|(^|_)(dob|birth|birth_?date|date_?of_?birth|age_?at|sex|gender|postcode|zip)"
    r"|(^|_)(date|dt)(_|$)|_date$|(^|_)(death|relapse|transplant|diagnosis)_?(date|day)$",
    re.IGNORECASE,
)


@dataclass
class Dataset:
    """Every table of data/, typed and checked; the study record as a dict."""

    study: dict[str, Any]
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # resource name -> file name
    lines: dict[str, dict[str, int]] = field(default_factory=dict)  # resource -> key -> line

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]


def load_descriptor(data_dir: Path) -> dict[str, Any]:
    path = data_dir / DESCRIPTOR
    shown = f"{data_dir.name}/{DESCRIPTOR}"
    if not path.is_file():
        raise DataError(shown, "the schema file is missing; it describes every data file")
    try:
        descriptor = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise DataError(shown, f"the schema file cannot be read: {exc}") from None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise DataError(shown, "expected a mapping with a list of 'resources'")
    return descriptor


def load_dataset(data_dir: Path) -> Dataset:
    """Load and check every resource the descriptor lists."""
    data_dir = Path(data_dir)
    descriptor = load_descriptor(data_dir)
    resources = {r["name"]: r for r in descriptor["resources"]}
    dataset = Dataset(study={})
    for name, resource in resources.items():
        shown = f"{data_dir.name}/{resource['path']}"
        dataset.files[name] = resource["path"]
        fields = [Field.from_descriptor(f) for f in resource["schema"]["fields"]]
        text = _read_text(data_dir / resource["path"], shown)
        if resource.get("format") == "yaml":
            dataset.study = _load_yaml_record(text, shown, fields)
        else:
            table = _load_csv_table(text, shown, fields)
            key = resource["schema"].get("primaryKey")
            if key:
                _check_unique(table, key, shown)
                dataset.lines[name] = dict(zip(table[key], table["_line"], strict=True))
            dataset.tables[name] = table
    for name, resource in resources.items():
        if name in dataset.tables:
            _check_references(dataset, name, resource, resources, data_dir.name)
    return dataset


def _read_text(path: Path, shown: str) -> str:
    if not path.is_file():
        raise DataError(shown, "the file is missing; every file listed in the schema is required")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(
            shown,
            f"expected UTF-8 text, found the byte 0x{raw[exc.start]:02X} that is not valid"
            " UTF-8 (the file may have been saved as Latin-1 or Windows-1252); save it as"
            " UTF-8",
            line=line,
        ) from None
    return text.removeprefix("\ufeff")  # a byte-order mark from spreadsheet exports


def _load_csv_table(
    text: str, shown: str, fields: list[Field]
) -> pd.DataFrame:
    expected_names = [f.name for f in fields]
    body = text.rstrip("\r\n \t")
    if not body:
        raise DataError(
            shown, "the file is empty; expected a header line with the columns "
            + ", ".join(expected_names),
        )
    try:
        raw = pd.read_csv(
            io.StringIO(body),
            header=None,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            encoding="utf-8",
        )
    except pd.errors.ParserError as exc:
        match = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
        if match:
            want, line, saw = match.groups()
            raise DataError(
                shown,
                f"expected {want} cells as in the header, found {saw}; a comma inside a"
                " text cell needs the cell in double quotes",
                line=int(line), row=int(line) - 1,
            ) from None
        raise DataError(shown, f"the file is not valid CSV: {exc}") from None
    header = list(raw.iloc[0])
    _check_header(header, fields, shown)
    if len(raw) < 2:
        raise DataError(shown, "the file has a header but no data rows", line=1)
    records: list[dict[str, Any]] = []
    for index in range(1, len(raw)):
        line = index + 1
        cells = list(raw.iloc[index])
        if all(isinstance(c, float) or c == "" for c in cells):
            raise DataError(shown, "the line is blank; remove it", line=line, row=index)
        if any(isinstance(c, float) for c in cells):
            raise DataError(
                shown, f"expected {len(header)} cells as in the header, found fewer",
                line=line, row=index,
            )
        record: dict[str, Any] = {"_line": line}
        for name, cell in zip(header, cells, strict=True):
            fld = fields[expected_names.index(name)]
            if "\n" in cell or "\r" in cell:
                raise DataError(
                    shown, "expected text on one line, found a line break inside the cell",
                    line=line, row=index, column=name,
                )
            try:
                record[name] = fld.convert(cell)
            except CellError as exc:
                raise DataError(shown, str(exc), line=line, row=index, column=name) from None
        records.append(record)
    # object columns keep None as None: no NaN standing in for "not reported"
    return pd.DataFrame(records, columns=["_line", *expected_names], dtype=object)


def _check_header(header: list[str], fields: list[Field], shown: str) -> None:
    expected = [f.name for f in fields]
    if len(header) == 1 and ";" in header[0]:
        raise DataError(
            shown,
            "expected columns separated by commas, found semicolons (a spreadsheet set to a"
            " French locale does this); save the file as comma-separated CSV",
            line=1,
        )
    seen: set[str] = set()
    for name in header:
        if name != name.strip():
            raise DataError(
                shown, f"the column name {name!r} has spaces around it; remove them",
                line=1, column=name.strip(),
            )
        if name in seen:
            raise DataError(
                shown, f"the column '{name}' appears twice; keep one", line=1, column=name
            )
        seen.add(name)
    for name in header:
        if name in expected:
            continue
        if PATIENT_LEVEL.search(name):
            raise DataError(
                shown,
                f"the column '{name}' looks like patient-level data (identifiers, names,"
                " dates of birth or dates of events). This site is public and publishes"
                " aggregate results only: individual patients could be recognised from such"
                " data, and the source reports none. Remove the column.",
                line=1, column=name,
            )
        close = difflib.get_close_matches(name, expected, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise DataError(
            shown,
            f"unexpected column '{name}'; expected the columns {', '.join(expected)}{hint}",
            line=1, column=name,
        )
    for name in expected:
        if name not in header:
            raise DataError(
                shown, f"the column '{name}' is missing; expected the columns "
                + ", ".join(expected),
                line=1, column=name,
            )


def _load_yaml_record(text: str, shown: str, fields: list[Field]) -> dict[str, Any]:
    try:
        node = yaml.compose(text, Loader=yaml.BaseLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise DataError(
            shown, f"the file is not valid YAML ({problem})",
            line=mark.line + 1 if mark else None,
        ) from None
    if node is None:
        raise DataError(shown, "the file is empty; expected one record of key: value lines")
    if not isinstance(node, yaml.MappingNode):
        raise DataError(shown, "expected one record of key: value lines", line=1)
    by_name = {f.name: f for f in fields}
    record: dict[str, Any] = {}
    lines: dict[str, int] = {}
    for key_node, value_node in node.value:
        key = key_node.value
        line = key_node.start_mark.line + 1
        if key in lines:
            raise DataError(
                shown, f"the key '{key}' appears twice (first on line {lines[key]}); keep one",
                line=line, column=key,
            )
        lines[key] = line
        if key not in by_name:
            close = difflib.get_close_matches(key, list(by_name), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise DataError(shown, f"unexpected key '{key}'{hint}", line=line, column=key)
        if not isinstance(value_node, yaml.ScalarNode):
            raise DataError(
                shown, f"expected {by_name[key].expected()}, found a list or a mapping",
                line=line, column=key,
            )
        try:
            record[key] = by_name[key].convert(value_node.value)
        except CellError as exc:
            raise DataError(shown, str(exc), line=line, column=key) from None
    for name, fld in by_name.items():
        if name not in record:
            if fld.required:
                raise DataError(shown, f"the key '{name}' is missing", column=name)
            record[name] = None
    return record


def _check_unique(table: pd.DataFrame, key: str, shown: str) -> None:
    first: dict[Any, int] = {}
    for value, line in zip(table[key], table["_line"], strict=True):
        if value in first:
            raise DataError(
                shown,
                f"the id {value!r} is already used on line {first[value]}; each must be unique",
                line=line, row=line - 1, column=key,
            )
        first[value] = line


def _check_references(
    dataset: Dataset, name: str, resource: dict, resources: dict, folder: str
) -> None:
    shown = f"{folder}/{resource['path']}"
    table = dataset.tables[name]
    schema = resource["schema"]
    links = [(fk["fields"], fk["reference"]["resource"]) for fk in schema.get("foreignKeys", [])]
    links += [
        (f["name"], f["itemReference"]) for f in schema["fields"] if f.get("itemReference")
    ]
    for column, target in links:
        target_key = resources[target]["schema"]["primaryKey"]
        allowed = set(dataset.tables[target][target_key])
        target_file = f"{folder}/{resources[target]['path']}"
        for value, line in zip(table[column], table["_line"], strict=True):
            for item in value if isinstance(value, tuple) else (value,):
                if item is not None and item not in allowed:
                    raise DataError(
                        shown,
                        f"expected the {target_key} of a row in {target_file}, found {item!r}",
                        line=line, row=line - 1, column=column,
                    )
