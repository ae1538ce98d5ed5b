"""Every bad-data case of tests/corpus.py, in this process, and two real builds.

Each case ends in one of two outcomes, and its test says which:
- loading or a page stops with exactly one message (a DataError) that names the file, the
  line and the column and says what was expected; no other exception;
- the pages render and show the value literally.

The cases run in process (tests/in_process.py: the macros module's hooks, Jinja and
Python-Markdown, as a build runs them). Two real `mkdocs build --strict` runs, one per kind
of failure (while loading, while rendering a page), prove that the command line prints that
same single line, exits non-zero and writes no site.
"""

from __future__ import annotations

import html
import random
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from conftest import build, copy_project
from corpus import ALL_FILES, CASES, CSV_FILES, FAILING, SHOWING, Case, Fails, Shows, random_fault
from in_process import project_copy, render_site
from mkdocs.exceptions import PluginError

from macros.data.errors import DataError


def outcome(case: Case, tmp_path: Path, html: bool = True) -> dict[str, str] | str:
    """The pages of the case's data (their Markdown as the macros wrote it, without
    `html`), or the one message that stopped them."""
    project = project_copy(tmp_path / "project")
    case.fault(project / "data")
    # A translations file reaches the pages of its language only.
    language = case.id.removeprefix("translations_")[:2] \
        if case.id.startswith("translations_") else "en"
    try:
        return render_site(project, html=html, language=language)
    except (DataError, PluginError) as error:  # while loading / while rendering a page
        return str(error)


def error_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if "Data error in " in line]


def visible_text(page: str) -> str:
    """Text a reader sees, plus the text of title attributes (tooltips), tags removed."""
    titles = " ".join(html.unescape(t) for t in re.findall(r'title="([^"]*)"', page))
    body = re.sub(r"<script\b.*?</script>|<style\b.*?</style>", " ", page, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", "", body)) + " " + titles
    return re.sub(r"\s+", " ", text)  # as a browser lays text out


def assert_one_clear_message(message: str, expect: Fails) -> None:
    assert "Traceback" not in message and "\n" not in message.strip(), message
    assert len(message) < 1000, f"a message of {len(message)} characters: {message[:300]}"
    assert len(error_lines(message)) == 1, message
    place, said = message.split(": ", 1)
    assert place.startswith(f"Data error in {expect.file}"), message
    if expect.line is not None:
        assert re.search(rf"\bline {expect.line}\b", place), message
    if expect.column is not None:
        assert f"column '{expect.column}'" in place, message
    assert "expected" in said, message
    assert expect.expected in said, message
    for words in expect.also:
        assert words in said, message


@pytest.mark.site
def test_the_corpus_covers_every_file_and_both_outcomes():
    ids = {c.id for c in CASES}
    for file in ALL_FILES:
        assert f"{file} missing" in ids and f"{file} empty" in ids
    for file in CSV_FILES:
        assert f"{file} header only" in ids
    assert len(FAILING) >= 30 and len(SHOWING) >= 8


@pytest.mark.site
@pytest.mark.parametrize("case", FAILING, ids=[c.id for c in FAILING])
def test_bad_data_stops_with_one_clear_message(case, tmp_path):
    result = outcome(case, tmp_path, html=False)
    assert isinstance(result, str), f"{case.id}: the pages were built"
    assert_one_clear_message(result, case.outcome)


@pytest.mark.site
@pytest.mark.parametrize("case", SHOWING, ids=[c.id for c in SHOWING])
def test_odd_but_valid_data_is_shown_literally(case, tmp_path):
    result = outcome(case, tmp_path)
    assert isinstance(result, dict), result
    expect: Shows = case.outcome
    text = visible_text(result[expect.page])
    assert expect.text in text, f"{expect.text!r} not shown on {expect.page}"
    if expect.audit is not None:
        audit = visible_text(result["audit/index.html"])
        assert expect.audit in audit, f"the audit does not say {expect.audit!r}"


# -- the command line: one real build per kind of failure ----------------------------------

REAL_BUILDS = ("count as a word", "row a page shows is removed")


@pytest.mark.site
@pytest.mark.build
@pytest.mark.parametrize("case_id", REAL_BUILDS)
def test_the_build_prints_the_same_single_line_and_writes_no_site(case_id, tmp_path):
    case = next(c for c in CASES if c.id == case_id)
    in_process = outcome(case, tmp_path / "in-process")
    assert isinstance(in_process, str), in_process
    project = copy_project(tmp_path / "project")
    case.fault(project / "data")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0, result.output[-2000:]
    assert not (result.site / "index.html").exists(), "a site was written"
    assert "Traceback" not in result.output, result.output
    errors = error_lines(result.output)
    assert len(errors) == 1, result.output
    assert in_process in errors[0], (in_process, errors[0])
    assert_one_clear_message(errors[0][errors[0].index("Data error in "):], case.outcome)


# -- random faults, in process ----------------------------------------------------------------

RANDOM_FAULTS = 60


def test_random_faults_end_in_a_data_error_or_a_site(tmp_path):
    """Random cells, rows, YAML values and bytes: each ends in a DataError or in pages."""
    rng = random.Random(20261124)  # noqa: S311 - a fixed seed, so every run tries the same
    ended = Counter()
    for i in range(RANDOM_FAULTS):
        what, fault = random_fault(rng)
        project = project_copy(tmp_path / f"p{i}")
        fault(project / "data")
        try:
            render_site(project, html=False)
            ended["site"] += 1
        except (PluginError, DataError) as error:  # while loading / while rendering a page
            message = str(error)
            assert message.startswith("Data error in data/"), (what, message)
            assert "expected" in message.split(": ", 1)[1], (what, message)
            ended["data error"] += 1
        except Exception as error:
            raise AssertionError(f"{what}: {type(error).__name__}: {error}") from error
        shutil.rmtree(project)
    assert ended["site"] >= 10 and ended["data error"] >= 30, ended
