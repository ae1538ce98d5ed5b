"""The study team's loop: a data file saved while `make serve` runs, to the page rebuilt.

`mkdocs serve` runs on a copy of the project, as `make serve` runs it (the configuration
watches data/ and macros/), with the static charts' picture cache as the caller's
environment sets it. After the first build is served, a glossary expansion is changed in
data/glossary.csv, and the time is taken from that save to the glossary page served with
the new text (polled every 20 ms), once per run.
"""

from __future__ import annotations

import csv
import io
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

PAGE = "glossary/"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - local server
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(url: str, text: str, limit: float) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        page = _get(url)
        if page is not None and text in page:
            return time.perf_counter()
        time.sleep(0.02)
    raise TimeoutError(f"{url} did not show {text!r} within {limit:.0f} s")


def _save_expansion(glossary: Path, marker: str) -> str:
    """Change the first term's expansion to end with `marker`; the new expansion."""
    text = glossary.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    header, first = rows[0], rows[1]
    column = header.index("expansion")
    first[column] = first[column].split(" edit")[0] + f" {marker}"  # no character to escape
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    glossary.write_text(out.getvalue(), encoding="utf-8")
    return first[column]


def edit_to_page_seconds(project: Path, runs: int = 3, limit: float = 60) -> list[float]:
    """Seconds from each save of data/glossary.csv to the glossary page served with it.
    The file is put back as it was afterwards (the French translations quote its English,
    and the builds timed after this one read the same copy)."""
    glossary = project / "data" / "glossary.csv"
    as_it_was = glossary.read_bytes()
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": base}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(base + PAGE, "</html>", 180)  # the first build, served
        times = []
        for run in range(runs):
            time.sleep(1.5)  # the server settled after its last rebuild
            expansion = _save_expansion(glossary, f"edit{run + 1}")
            saved = time.perf_counter()
            times.append(_wait_for(base + PAGE, expansion, limit) - saved)
        return times
    finally:
        server.terminate()
        server.wait(timeout=30)
        glossary.write_bytes(as_it_was)
