"""A new study's site, ready to edit: `python -m macros.publish.new_study DIR`
(make new-study DIR=…).

Writes into DIR (new or empty) the starter files of macros/publish/new_study/template/ (data files
with their headers and one example row each, their schema, pages of macro calls with
sentences to replace, mkdocs.yml inheriting the generator's mkdocs.base.yml, languages.yml
with English alone) and a copy of the generator itself (macros/, overrides/, the base
configuration, the Makefile and the locks), so that `make site` in DIR builds it as it is.
A plain copy, not a template tool: nothing in the starter files varies with answers to
questions, and the copy must stay buildable by the tests without another dependency.
"""

from __future__ import annotations

import shutil
from pathlib import Path

TEMPLATE = Path(__file__).parent / "template"
GENERATOR_ROOT = Path(__file__).resolve().parents[3]
# What the site needs of the generator to build, preview, lint and publish.
GENERATOR_PARTS = ("macros", "overrides", "mkdocs.base.yml", "Makefile", "pyproject.toml",
                   "requirements", "package.json", "package-lock.json", ".gitignore")
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc")


class NewStudyError(RuntimeError):
    """The folder cannot take a new study."""


def write(dest: Path, generator: Path = GENERATOR_ROOT) -> list[str]:
    """Write the new study's site into `dest`; the names written at its top level."""
    dest = Path(dest)
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise NewStudyError(f"{dest} already exists and is not an empty folder: name a new"
                            " one (make new-study DIR=../my-study)")
    dest.mkdir(parents=True, exist_ok=True)
    for part in GENERATOR_PARTS:
        src = generator / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=IGNORED)
        elif src.is_file():
            shutil.copy2(src, dest / part)
    shutil.copytree(TEMPLATE, dest, dirs_exist_ok=True, ignore=IGNORED)
    return sorted(p.name for p in dest.iterdir())
