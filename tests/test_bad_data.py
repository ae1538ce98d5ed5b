"""Every bad-data case of tests/corpus.py, built for real with `mkdocs build --strict`.

Each case ends in one of two outcomes, and its test says which:
- the build fails: non-zero exit, no site written, no traceback, and exactly one message
  that names the file, the line and the column and says what was expected;
- the site builds and shows the value literally.

The builds are independent processes; the module runs two at a time (this machine and CI
have two cores) and the tests then read their results.
"""

from __future__ import annotations

import functools
import html
import random
import re
import shutil
import types
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import jinja2
import pytest
from conftest import ROOT, Build, build, copy_project
from corpus import CASES, FAILING, SHOWING, Case, Fails, Shows, random_fault
from mkdocs.exceptions import PluginError

from macros.errors import DataError

pytestmark = pytest.mark.build

WORKERS = 2


def _build_case(case: Case, root: Path) -> Build:
    folder = root / re.sub(r"[^A-Za-z0-9]+", "-", case.id)
    project = copy_project(folder / "project")
    case.fault(project / "data")
    result = build(project, folder / "site")
    if result.returncode == 0 and isinstance(case.outcome, Fails):
        return result  # keep the site: the failing assertion will show what was published
    shutil.rmtree(project, ignore_errors=True)
    return result


@pytest.fixture(scope="module")
def outcomes(request, tmp_path_factory) -> dict[str, Build]:
    """Build every case selected in this session, two at a time, once."""
    wanted = {item.callspec.params["case"].id for item in request.session.items
              if hasattr(item, "callspec") and isinstance(item.callspec.params.get("case"), Case)}
    cases = [c for c in CASES if c.id in wanted]
    root = tmp_path_factory.mktemp("bad-data")
    with ThreadPoolExecutor(WORKERS) as pool:
        results = list(pool.map(lambda c: _build_case(c, root), cases))
    return {c.id: r for c, r in zip(cases, results, strict=True)}


def error_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if "Data error in " in line]


def visible_text(page: str) -> str:
    """Text a reader sees, plus the text of title attributes (tooltips), tags removed."""
    # the theme reads a title's text as HTML: unescaped once by the parser, once by the theme
    titles = " ".join(html.unescape(html.unescape(t)) for t in re.findall(r'title="([^"]*)"', page))
    body = re.sub(r"<script\b.*?</script>|<style\b.*?</style>", " ", page, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", "", body)) + " " + titles
    return re.sub(r"\s+", " ", text)  # as a browser lays text out


def test_the_corpus_is_large_and_covers_both_outcomes():
    assert len(CASES) >= 40
    assert len(FAILING) >= 30 and len(SHOWING) >= 8


@pytest.mark.parametrize("case", FAILING, ids=[c.id for c in FAILING])
def test_bad_data_stops_the_build_with_one_clear_message(outcomes, case):
    result = outcomes[case.id]
    expect: Fails = case.outcome
    assert result.returncode != 0, f"the build succeeded:\n{result.output[-2000:]}"
    assert not (result.site / "index.html").exists(), "a site was written"
    assert "Traceback" not in result.output, result.output
    errors = error_lines(result.output)
    assert len(errors) == 1, result.output
    message = errors[0]
    place = message.split(": ", 1)[0]
    assert f"Data error in {expect.file}" in place, message
    if expect.line is not None:
        assert re.search(rf"\bline {expect.line}\b", place), message
    if expect.column is not None:
        assert f"column '{expect.column}'" in place, message
    said = message.split(": ", 1)[1]
    assert "expected" in said, message
    assert expect.expected in said, message
    for words in expect.also:
        assert words in said, message


@pytest.mark.parametrize("case", SHOWING, ids=[c.id for c in SHOWING])
def test_odd_but_valid_data_builds_and_is_shown_literally(outcomes, case):
    result = outcomes[case.id]
    expect: Shows = case.outcome
    assert result.returncode == 0, result.output[-3000:]
    assert "Traceback" not in result.output
    assert not error_lines(result.output)
    text = visible_text(result.page(expect.page))
    assert expect.text in text, f"{expect.text!r} not shown on {expect.page}"
    if expect.audit is not None:
        audit = visible_text(result.page("audit/index.html"))
        assert expect.audit in audit, f"the audit does not say {expect.audit!r}"


def test_every_data_file_has_its_missing_empty_and_header_only_case():
    from corpus import ALL_FILES, CSV_FILES

    ids = {c.id for c in CASES}
    for file in ALL_FILES:
        assert f"{file} missing" in ids and f"{file} empty" in ids
    for file in CSV_FILES:
        assert f"{file} header only" in ids


# -- random faults, in process ----------------------------------------------------------------

RANDOM_FAULTS = 120


def render_in_process(project: Path) -> None:
    """What a build does with data/, without the rest of MkDocs: define_env loads the data,
    then every page's macros are rendered by Jinja as mkdocs-macros renders them."""
    import macros

    env = types.SimpleNamespace(project_dir=str(project), variables={}, page=None, macros={})
    env.macro = lambda function, name: env.macros.__setitem__(name, function)
    macros.define_env(env)
    jinja = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    jinja.globals.update(env.macros)
    jinja.globals.update(env.variables)
    for page in sorted((project / "docs").glob("*.md")):
        env.page = types.SimpleNamespace(url=f"{page.stem}/")
        markdown = re.sub(r"\A---\n.*?\n---\n", "", page.read_text(encoding="utf-8"), flags=re.S)
        jinja.from_string(markdown).render()


def test_random_faults_end_in_a_data_error_or_a_site(tmp_path, monkeypatch):
    """Random cells, rows, YAML values and bytes: each ends in a DataError or in pages."""
    from macros import static_charts

    # The charts' static pictures are drawn by a stand-in: the data, not Chromium, is tested.
    monkeypatch.setattr(static_charts, "Exporter", functools.partial(
        static_charts.Exporter, cache=tmp_path / "pictures", draw=lambda fig: "<svg></svg>"))
    rng = random.Random(20261124)  # noqa: S311 - a fixed seed, so every run tries the same
    ended = Counter()
    for i in range(RANDOM_FAULTS):
        what, fault = random_fault(rng)
        project = tmp_path / f"p{i}"
        shutil.copytree(ROOT / "data", project / "data")
        (project / "docs").symlink_to(ROOT / "docs")
        fault(project / "data")
        try:
            render_in_process(project)
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
