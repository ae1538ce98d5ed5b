"""A YAML record of data/ read strictly: key: value lines, every value as the text typed,
converted by its field's declared type. The first problem stops with a DataError naming
file, line and column."""

from __future__ import annotations

import difflib
from typing import Any

import yaml

from .errors import DataError
from .errors import shown as shown_value
from .fields import CellError, Field
from .read_files import AGGREGATE_ONLY, PATIENT_LEVEL, PATIENT_LEVEL_WHY

PLAIN_TAGS = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}


def load_yaml_record(
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
