"""The tests marked `site` follow the site's expected file (tests/site/expected.yml): they
fail on a number the data get wrong, and, in a site that has no expected file yet, they are
all skipped and say why (so that a skip is never read as a pass)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, SITE_EXPECTED, copy_project


def _run_site_tests(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "tests/test_site_facts.py", "-m", "site and not build",
         "-k", "cohort or every_count or every_duration",
         "-q", "-rs", "-n0", "-p", "no:randomly", "-p", "no:cacheprovider"],
        cwd=project, capture_output=True, text=True, timeout=300)


@pytest.fixture
def other_team(tmp_path) -> Path:
    """A copy of this repository as another study's team would start from it."""
    project = copy_project(tmp_path / "project")
    shutil.copytree(ROOT / "tests", project / "tests",
                    ignore=shutil.ignore_patterns("__pycache__", "fictional", "perf"))
    shutil.copy2(ROOT / "pyproject.toml", project / "pyproject.toml")
    return project


def test_without_an_expected_file_the_site_tests_say_they_were_skipped(other_team):
    (other_team / "tests" / "site" / "expected.yml").unlink(missing_ok=True)
    result = _run_site_tests(other_team)
    assert result.returncode == 0, result.stdout
    assert "3 skipped" in result.stdout and "passed" not in result.stdout, result.stdout
    assert "no tests/site/expected.yml" in result.stdout


@pytest.mark.site  # this site's data and expected file
def test_a_number_the_data_get_wrong_fails_the_site_tests(other_team):
    counts = other_team / "data" / "counts.csv"
    key = "alive"
    n = yaml.safe_load(SITE_EXPECTED.read_text(encoding="utf-8"))["counts"][key]["n"]
    text = counts.read_text(encoding="utf-8")
    assert f"\n{key},O2,vital_status,Alive,{n}," in text
    counts.write_text(text.replace(f"\n{key},O2,vital_status,Alive,{n},",
                                   f"\n{key},O2,vital_status,Alive,{n + 1},"), encoding="utf-8")
    result = _run_site_tests(other_team)
    assert result.returncode == 1, result.stdout
    assert f"assert {n + 1} == {n}" in result.stdout
