"""The bench's comparison builds (make bench): the same pages without the macros plugin, and
that build with only the macros' libraries imported, build in a copy of this project as the
languages check and the configuration let them."""

from __future__ import annotations

import pytest
from conftest import copy_project
from perf.builds import build_once, write_imports_config, write_plain_config

pytestmark = pytest.mark.build


def test_the_plain_and_imports_only_builds_run(tmp_path):
    project = copy_project(tmp_path / "project", french=True)
    site = tmp_path / "site"
    plain = write_plain_config(project)
    assert build_once(project, plain.name, site=site) > 0
    assert "{{" in (site / "index.html").read_text(encoding="utf-8")  # no macro rendered
    imports = write_imports_config(project)
    assert build_once(project, imports.name) > 0
    with pytest.raises(RuntimeError, match="failed"):
        build_once(project, "no-such-config.yml")


def test_the_data_grown_tenfold_still_loads_as_a_study(tmp_path):
    """The bench's grown copies (perf.scale) are valid data for the English build it times:
    every file's rows copied with new ids, each copy a study of its own."""
    from perf.scale import count_rows, scale_data

    from macros.evidence.evidence import Evidence
    from macros.evidence.identifiers import identifiers

    data = copy_project(tmp_path / "project").joinpath("data")
    before = count_rows(data)
    after = scale_data(data, 10)
    assert after["counts"] == 10 * before["counts"]
    assert after["glossary"] == 10 * before["glossary"]
    evidence = Evidence.from_folder(data, "en")  # a DataError names file, row and column
    assert len(identifiers(evidence)) == after["references"]  # checked as the pages check them
