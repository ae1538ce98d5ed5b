"""The newest release's feed copied to the root of its language on the published branch, in
a git repository of the test's own."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import ROOT

from macros.publish import stable_feed


def git(repo, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True,
                          text=True).stdout.strip()


@pytest.fixture
def repo(tmp_path, monkeypatch):
    for key, value in {"GIT_CONFIG_GLOBAL": str(tmp_path / "gitconfig"),
                       "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "Team",
                       "GIT_AUTHOR_EMAIL": "team@example.org", "GIT_COMMITTER_NAME": "Team",
                       "GIT_COMMITTER_EMAIL": "team@example.org"}.items():
        monkeypatch.setenv(key, value)
    (tmp_path / "gitconfig").write_text("", encoding="utf-8")
    git(tmp_path, "init", "--quiet", "-b", "main")
    for path, text in {"2026.1/feed.xml": "first", "2026.2/feed.xml": "second",
                       "fr/2026.2/feed.xml": "deuxième", "index.html": "redirect"}.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "--quiet", "-m", "releases")
    git(tmp_path, "branch", "gh-pages")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_release_feed_goes_to_the_root_of_its_language_in_one_commit(repo):
    before = git(repo, "rev-parse", "gh-pages")
    assert stable_feed.copy_to_root("gh-pages", "2026.2")
    assert stable_feed.copy_to_root("gh-pages", "2026.2", "fr")
    assert git(repo, "show", "gh-pages:feed.xml") == "second"
    assert git(repo, "show", "gh-pages:fr/feed.xml") == "deuxième"
    assert git(repo, "rev-parse", "gh-pages~2") == before
    # The rest of the branch is as it was; the work tree and main are untouched.
    changed = git(repo, "diff", "--name-only", before, "gh-pages").splitlines()
    assert sorted(changed) == ["feed.xml", "fr/feed.xml"]
    assert git(repo, "status", "--porcelain") == ""
    assert not (repo / "feed.xml").exists()


def test_the_same_feed_again_adds_no_commit_and_an_older_one_replaces_it(repo):
    stable_feed.copy_to_root("gh-pages", "2026.2")
    tip = git(repo, "rev-parse", "gh-pages")
    assert not stable_feed.copy_to_root("gh-pages", "2026.2")
    assert git(repo, "rev-parse", "gh-pages") == tip
    assert stable_feed.copy_to_root("gh-pages", "2026.1")
    assert git(repo, "show", "gh-pages:feed.xml") == "first"


def test_a_release_without_a_feed_changes_nothing(repo):
    tip = git(repo, "rev-parse", "gh-pages")
    assert not stable_feed.copy_to_root("gh-pages", "2027.1")
    assert git(repo, "rev-parse", "gh-pages") == tip


def test_the_command_says_what_went_wrong_and_fails(repo):
    run = subprocess.run([sys.executable, "-m", "macros.publish.stable_feed", "no-such-branch",
                          "2026.2"], cwd=repo, capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert run.returncode == 1
    assert "no-such-branch" in run.stderr
