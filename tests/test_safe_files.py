"""Links and special files in data/ are never read or published: one data error instead."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from macros.data.errors import DataError
from macros.data.load import load_dataset
from macros.publish.assets import copy_site_assets

PRIVATE = "DEPLOY_TOKEN=not-for-the-public"


@pytest.fixture
def project(tmp_path) -> Path:
    """The fictional study's data, with a README as a study's data folder has one."""
    shutil.copytree(ROOT / "tests" / "fictional" / "data", tmp_path / "project" / "data")
    (tmp_path / "project" / "data" / "README.md").write_text("# The data\n", encoding="utf-8")
    (tmp_path / "project" / "node_modules").symlink_to(ROOT / "node_modules")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.md").write_text(PRIVATE, encoding="utf-8")
    return tmp_path / "project"


def refused(data: Path, file: str, *words: str) -> DataError:
    with pytest.raises(DataError) as caught:
        load_dataset(data)
    error = caught.value
    assert error.file == file, str(error)
    for word in words:
        assert word in error.detail, str(error)
    return error


def test_a_link_as_the_readme_is_refused_while_loading(project):
    readme = project / "data" / "README.md"
    readme.unlink()
    readme.symlink_to(project.parent / "outside" / "secret.md")
    refused(project / "data", "data/README.md", "symbolic link")


def test_a_link_to_the_environment_is_refused(project):
    readme = project / "data" / "README.md"
    readme.unlink()
    readme.symlink_to("/proc/self/environ")
    refused(project / "data", "data/README.md", "symbolic link")


def test_a_data_file_that_is_a_link_is_refused_even_to_a_valid_copy(project):
    counts = project / "data" / "counts.csv"
    shutil.move(counts, project.parent / "outside" / "counts.csv")
    counts.symlink_to(project.parent / "outside" / "counts.csv")
    refused(project / "data", "data/counts.csv", "symbolic link")


def test_a_relative_link_inside_the_folder_is_refused_too(project):
    # Even a link that stays in data/ would publish the file twice under two names.
    (project / "data" / "notes.md").symlink_to("README.md")
    refused(project / "data", "data/notes.md", "symbolic link")


def test_a_linked_folder_is_refused(project):
    (project / "data" / "releases").symlink_to(project.parent / "outside",
                                               target_is_directory=True)
    refused(project / "data", "data/releases", "symbolic link")


def test_a_data_folder_that_is_a_link_is_refused(project):
    real = project.parent / "elsewhere"
    shutil.move(project / "data", real)
    (project / "data").symlink_to(real, target_is_directory=True)
    refused(project / "data", "data/", "symbolic link")


def test_a_pipe_is_refused(project):
    os.mkfifo(project / "data" / "counts.csv.fifo")
    refused(project / "data", "data/counts.csv.fifo", "special file")


def test_the_publishing_step_checks_again_and_copies_nothing_linked(project, tmp_path):
    site = tmp_path / "site"
    copy_site_assets(project / "data", site)
    assert (site / "data" / "counts.csv").read_bytes() \
        == (project / "data" / "counts.csv").read_bytes()

    readme = project / "data" / "README.md"
    readme.unlink()
    readme.symlink_to(project.parent / "outside" / "secret.md")
    shutil.rmtree(site)
    with pytest.raises(DataError, match="symbolic link") as caught:
        copy_site_assets(project / "data", site)
    assert caught.value.file == "data/README.md"
    published = "".join(p.read_text(encoding="utf-8", errors="replace")
                        for p in site.rglob("*") if p.is_file())
    assert PRIVATE not in published
