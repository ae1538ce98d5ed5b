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
