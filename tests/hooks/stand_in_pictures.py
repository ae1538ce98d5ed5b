"""MkDocs hook for test builds that do not look at the charts' static pictures: a stand-in
draws them, so that a build whose data change every figure starts no browser. Added to a
copy of the project by conftest.without_pictures(); the real builds of the tests (the
shared one, the browser's, the deploys') draw every picture with Chromium."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path

PROJECT = Path(__file__).resolve().parent
STAND_IN = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"></svg>'


def stand_in_exporter(exporter: type, project: Path) -> Callable:
    """The chart exporter of `project` with the stand-in drawing its pictures, into a cache of
    their own: the shared one (CHART_CACHE) holds only pictures Chromium drew. Also used by
    the tests' in-process renders (tests/in_process.py)."""
    return functools.partial(exporter, cache=project / ".stand-in-pictures",
                             draw=lambda figure: STAND_IN)


def on_startup(command, dirty) -> None:
    sys.path.insert(0, str(PROJECT))  # where the build's macros are, however it was started
    from macros.figures import static_charts

    static_charts.Exporter = stand_in_exporter(static_charts.Exporter, PROJECT)
