"""data/README.md documents every column of the schema (data/datapackage.yml), file by file,
and names no column the schema does not have in its tables."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import ROOT

# This site's data/ and its description of every column (another study's data/ has its own).
pytestmark = pytest.mark.site
README_FILE = ROOT / "data" / "README.md"
README = README_FILE.read_text(encoding="utf-8") if README_FILE.is_file() else ""
SCHEMA = yaml.safe_load((ROOT / "data" / "datapackage.yml").read_text(encoding="utf-8"))


def sections() -> dict[str, str]:
    """Each '## ' section of the README by its heading."""
    parts = re.split(r"^## (.*)$", README, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def documented(path: str) -> tuple[set[str], set[str]]:
    """The names the sections about `path` document: in their tables' first column, and
    anywhere in backticks."""
    text = "".join(body for heading, body in sections().items() if path in heading)
    assert text, f"data/README.md has no section about {path}"
    in_tables = {name.strip().strip("`") for row in re.findall(r"^\| *([^|]+?) *\|", text,
                                                               flags=re.M)
                 for name in row.split(",")} - {"column", "key", "---"}
    return in_tables, in_tables | set(re.findall(r"`([a-z_]+)`", text))


def test_every_column_of_the_schema_is_documented():
    missing = {}
    for resource in SCHEMA["resources"]:
        _tables, names = documented(resource["path"])
        fields = [f["name"] for f in resource["schema"]["fields"]]
        missing[resource["path"]] = [f for f in fields if f not in names]
    assert not {k: v for k, v in missing.items() if v}


def test_the_tables_name_only_columns_the_schema_has():
    for resource in SCHEMA["resources"]:
        tables, _names = documented(resource["path"])
        fields = {f["name"] for f in resource["schema"]["fields"]}
        assert tables <= fields, (resource["path"], sorted(tables - fields))


def test_the_comparison_can_fail():
    assert "no_such_column" not in documented("counts.csv")[1]
