"""The live preview survives errors: `mkdocs serve` on a copy of the project, watched in
Chromium while the data and a page are broken and fixed, without restarting the server.
Also: the preview's error pages and the hook that tells a preview from a build."""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import build, copy_project

from macros.data.errors import DataError
from macros.pages.preview import PREVIEW_ERROR, PreviewErrors, error_page
from macros.publish import preview_hook
from macros.publish.site_check import page_problems

REBUILD_MS = 90_000  # a rebuild on a busy machine, then the browser's reload


# -- in process ---------------------------------------------------------------------------
def test_the_hook_marks_only_the_preview():
    for command, expected in (("serve", True), ("build", False), ("gh-deploy", False)):
        preview_hook.on_startup(command=command, dirty=False)
        config = preview_hook.on_config(type("Config", (), {"extra": {}})())
        assert config.extra["live_preview"] is expected, command


def test_a_configuration_only_read_loads_no_data(tmp_path):
    """mike reads the configuration (its startup event names the command 'mike') to publish
    a version: the macros then load nothing, not even data that would not load."""
    import macros

    for command, only in (("mike", True), ("build", False), ("serve", False)):
        preview_hook.on_startup(command=command, dirty=False)
        config = preview_hook.on_config(type("Config", (), {"extra": {}})())
        assert config.extra["configuration_only"] is only, command
    (tmp_path / "data").mkdir()  # no data files at all: loading them is a data error
    env = type("Env", (), {"project_dir": str(tmp_path), "variables": {}, "config": {},
                           "conf": {"extra": {"configuration_only": True}}})()
    macros.define_env(env)
    assert env.variables == {}
    env.conf = {"extra": {"configuration_only": False}}
    with pytest.raises(Exception, match="Data error"):
        macros.define_env(env)


def test_the_error_page_escapes_the_message_and_the_check_refuses_it():
    error = DataError("data/counts.csv", "found '<b>{{ x }}</b>'", line=3, row=2, column="n")
    page = error_page(error, "response.md")
    assert "<b>" not in page and "{{" not in page
    assert PREVIEW_ERROR in page
    assert any("error page" in p for p in page_problems(page, None))


def test_a_guarded_macro_keeps_a_data_error_for_its_page():
    errors = PreviewErrors()

    def missing():
        raise DataError("data/counts.csv", "no row 'x'")

    assert errors.guard(missing)() == ""
    assert str(errors.current()).startswith("Data error in data/counts.csv")
    errors.start_page()
    assert errors.current() is None


@pytest.mark.build
def test_a_build_still_stops_on_a_data_error(tmp_path):
    project = copy_project(tmp_path / "project")
    break_count(project)
    result = build(project)
    assert result.returncode != 0
    assert "Data error in data/counts.csv, line 2" in result.output
    assert "Traceback" not in result.output
    assert not list(result.site.rglob("*.html")), "pages were written"


# -- the preview in Chromium --------------------------------------------------------------
def break_count(project: Path, value: str = "many") -> str:
    path = project / "data" / "counts.csv"
    text = path.read_text(encoding="utf-8")
    broken, found = re.subn(r"(?m)^(patients,[^,]*,[^,]*,[^,]*,)(\d+),", rf"\g<1>{value},", text)
    assert found == 1
    path.write_text(broken, encoding="utf-8")
    return text


def get(url: str, path: str) -> tuple[int, str]:
    host, port = url.removeprefix("http://").rstrip("/").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        connection.request("GET", f"/{path}")
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", errors="replace")
    finally:
        connection.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def preview(tmp_path):
    """`mkdocs serve` on a copy of the project, as `make serve` runs it; stopped at the end."""
    project = copy_project(tmp_path / "project")
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    log = (tmp_path / "serve.log").open("w", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": url}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}",
         "--watch", "data", "--watch", "macros"],
        cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            assert server.poll() is None, (tmp_path / "serve.log").read_text(encoding="utf-8")
            try:
                if get(url, "response/")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "the preview did not start"
            time.sleep(0.5)
        yield project, url, server, tmp_path / "serve.log"
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(timeout=20)
        log.close()


@pytest.mark.site
@pytest.mark.browser
def test_the_preview_shows_errors_in_the_page_and_recovers(browser, preview):
    project, url, server, log = preview
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(REBUILD_MS)
    try:
        tab.goto(f"{url}response/")
        tab.wait_for_selector("#fig-response", state="attached")

        # A broken data file: the page reloads by itself and says what and where.
        original = break_count(project)
        message = tab.wait_for_selector(f"[{PREVIEW_ERROR}]")
        text = message.inner_text()
        for part in ("data/counts.csv", "line 2", "column 'n'", "'many'", "save it"):
            assert part in text, text
        assert tab.locator("#fig-response").count() == 0

        # Fixed: the same page comes back, from the same server.
        (project / "data" / "counts.csv").write_text(original, encoding="utf-8")
        tab.wait_for_selector("#fig-response", state="attached")
        assert tab.locator(f"[{PREVIEW_ERROR}]").count() == 0

        # A page asking for a row the data do not have: that page alone shows the message.
        page = project / "docs" / "response.md"
        source = page.read_text(encoding="utf-8")
        page.write_text(source + "\n{{ n('no_such_count') }}\n", encoding="utf-8")
        message = tab.wait_for_selector(f"[{PREVIEW_ERROR}]")
        assert "no_such_count" in message.inner_text()
        status, survival = get(url, "survival/")
        assert status == 200 and PREVIEW_ERROR not in survival
        page.write_text(source, encoding="utf-8")
        tab.wait_for_selector("#fig-response", state="attached")

        assert server.poll() is None, "the preview stopped"
        output = log.read_text(encoding="utf-8")
        assert "Traceback" not in output
        assert output.count("Serving on") == 1, "the server restarted"
    finally:
        context.close()
