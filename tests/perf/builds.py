"""Cold builds, timed: a new `mkdocs build` process into an empty folder each time.

"Macros off" is the same project built from a small config that inherits mkdocs.yml and
lists its plugins without the macros plugin: the same pages, with their {{ ... }} left as
text, which is all a timing needs. "Imports only" is that build plus a hook that imports
the libraries the macros cannot do without, and does nothing with them: the part of the
macros' cost that no work of theirs can remove.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

PLAIN_CONFIG = "bench-no-macros.yml"  # (not mkdocs.*.yml: languages.yml names those)
IMPORTS_CONFIG = "bench-imports-only.yml"
IMPORTS_HOOK = "bench_imports.py"
# The macros plugin itself, the data tables (pandas), the exact intervals (scipy's inverse
# incomplete beta functions), numbers in each language (Babel) and the output check (lxml).
NEEDED = ("mkdocs_macros.plugin", "pandas", "scipy.special", "babel.numbers", "lxml.etree")


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for its plugin list only: tags such as !ENV are kept as None."""


_AnyTagLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def _plugin_name(entry: object) -> str:
    return next(iter(entry)) if isinstance(entry, dict) else str(entry)


def _setting(project: Path, key: str, default: object) -> object:
    """A setting of mkdocs.yml, followed through INHERIT to the file that gives it."""
    name, config = "mkdocs.yml", {}
    while name and key not in config:
        text = (project / name).read_text(encoding="utf-8")
        config = yaml.load(text, Loader=_AnyTagLoader)  # noqa: S506 - SafeLoader, tags dropped
        name = config.get("INHERIT")
    return config.get(key, default)


def write_plain_config(project: Path) -> Path:
    """A config for the same site without the macros plugin, next to mkdocs.yml."""
    plugins = _setting(project, "plugins", ["search"])
    if isinstance(plugins, dict):
        kept = {name: conf for name, conf in plugins.items() if name != "macros"}
    else:
        kept = [entry for entry in plugins if _plugin_name(entry) != "macros"]
    path = project / PLAIN_CONFIG
    path.write_text(yaml.safe_dump({"INHERIT": "mkdocs.yml", "plugins": kept}), encoding="utf-8")
    return path


def write_imports_config(project: Path) -> Path:
    """The plain config (written first) plus a hook that imports what the macros need."""
    hooks = list(_setting(project, "hooks", []))
    (project / IMPORTS_HOOK).write_text(
        "import importlib\n\n" + "".join(f"importlib.import_module({name!r})\n"
                                         for name in NEEDED), encoding="utf-8")
    path = project / IMPORTS_CONFIG
    path.write_text(yaml.safe_dump({"INHERIT": PLAIN_CONFIG, "hooks": [*hooks, IMPORTS_HOOK]}),
                    encoding="utf-8")
    return path


def build_once(project: Path, config: str = "mkdocs.yml", strict: bool = True,
               site: Path | None = None, limit: float = 600) -> float:
    """Seconds for one build in a new process; raises with the build's output if it fails,
    and subprocess.TimeoutExpired if it takes longer than `limit` seconds."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryDirectory(prefix="bench-site-") as scratch:
        target = site or Path(scratch) / "site"
        command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", config,
                   "--site-dir", str(target)] + (["--strict"] if strict else [])
        start = time.perf_counter()
        result = subprocess.run(command, cwd=project, capture_output=True, text=True, env=env,
                                timeout=limit)
        seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"build of {project} with {config} failed:\n"
                           + result.stdout + result.stderr)
    return seconds


def time_builds(project: Path, configs: dict[str, tuple[str, bool]], runs: int,
                warm_up: bool = True) -> dict[str, list[float]]:
    """Seconds per run for each named (config file, strict) pair, runs interleaved so that
    a slow moment of the machine falls on every config alike."""
    if warm_up:  # bytecode and the disk cache, as on any machine that has built once
        for config, strict in configs.values():
            build_once(project, config, strict)
    times: dict[str, list[float]] = {name: [] for name in configs}
    for _ in range(runs):
        for name, (config, strict) in configs.items():
            times[name].append(build_once(project, config, strict))
    return times


def median(values: list[float]) -> float:
    return statistics.median(values)

