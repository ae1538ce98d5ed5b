"""Grow a copy of data/ tenfold or a hundredfold, keeping it valid against its schema.

Every CSV resource of data/datapackage.yml gets factor - 1 extra copies of its rows. In
copy k each key gets a suffix its pattern allows, and every reference (foreign keys and
lists of ids) points at the same copy, so the copies form whole extra studies' worth of
counts, groups, claims, questions and context studies that pass the loader's checks. A value
that groups rows of one table without being a key (a duration's quantity) is given the
copy's suffix too: otherwise each copy's statements of a quantity would be compared with
every other copy's, as if one study had stated it a hundred times. Single records (YAML
resources) are left as they are. Only the files are touched, never the code.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import yaml

DESCRIPTOR = "datapackage.yml"
GROUPING = {"durations": ("quantity",)}  # table -> columns that group its rows


def _suffix_for(pattern: str | None, max_length: int | None, value: str, k: int) -> str:
    """A key for copy k of `value`, allowed by the field's pattern and length."""
    # a name of several words gets the mark as a word of its own ("Grade 4" -> "Grade 4 x1"):
    # its last word may be a number, which a letter after it would no longer make it
    spaced = [f"{value} x{k}"] if " " in value else []
    for candidate in (*spaced, f"{value}_x{k}", f"{value}x{k}", f"{value}X{k}",
                      f"{value}9{k:04d}"):
        if pattern and not re.search(pattern, candidate):
            continue
        if max_length and len(candidate) > max_length:
            continue
        return candidate
    raise ValueError(f"no key for copy {k} of {value!r} fits the pattern {pattern!r}")


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    text = path.read_text(encoding="utf-8").removeprefix("\ufeff")
    reader = csv.DictReader(io.StringIO(text))
    return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _pattern(schema: dict, column: str) -> str | None:
    field = next(f for f in schema["fields"] if f["name"] == column)
    return field.get("constraints", {}).get("pattern")


def _numbered(resource: dict) -> bool:
    key = resource["schema"].get("primaryKey")
    return any(f["name"] == key and f.get("type") == "integer"
               for f in resource["schema"]["fields"])


def count_rows(data_dir: Path) -> dict[str, int]:
    """Data rows per CSV resource."""
    descriptor = yaml.safe_load((data_dir / DESCRIPTOR).read_text(encoding="utf-8"))
    return {r["name"]: len(_read(data_dir / r["path"])[1])
            for r in _csv_resources(data_dir, descriptor)}


def _csv_resources(data_dir: Path, descriptor: dict) -> list[dict]:
    """The CSV resources the study has (a study may leave out an optional table's file)."""
    return [r for r in descriptor["resources"]
            if r.get("format", "csv") == "csv" and (data_dir / r["path"]).is_file()]


def scale_data(data_dir: Path, factor: int) -> dict[str, int]:
    """Scale the CSV files of `data_dir` in place; returns rows per resource afterwards."""
    descriptor = yaml.safe_load((data_dir / DESCRIPTOR).read_text(encoding="utf-8"))
    # A table keyed by number (the abstract's sentences) is one document, not rows to copy.
    resources = [r for r in _csv_resources(data_dir, descriptor) if not _numbered(r)]
    by_name = {r["name"]: r for r in resources}
    # New key for (resource, old key, copy k); references are rewritten through it.
    renamed: dict[tuple[str, str, int], str] = {}
    tables: dict[str, tuple[list[str], list[dict[str, str]]]] = {}
    for res in resources:
        header, rows = _read(data_dir / res["path"])
        tables[res["name"]] = (header, rows)
        key = res["schema"].get("primaryKey")
        if not key:
            continue
        field = next(f for f in res["schema"]["fields"] if f["name"] == key)
        rules = field.get("constraints", {})
        for row in rows:
            for k in range(1, factor):
                renamed[(res["name"], row[key], k)] = _suffix_for(
                    rules.get("pattern"), rules.get("maxLength"), row[key], k)

    study_id = str((yaml.safe_load((data_dir / "study.yml").read_text(encoding="utf-8"))
                    or {}).get("id", ""))
    sizes = {}
    for res in resources:
        header, rows = tables[res["name"]]
        schema = res["schema"]
        key = schema.get("primaryKey")
        links = {fk["fields"]: fk["reference"]["resource"] for fk in schema.get("foreignKeys", [])}
        lists = {f["name"]: f["itemReference"] for f in schema["fields"] if f.get("itemReference")}
        grown = list(rows)
        for k in range(1, factor):
            for row in rows:
                if key and row[key] == study_id:
                    continue  # the study itself (its reference): there is one study
                copy = dict(row)
                if key:
                    copy[key] = renamed[(res["name"], row[key], k)]
                # references are renamed from the original row: a key may also be a
                # reference (a certainty row's outcome is a summary row's id)
                for column, target in links.items():
                    if row[column] and target in by_name:
                        copy[column] = renamed[(target, row[column], k)]
                for column in GROUPING.get(res["name"], ()):
                    copy[column] = _suffix_for(_pattern(schema, column), None, row[column], k)
                for column, target in lists.items():
                    if row[column]:
                        copy[column] = " ".join(renamed[(target, item, k)]
                                                for item in row[column].split())
                grown.append(copy)
        _write(data_dir / res["path"], header, grown)
        sizes[res["name"]] = len(grown)
    return sizes
