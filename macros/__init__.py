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
    brief,
    charts,
    citation,
    claims,
    context,
    findings,
    guidance,
    i18n,
    numbers,
    page_tables,
    profile,
    releases,
    static_charts,
)
from .abbreviations import Abbreviations
from .assets import copy_site_assets
from .errors import DataError
from .evidence import Evidence
from .preview import PreviewErrors, error_page
from .registry import PAGE_MACROS
from .view import View


def define_env(env) -> None:
    root = Path(env.project_dir)
    env.variables["_data_root"] = root / "data"
    env.variables["_manifest"] = _site_check().Manifest()
    # The live preview (mkdocs serve, told by macros/preview_hook.py) shows a data error
    # on the pages and keeps serving; a build stops on it.
    # (A renderer without MkDocs, as in the tests, has no configuration: not a preview.)
    conf = getattr(env, "conf", None) or {}
    preview = (conf.get("extra") or {}).get("live_preview") is True
    language = _language(conf)
    i18n.use(language)
    try:
        evidence = Evidence.from_folder(root / "data", language)
        history = releases.release_history(root / "data", current_data=evidence.data)
    except DataError as error:
        if preview:
            env.variables["_preview"] = PreviewErrors(loading=error)
            return
        # MkDocs prints a PluginError as one line and exits non-zero, before writing anything.
        raise PluginError(str(error)) from None

    errors = env.variables["_preview"] = PreviewErrors() if preview else None
    guard = errors.guard if errors else (lambda macro: macro)
    if preview:
        env.config["on_error_fail"] = False  # any other page error: shown in that page
    static_charts.start(root)  # static pictures of the charts, drawn when first needed
    view = View(evidence, here=lambda: env.page.url if env.page else "")
    for name, func in PAGE_MACROS.items():
        env.macro(guard(functools.wraps(func)(functools.partial(func, view))), name)
    env.macro(guard(lambda: releases.whats_new(history)), "whats_new")
    if "site_name" in conf:
        citation.configure(conf, evidence.study)
        env.macro(guard(lambda kind: citation.cite_file(conf, kind)), "cite_file")
    env.variables["level"] = evidence.level
    env.variables["method_name"] = evidence.method_name
    env.variables["release"] = evidence.study["release"]
    env.variables["release_date"] = i18n.long_date(evidence.study["release_date"])
    glossary = evidence.rows("glossary") if evidence.has("glossary") else []
    env.variables["_abbreviations"] = Abbreviations(glossary)


def _language(conf) -> str:
    """The language of the pages being built: the theme's (mkdocs.fr.yml sets fr)."""
    theme = conf.get("theme") if conf else None
    try:
        return (theme["language"] if theme is not None else None) or "en"
    except KeyError:
        return "en"


def _site_check():
    # Imported when needed: `python -m macros.site_check` also runs it as a script.
    from . import site_check

    return site_check


@format_error.register(static_charts.ChartExportError)
@format_error.register(DataError)
def _data_error_in_page(error: Exception, markdown: str, page) -> str:
    # A data problem met while a page is rendered (a row the page asks for is gone): the
    # same one-line message as while loading, not a traceback.
    return f"{error} (while building {page.file.src_path})"


def on_pre_page_macros(env) -> None:
    # Every value printed by {{ ... }} is HTML-escaped unless a macro marked it safe.
    env.env.autoescape = True
    preview = env.variables.get("_preview")
    if preview:
        preview.start_page()
        if preview.loading:  # no macro is registered: nothing of the page is rendered
            env.markdown = ""


def on_post_page_macros(env) -> None:
    preview = env.variables.get("_preview")
    error = preview.current() if preview else None
    if error:
        env.markdown = error_page(error, env.page.file.src_path)
        return
    # What the page must contain once built, as its macros rendered it.
    env.variables["_manifest"].record(env.page.file.dest_uri, env.markdown)
    # Abbreviation tooltips for the terms this page uses: appended after rendering, so
    # glossary text is never templated.
    definitions = env.variables["_abbreviations"].for_page(env.markdown)
    if definitions:
        env.markdown += "\n\n" + definitions + "\n"


def on_post_build(env) -> None:
    static_charts.stop()
    check = _site_check()
    site = Path(env.conf["site_dir"])
    try:
        copy_site_assets(env.variables["_data_root"], site)
    except DataError as error:
        raise PluginError(str(error)) from None
    if env.variables.get("_preview"):
        return  # the preview is never published; its pages may be error pages
    manifest = env.variables["_manifest"]
    # mike publishes every file of the builds it runs: the manifest stays out of those.
    if "mike" not in env.conf["plugins"]:
        manifest.write(site / check.MANIFEST_NAME)
    try:
        check.check(site, manifest)
    except check.SiteCheckError as error:
        raise PluginError(str(error)) from None
