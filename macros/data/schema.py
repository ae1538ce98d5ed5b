"""The schema of data/ (data/datapackage.yml), read and checked before any data file:
every resource and field well formed, no field that would hold patient-level data."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError
from .fields import NUMBER_TYPES, TYPES
from .read_files import AGGREGATE_ONLY, PATIENT_LEVEL, PATIENT_LEVEL_WHY, read_text
from .schema_needs import check_schema_needs

DESCRIPTOR = "datapackage.yml"
# libyaml's parser when PyYAML was built with it (the schema is read on every build).
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
RESOURCE_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
RESOURCE_PATH = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*\.(csv|yml)$")
CONSTRAINTS = {"required", "enum", "minimum", "maximum", "pattern", "maxLength"}




def load_descriptor(data_dir: Path) -> dict[str, Any]:
    """The schema, checked: every resource and field well formed, no patient-level field."""
    path = Path(data_dir) / DESCRIPTOR
    shown = f"{Path(data_dir).name}/{DESCRIPTOR}"
    if not path.is_file() and not path.is_symlink():
        raise DataError(
            shown, "the schema file is missing; expected it here, describing every data file"
        )
    text = read_text(path, shown)
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
