"""The site builds the same with another builder of the same configuration (ProperDocs), and
the files beside the pages come from a step of their own, whatever built the pages."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from compare_sites import differences
from conftest import ROOT, copy_project

pytestmark = pytest.mark.build

PROPERDOCS = [sys.executable, "-m", "properdocs"]


def properdocs_build(project, site, *extra) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([*PROPERDOCS, "build", "--strict", "--site-dir", str(site), *extra],
                            cwd=project, capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def site_files(project, site, *extra) -> None:
    result = subprocess.run([sys.executable, "-m", "macros.publish.site_files", str(site), *extra],
                            cwd=project, capture_output=True, text=True, timeout=120,
                            env={**os.environ, "PYTHONPATH": str(project)})
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.site
def test_properdocs_builds_the_same_files_and_pages_as_mkdocs(real_site, tmp_path):
    project = copy_project(tmp_path / "project", french=True)
    site = tmp_path / "site"
    properdocs_build(project, site)
    properdocs_build(project, site / "fr", "-f", "mkdocs.fr.yml")
    pages = list(site.rglob("*.html"))
    assert len(pages) > 40  # both languages
    assert differences(real_site.site, site) == []


@pytest.mark.site
def test_the_files_beside_the_pages_come_from_their_own_step(real_site, tmp_path):
    # The data files, plotly.js and the citation files, written into an empty folder, are
    # those the MkDocs build wrote.
    site = tmp_path / "site"
    for where, extra in (("", ()), ("fr", ("-f", "mkdocs.fr.yml"))):
        (site / where).mkdir(parents=True, exist_ok=True)
        site_files(ROOT, site / where, *extra)
    built = real_site.site
    pages_and_theme = tuple(p.relative_to(built).as_posix() for p in built.rglob("*")
                            if p.is_file() and not (site / p.relative_to(built)).exists())
    assert {"data/study.yml", "assets/vendor/plotly-basic.min.js", "cite/site.bib",
            "cite/site.ris", "fr/cite/site.ris"} <= {
        p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert differences(built, site, ignore=pages_and_theme) == []


def test_the_step_refuses_a_missing_plotly_bundle(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "node_modules").unlink()
    (project / "node_modules").mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    result = subprocess.run([sys.executable, "-m", "macros.publish.site_files",
                             str(tmp_path / "s")],
                            cwd=project, capture_output=True, text=True, timeout=120,
                            env={**os.environ, "PYTHONPATH": str(project)})
    assert result.returncode == 1
    assert "plotly-basic.min.js is missing" in result.stderr
