"""mkdocs-macros entry point: load the evidence once, register what pages may call.

Everything else lives in plain modules that know nothing of MkDocs.
"""

from __future__ import annotations

import functools
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs_macros.errors import format_error

# Importing the topic modules registers their page macros.
from . import (  # noqa: F401
    about,
    charts,
    citation,
    claims,
    context,
    findings,
    guidance,
    numbers,
    page_tables,
    releases,
)
from .assets import copy_site_assets
from .errors import DataError
from .evidence import Evidence
from .registry import PAGE_MACROS
from .view import View


def define_env(env) -> None:
    root = Path(env.project_dir)
    try:
        evidence = Evidence.from_folder(root / "data")
        history = releases.release_history(root / "data", current_data=evidence.data)
    except DataError as error:
        # MkDocs prints a PluginError as one line and exits non-zero, before writing anything.
        raise PluginError(str(error)) from None

    view = View(evidence, here=lambda: env.page.url if env.page else "")
    for name, func in PAGE_MACROS.items():
        env.macro(functools.wraps(func)(functools.partial(func, view)), name)
    env.macro(lambda: releases.whats_new(history), "whats_new")
    citation.configure(env.conf, evidence.study)
    env.macro(lambda kind: citation.cite_file(env.conf, kind), "cite_file")
    env.variables["level"] = evidence.level
    env.variables["method_name"] = evidence.method_name
    env.variables["release"] = evidence.study["release"]
    env.variables["release_date"] = evidence.study["release_date"].isoformat()
    env.variables["_abbreviations"] = about.abbreviations(view)
    env.variables["_data_root"] = root / "data"


@format_error.register(DataError)
def _data_error_in_page(error: DataError, markdown: str, page) -> str:
    # A data problem met while a page is rendered (a row the page asks for is gone): the
    # same one-line message as while loading, not a traceback.
    return f"{error} (while building {page.file.src_path})"


def on_pre_page_macros(env) -> None:
    # Every value printed by {{ ... }} is HTML-escaped unless a macro marked it safe.
    env.env.autoescape = True


def on_post_page_macros(env) -> None:
    # Abbreviation tooltips: appended after rendering, so glossary text is never templated.
    env.markdown += "\n\n" + env.variables["_abbreviations"] + "\n"


def on_post_build(env) -> None:
    try:
        copy_site_assets(env.variables["_data_root"], Path(env.conf["site_dir"]))
    except DataError as error:
        raise PluginError(str(error)) from None
