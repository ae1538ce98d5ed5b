"""Read every file in data/ strictly, once, against data/datapackage.yml.

The schema is checked first (macros/data/schema.py). Each file is then read strictly
(macros/data/read_csv.py, read_yaml.py): every cell as text, converted by its field's declared
type. Then ids are checked unique and references resolved. The first problem stops loading
with a DataError naming file, line and column.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .errors import DataError
from .errors import shown as shown_value
from .fields import Field
from .read_csv import load_csv_table
from .read_files import AGGREGATE_ONLY, PATIENT_LEVEL, PATIENT_LEVEL_WHY, read_text
from .read_yaml import load_yaml_record
from .safe_files import check_folder
from .schema import ABSENT, DESCRIPTOR, load_descriptor

# Files of data/ that need no schema entry. Anything else with a suffix the site publishes
# (it copies data/ for download) must be described, and so checked, in the schema.
UNDESCRIBED_OK = {DESCRIPTOR, "README.md"}
PUBLISHED_SUFFIXES = (".csv", ".yml", ".md")


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


# -- the data -----------------------------------------------------------------------------

TRANSLATIONS_PREFIX = "translations_"
# Tables where a header alone says something true: no other studies to compare with (and so
# none of their outcomes or harms). Every other table needs at least one row.
MAY_BE_EMPTY = frozenset({"context_studies", "context_outcomes", "context_harms",
                          "context_harm_kinds"})


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
        text = read_text(data_dir / resource["path"], shown)
        if resource.get("format") == "yaml":
            dataset.study = load_yaml_record(text, shown, fields,
                                              dataset.lines.setdefault(name, {}))
        else:
            table = load_csv_table(text, shown, fields,
                                   may_be_empty=resource.get("optional") is True
                                   or name in MAY_BE_EMPTY)
            if table.empty and resource.get("optional") is True:
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
