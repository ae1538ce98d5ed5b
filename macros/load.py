"""Read every file in data/ strictly, once, against data/datapackage.yml.

The schema is checked first. Each CSV is then read with Python's csv module in strict mode,
every cell as text (no type inference, no NA guessing), and every cell is converted by its
field's declared type. The first problem stops loading with a DataError naming file, line
and column.
"""

from __future__ import annotations

import codecs
import csv
import difflib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from .errors import DataError
from .errors import shown as shown_value
from .fields import NUMBER_TYPES, TYPES, CellError, Field, comma_hint
from .safe_files import check_folder, regular_file
from .schema_needs import check_schema_needs

DESCRIPTOR = "datapackage.yml"
# libyaml's parser when PyYAML was built with it (the schema is read on every build).
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Files of data/ that need no schema entry. Anything else with a suffix the site publishes
# (it copies data/ for download) must be described, and so checked, in the schema.
UNDESCRIBED_OK = {DESCRIPTOR, "README.md"}
PUBLISHED_SUFFIXES = (".csv", ".yml", ".md")
TAB_HINT = "save the file as comma-separated CSV (CSV UTF-8), keeping its name"
RESOURCE_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
RESOURCE_PATH = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*\.(csv|yml)$")
CONSTRAINTS = {"required", "enum", "minimum", "maximum", "pattern", "maxLength"}

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


@dataclass
class Dataset:
    """Every table of data/, typed and checked; the study record as a dict."""

    study: dict[str, Any]
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # resource name -> file name
    lines: dict[str, dict[str, int]] = field(default_factory=dict)  # resource -> key -> line
    descriptor: dict[str, Any] = field(default_factory=dict)  # the schema it was checked against
    # Optional resources (`optional: true` in the schema) this study does not have: resource
    # name -> "absent" (no file) or "empty" (a header line only). They are not in `tables`.
    left_out: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]


# -- the schema ---------------------------------------------------------------------------

def load_descriptor(data_dir: Path) -> dict[str, Any]:
    """The schema, checked: every resource and field well formed, no patient-level field."""
    path = Path(data_dir) / DESCRIPTOR
    shown = f"{Path(data_dir).name}/{DESCRIPTOR}"
    if not path.is_file() and not path.is_symlink():
        raise DataError(
            shown, "the schema file is missing; expected it here, describing every data file"
        )
    text = _read_text(path, shown)
    loader = SAFE_LOADER(text)
    try:  # parsed once: the same nodes give the values and the line of each field
        node = loader.get_single_node()
        descriptor = loader.construct_document(node) if node is not None else None
        lines = _descriptor_lines(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataError(
            shown, f"the schema file cannot be read: expected valid YAML, found an error"
            f" ({getattr(exc, 'problem', None) or exc})",
            line=mark.line + 1 if mark else None,
        ) from None
    finally:
        loader.dispose()
    if descriptor is None:
        raise DataError(shown, "the schema file is empty; expected a mapping with a list of"
                        " 'resources', one for each data file")
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list) \
            or not descriptor["resources"]:
        raise DataError(shown, "expected a mapping with a list of 'resources'")
    _check_descriptor(descriptor, lines, shown)
    check_schema_needs(descriptor, lines, shown)
    return _without_absent(descriptor, Path(data_dir))


ABSENT = "__absent__"  # descriptor key: the optional resources whose file is not in data/


def _without_absent(descriptor: dict, data_dir: Path) -> dict:
    """The schema of the files this study has: an optional resource whose file is not in
    data/ is left out (and named under ABSENT), so nothing reads or publishes it."""
    kept, absent = [], []
    for res in descriptor["resources"]:
        path = data_dir / res["path"]
        if res.get("optional") is True and not path.exists() and not path.is_symlink():
            absent.append(res["name"])
        else:
            kept.append(res)
    return {**descriptor, "resources": kept, ABSENT: absent}


def _descriptor_lines(node: yaml.Node | None) -> dict[tuple, int]:
    """Line of each resource and each field in the schema file, for messages."""
    lines: dict[tuple, int] = {}

    def get(mapping: yaml.Node | None, key: str) -> yaml.Node | None:
        if isinstance(mapping, yaml.MappingNode):
            for k, v in mapping.value:
                if isinstance(k, yaml.ScalarNode) and k.value == key:
                    return v
        return None

    resources = get(node, "resources")
    if isinstance(resources, yaml.SequenceNode):
        for i, res in enumerate(resources.value):
            lines[(i,)] = res.start_mark.line + 1
            fields = get(get(res, "schema"), "fields")
            if isinstance(fields, yaml.SequenceNode):
                for j, fld in enumerate(fields.value):
                    lines[(i, j)] = fld.start_mark.line + 1
    return lines


def _failing(shown: str, line: int | None):
    def fail(message: str, column: str | None = None, at: int | None = line) -> None:
        raise DataError(shown, message, line=at, column=column)
    return fail


def _check_descriptor(descriptor: dict, lines: dict[tuple, int], shown: str) -> None:
    names: dict[str, dict] = {}
    paths: set[str] = set()
    for i, res in enumerate(descriptor["resources"]):
        line = lines.get((i,))
        fail = _failing(shown, line)

        if not isinstance(res, dict):
            fail("expected each resource to be a mapping with name, path and schema")
        name, path = res.get("name"), res.get("path")
        if not isinstance(name, str) or not RESOURCE_NAME.match(name):
            fail(f"expected a resource name in lower case letters, digits and _, found {name!r}",
                 "name")
        if name in names:
            fail(f"expected each resource once, found '{name}' twice; keep one", "name")
        if not isinstance(path, str) or not RESOURCE_PATH.match(path):
            fail(f"expected the path of resource '{name}' to be a file name in data/ ending in"
                 f" .csv or .yml, found {path!r}", "path")
        if path in paths:
            fail(f"expected each file once, found '{path}' twice; keep one", "path")
        if res.get("optional", False) not in (True, False) \
                or (res.get("optional") and res.get("format") == "yaml"):
            fail(f"expected 'optional' of resource '{name}' to be true or false (true only for"
                 f" a CSV table a study may leave empty or out), found {res.get('optional')!r}",
                 "optional")
        if res.get("format", "csv") not in ("csv", "yaml") \
                or (res.get("format") == "yaml") != path.endswith(".yml"):
            fail(f"expected format 'yaml' for a .yml file and no format (CSV) for a .csv file,"
                 f" found {res.get('format')!r} for '{path}'", "format")
        schema = res.get("schema")
        fields = schema.get("fields") if isinstance(schema, dict) else None
        if not isinstance(fields, list) or not fields:
            fail(f"expected the resource '{name}' to have a schema with a list of fields",
                 "fields")
        seen: set[str] = set()
        for j, fld in enumerate(fields):
            at = lines.get((i, j), line)
            if not isinstance(fld, dict) or not isinstance(fld.get("name"), str) \
                    or not fld["name"]:
                fail(f"expected each field of '{name}' to be a mapping with a name", at=at)
            fname = fld["name"]
            if fname in seen:
                fail(f"expected each field of '{name}' once, found '{fname}' twice; keep one",
                     fname, at)
            seen.add(fname)
            if PATIENT_LEVEL.search(fname):
                fail(f"{AGGREGATE_ONLY}, found the field '{fname}' of '{name}', which"
                     f" {PATIENT_LEVEL_WHY} from the schema and from the data file", fname, at)
            kind = fld.get("type", "string")
            if kind not in TYPES:
                fail(f"expected the type of field '{fname}' of '{name}' to be one of"
                     f" {', '.join(TYPES)}, found {kind!r}", fname, at)
            constraints = fld.get("constraints", {}) or {}
            if not isinstance(constraints, dict) or set(constraints) - CONSTRAINTS:
                fail(f"expected the constraints of field '{fname}' of '{name}' to be a mapping"
                     f" of {', '.join(sorted(CONSTRAINTS))}", fname, at)
            _check_constraints(constraints, kind, _failing(shown, at), fname)
        names[name] = res
        paths.add(path)
    for i, res in enumerate(descriptor["resources"]):
        _check_keys(res, names, _failing(shown, lines.get((i,))))


def _check_constraints(constraints: dict, kind: str, fail_at, fname: str) -> None:
    def fail(message: str) -> None:
        fail_at(message, fname)

    enum = constraints.get("enum")
    if enum is not None and (not isinstance(enum, list) or not enum):
        fail("expected 'enum' to be a list of the allowed values")
    if enum and any(isinstance(v, bool) or v is None for v in enum):
        fail("expected the values of 'enum' as text, found true, false or null: YAML reads"
             " an unquoted yes, no, on, off or null that way; put such values in quotes")
    for bound in ("minimum", "maximum"):
        value = constraints.get(bound)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)
                                  or kind not in NUMBER_TYPES):
            fail(f"expected '{bound}' to be a number, on a field of type integer or number")
    length = constraints.get("maxLength")
    if length is not None and (isinstance(length, bool) or not isinstance(length, int)
                               or length < 1):
        fail("expected 'maxLength' to be a whole number above 0")
    pattern = constraints.get("pattern")
    if pattern is not None:
        try:
            re.compile(pattern)
        except (re.error, TypeError):
            fail(f"expected 'pattern' to be a regular expression, found {pattern!r}")


def _check_keys(res: dict, resources: dict[str, dict], fail) -> None:
    schema = res["schema"]
    names = [f["name"] for f in schema["fields"]]
    key = schema.get("primaryKey")
    if key is not None and key not in names:
        fail(f"expected the primaryKey of '{res['name']}' to be one of its fields, found {key!r}",
             "primaryKey")
    links = []
    for fk in schema.get("foreignKeys", []) or []:
        ref = fk.get("reference") if isinstance(fk, dict) else None
        if not isinstance(ref, dict):
            fail(f"expected each foreign key of '{res['name']}' to have fields and a reference",
                 "foreignKeys")
        links.append((fk.get("fields"), ref.get("resource")))
    links += [(f["name"], f["itemReference"]) for f in schema["fields"]
              if f.get("itemReference") is not None]
    for column, target in links:
        if column not in names:
            fail(f"expected a reference of '{res['name']}' to name one of its fields, found"
                 f" {column!r}", "foreignKeys")
        if target not in resources or not resources[target]["schema"].get("primaryKey"):
            fail(f"expected the field '{column}' of '{res['name']}' to refer to a resource with a"
                 f" primaryKey, found {target!r}", column)


# -- the data -----------------------------------------------------------------------------

TRANSLATIONS_PREFIX = "translations_"
# Tables where a header alone says something true: no other studies to compare with (and so
# none of their outcomes or harms). Every other table needs at least one row.
MAY_BE_EMPTY = frozenset({"context_studies", "context_outcomes", "context_harms"})


def load_dataset(data_dir: Path, language: str | None = None) -> Dataset:
    """Load and check every resource the descriptor lists; with a `language`, of the
    translations only that language's (the English pages need none: reading the French
    of every cell would cost an English build as much as the data itself)."""
    data_dir = Path(data_dir)
    check_folder(data_dir, f"{data_dir.name}/")
    descriptor = load_descriptor(data_dir)
    resources = {r["name"]: r for r in descriptor["resources"]}
    _check_no_undescribed_files(data_dir, {r["path"] for r in resources.values()})
    dataset = Dataset(study={}, descriptor=descriptor,
                      left_out=dict.fromkeys(descriptor.get(ABSENT, ()), "absent"))
    for name, resource in resources.items():
        if language is not None and name.startswith(TRANSLATIONS_PREFIX) \
                and name != TRANSLATIONS_PREFIX + language:
            continue
        shown = f"{data_dir.name}/{resource['path']}"
        dataset.files[name] = resource["path"]
        fields = [Field.from_descriptor(f) for f in resource["schema"]["fields"]]
        text = _read_text(data_dir / resource["path"], shown)
        if resource.get("format") == "yaml":
            dataset.study = _load_yaml_record(text, shown, fields,
                                              dataset.lines.setdefault(name, {}))
        else:
            table = _load_csv_table(text, shown, fields,
                                    may_be_empty=resource.get("optional") is True
                                    or name in MAY_BE_EMPTY)
            if table.empty:
                dataset.left_out[name] = "empty"
                continue
            key = resource["schema"].get("primaryKey")
            if key:
                _check_unique(table, key, shown)
                dataset.lines[name] = dict(zip(table[key], table["_line"], strict=True))
            dataset.tables[name] = table
    for name, resource in resources.items():
        if name in dataset.tables:
            _check_references(dataset, name, resource, resources, data_dir.name,
                              dataset.left_out)
    return dataset


def _check_no_undescribed_files(data_dir: Path, described: set[str]) -> None:
    """Every file the site would publish must be in the schema, where it is checked."""
    for path in sorted(data_dir.iterdir()):
        if not path.is_file() or path.name in described or path.name in UNDESCRIBED_OK:
            continue
        if path.suffix.lower() not in PUBLISHED_SUFFIXES:
            continue
        shown = f"{data_dir.name}/{path.name}"
        if path.name.startswith(("~$", ".~lock")):
            raise DataError(
                shown, "expected only data files here, found a spreadsheet's lock file (the"
                " file is open in a spreadsheet, and the lock file holds the editor's name);"
                " close the spreadsheet, or delete the lock file, and build again",
            )
        first = path.read_bytes()[:4096].decode("utf-8", "replace").splitlines()[:1]
        for column in next(csv.reader(first), []) if path.suffix.lower() == ".csv" else []:
            if PATIENT_LEVEL.search(column.strip()):
                raise DataError(
                    shown, f"{AGGREGATE_ONLY}, found the column"
                    f" {shown_value(column.strip())}, which {PATIENT_LEVEL_WHY}; this file must"
                    f" not be in {data_dir.name}/, which the site publishes",
                    line=1, column=column.strip(),
                )
        raise DataError(
            shown, f"expected only files described in {data_dir.name}/{DESCRIPTOR}: every file"
            f" here is published with the site, so each must be described there (and so"
            f" checked), or kept outside {data_dir.name}/",
        )


def _read_text(path: Path, shown: str) -> str:
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


def _load_csv_table(text: str, shown: str, fields: list[Field],
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


PLAIN_TAGS = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}


def _load_yaml_record(
    text: str, shown: str, fields: list[Field], lines: dict[str, int] | None = None
) -> dict[str, Any]:
    """One record of key: value lines. Every value is read as the text typed (YAML's own
    guesses, such as NO for false or 0123 for an octal number, never apply) and converted
    by its field's declared type. `lines` receives the line of each key."""
    try:
        node = yaml.compose(text, Loader=yaml.BaseLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise DataError(
            shown, f"expected valid YAML, found an error ({problem})",
            line=mark.line + 1 if mark else None,
        ) from None
    if node is None:
        raise DataError(shown, "the file is empty; expected one record of key: value lines")
    if not isinstance(node, yaml.MappingNode):
        raise DataError(shown, "expected one record of key: value lines",
                        line=node.start_mark.line + 1)
    by_name = {f.name: f for f in fields}
    record: dict[str, Any] = {}
    lines = {} if lines is None else lines
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in PLAIN_TAGS:
            raise DataError(shown, "expected a plain key before the colon", line=line)
        key = key_node.value
        if key in lines:
            raise DataError(
                shown, f"expected each key once, found {shown_value(key)} twice (first on line"
                f" {lines[key]}); keep one",
                line=line, column=key,
            )
        lines[key] = line
        if PATIENT_LEVEL.search(key):
            raise DataError(shown, f"{AGGREGATE_ONLY}, found the key '{key}', which"
                            f" {PATIENT_LEVEL_WHY}.", line=line, column=key)
        if key not in by_name:
            close = difflib.get_close_matches(key, list(by_name), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise DataError(shown, f"expected one of the keys {', '.join(by_name)}, found"
                            f" {shown_value(key)}{hint}", line=line, column=key)
        if value_node.tag not in PLAIN_TAGS:
            raise DataError(
                shown, f"expected plain {by_name[key].expected()}, found the YAML tag"
                f" {shown_value(value_node.tag)}; remove it", line=line, column=key,
            )
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
                raise DataError(shown, f"expected the key '{name}', which is required; it is"
                                " missing", column=name)
            record[name] = None
    return record


def _check_unique(table: pd.DataFrame, key: str, shown: str) -> None:
    first: dict[Any, int] = {}
    for value, line in zip(table[key], table["_line"], strict=True):
        if value is None:
            raise DataError(shown, "expected an id, found an empty cell", line=line,
                            row=line - 1, column=key)
        if value in first:
            raise DataError(
                shown,
                f"expected a unique id, found {shown_value(value)}, already used on line"
                f" {first[value]}",
                line=line, row=line - 1, column=key,
            )
        first[value] = line


def _check_references(
    dataset: Dataset, name: str, resource: dict, resources: dict, folder: str,
    left_out: dict[str, str],
) -> None:
    shown = f"{folder}/{resource['path']}"
    table = dataset.tables[name]
    schema = resource["schema"]
    links = [(fk["fields"], fk["reference"]["resource"])
             for fk in schema.get("foreignKeys", []) or []]
    links += [
        (f["name"], f["itemReference"]) for f in schema["fields"] if f.get("itemReference")
    ]
    for column, target in links:
        if target in left_out:  # an optional table this study has no rows of
            for value, line in zip(table[column], table["_line"], strict=True):
                if value is not None and value != ():
                    raise DataError(
                        shown, f"expected no reference here, as this study has no rows of"
                        f" '{target}' ({left_out[target]}), found {shown_value(value)}",
                        line=line, row=line - 1, column=column)
            continue
        if target not in dataset.tables:
            raise DataError(f"{folder}/{DESCRIPTOR}", f"expected the field '{column}' of"
                            f" '{name}' to refer to a CSV table, found '{target}'", column=column)
        target_key = resources[target]["schema"]["primaryKey"]
        allowed = set(dataset.tables[target][target_key])
        target_file = f"{folder}/{resources[target]['path']}"
        for value, line in zip(table[column], table["_line"], strict=True):
            for item in value if isinstance(value, tuple) else (value,):
                if item is not None and item not in allowed:
                    raise DataError(
                        shown,
                        f"expected the {target_key} of a row in {target_file}, found"
                        f" {shown_value(item)}",
                        line=line, row=line - 1, column=column,
                    )
