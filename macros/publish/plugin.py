"""What mkdocs-macros runs (through macros/__init__.py): the evidence loaded once per
process, the page macros registered, the Markdown extensions added, and the hooks around
each page and after the build.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs_macros.errors import format_error
from pathspec.gitignore import GitIgnoreSpec

from .. import i18n  # noqa: F401
from ..data.errors import DataError
from ..evidence import citation, people, releases  # noqa: F401
from ..evidence.evidence import Evidence
from ..figures import static_charts  # noqa: F401

# Importing the topic modules registers their page macros.
from ..pages import (  # noqa: F401
    about,
    brief,
    charts,
    claims,
    context,
    findings,
    guidance,
    numbers,
    page_needs,
    page_tables,
    profile,
    reported,
)
from ..pages.abbreviations import Abbreviations, PageAbbreviations
from ..pages.cite_box import PageCitation
from ..pages.heading_spaces import HeadingSpaces
from ..pages.preview import PreviewErrors, error_page
from ..pages.registry import PAGE_MACROS
from ..pages.view import View
from . import feed, fhir_report, linked_data, machine_files  # noqa: F401
from .assets import copy_site_assets

log = logging.getLogger("mkdocs.plugins.macros")


def define_env(env) -> None:
    root = Path(env.project_dir)
    env.variables["_data_root"] = root / "data"
    # The live preview (mkdocs serve, told by macros/publish/preview_hook.py) shows a data error
    # on the pages and keeps serving; a build stops on it.
    # (A renderer without MkDocs, as in the tests, has no configuration: not a preview.)
    conf = getattr(env, "conf", None) or {}
    preview = (conf.get("extra") or {}).get("live_preview") is True
    language = _language(conf)
    i18n.use(language)
    try:
        # The data's text is written in the site's first language (languages.yml).
        from .languages import site_languages  # here: also run as `python -m`
        data_language = (site_languages(root) or [language])[0]
        loaded = _loaded(root / "data", language, data_language)
    except DataError as error:
        if preview:
            env.variables["_preview"] = PreviewErrors(loading=error)
            return
        # MkDocs prints a PluginError as one line and exits non-zero, before writing anything.
        raise PluginError(str(error)) from None
    evidence = loaded.evidence

    left_out = _leave_out_pages(conf, evidence.data)
    errors = env.variables["_preview"] = PreviewErrors() if preview else None
    guard = errors.guard if errors else (lambda macro: macro)
    if preview:
        env.config["on_error_fail"] = False  # any other page error: shown in that page
    static_charts.ensure(root)  # static pictures of the charts, drawn when first needed
    view = View(evidence, here=lambda: env.page.url if env.page else "", left_out=left_out)
    recorder = env.variables["_manifest"] = _site_check().PageRecorder(
        _manifest_path(conf, preview), page=lambda: _page_file(env.page))
    for name, func in PAGE_MACROS.items():
        macro = functools.wraps(func)(functools.partial(func, view))
        env.macro(guard(recorder.recording(_escaped(macro))), name)
    env.macro(guard(recorder.recording(_escaped(lambda: releases.whats_new(loaded.history)))),
              "whats_new")
    if "site_name" in conf:
        citation.configure(conf, evidence.study)
        # The Atom feed, the FHIR report and the JSON-LD join the citation files.
        machine_files.add(conf, evidence, loaded.history)
        # Pages link the feed where readers subscribe (its stable address), or, in a local
        # preview, this build's own copy.
        env.variables["feed_url"] = escape(conf["extra"][citation.KEY]["feed_url"] or "feed.xml")
        env.macro(guard(recorder.recording(lambda kind: citation.cite_file(conf, kind))),
                  "cite_file")
        env.macro(guard(recorder.recording(lambda page="": citation.release_link(conf, page))),
                  "release_link")
        words = conf["extra"].get("words")  # the theme's words (mkdocs.base.yml)
        if words:
            _add_extension(conf, PageCitation(conf["site_name"], conf["extra"][citation.KEY],
                                              words, page=lambda: env.page))
    # Where to report a problem: the deploy gives the repository's form (REPORT_URL).
    report_url = (conf.get("extra") or {}).get("report_url") or None
    for name, func in (("who_stands_behind", lambda: people.behind(evidence, report_url)),
                       ("who_stands_behind_short",
                        lambda: people.behind_short(evidence, report_url)),
                       ("certainty_rated_by", lambda: people.rated_by(evidence)),
                       ("report_problem", lambda: people.report_link(report_url))):
        env.macro(guard(recorder.recording(_escaped(func))), name)
    # Escaped here, as every macro's text is (recorder.recording), whatever the builder's
    # templates do with autoescaping.
    env.variables["level"] = escape(evidence.level)
    env.variables["method_name"] = escape(evidence.method_name)
    env.variables["release"] = escape(evidence.study["release"])
    env.variables["release_date"] = escape(i18n.long_date(evidence.study["release_date"]))
    # Abbreviation tooltips for the terms each page uses: added by a Markdown extension as
    # the page is converted, so glossary text is never templated.
    _add_extension(conf, PageAbbreviations(loaded.abbreviations))
    _add_extension(conf, HeadingSpaces())
    env.variables["_abbreviations"] = loaded.abbreviations


def _add_extension(conf, extension) -> None:
    """A Markdown extension of the macros' own added to the build's, replacing the one of
    the same kind an earlier call added (a builder may set the macros up once per page)."""
    extensions = conf.get("markdown_extensions") if hasattr(conf, "get") else None
    if isinstance(extensions, list):
        extensions[:] = [e for e in extensions if type(e) is not type(extension)]
        extensions.append(extension)


def _escaped(macro):
    """The macro, its text HTML-escaped unless it marked it safe (Markup): data text is
    escaped in whatever template engine renders the pages."""

    @functools.wraps(macro)
    def escaped(*args, **kwargs):
        result = macro(*args, **kwargs)
        return escape(result) if isinstance(result, str) else result

    return escaped


@dataclass(frozen=True)
class _Loaded:
    evidence: Evidence
    history: list
    abbreviations: Abbreviations


_LOADED: dict[tuple[Path, str, str], tuple[tuple, _Loaded]] = {}


def _loaded(data: Path, language: str, data_language: str) -> _Loaded:
    """The evidence read from `data`, once per process while no file of it changes: a
    builder may set the macros up once per page, and the live preview once per save."""
    stamp = tuple((str(p), s.st_mtime_ns, s.st_size)
                  for p in sorted(data.rglob("*")) if (s := p.stat()) and p.is_file())
    key = (data.resolve(), language, data_language)
    kept = _LOADED.get(key)
    if kept and kept[0] == stamp:
        return kept[1]
    evidence = Evidence.from_folder(data, language, data_language)
    history = releases.release_history(data, current_data=evidence.data)
    glossary = evidence.rows("glossary") if evidence.has("glossary") else []
    loaded = _Loaded(evidence, history, Abbreviations(glossary))
    _LOADED[key] = (stamp, loaded)
    return loaded


def _page_file(page) -> str:
    """The built file of the page being rendered ('survival/index.html'); builders that
    give the page no file object give its address."""
    if page is None:
        return ""
    file = getattr(page, "file", None)
    if file is not None:
        return file.dest_uri
    url = (page.url or "").lstrip("/")
    return url + "index.html" if url == "" or url.endswith("/") else url


def _manifest_path(conf, preview: bool) -> Path | None:
    """Where the manifest of what pages must contain is written as they render: in the
    built site, but not in the preview nor in mike's builds (mike publishes every file)."""
    if preview or "site_dir" not in conf or "plugins" not in conf or "mike" in conf["plugins"]:
        return None
    return Path(conf["site_dir"]) / _site_check().MANIFEST_NAME


def _leave_out_pages(conf, data) -> list:
    """Pages showing a table the study has no rows of: out of the nav and of the build."""
    if "docs_dir" not in conf:
        return []
    nav, gone = page_needs.leave_out(conf["nav"], Path(conf["docs_dir"]), data)
    if gone:
        conf["nav"] = nav
        dropped = GitIgnoreSpec.from_lines("/" + g.page for g in gone)
        excluded = conf["exclude_docs"]
        conf["exclude_docs"] = dropped if excluded is None else excluded + dropped
        log.info(page_needs.build_message(gone))
    return gone


def _language(conf) -> str:
    """The language of the pages being built: the theme's (mkdocs.fr.yml sets fr)."""
    theme = conf.get("theme") if conf else None
    try:
        return (theme["language"] if theme is not None else None) or "en"
    except KeyError:
        return "en"


def _site_check():
    # Imported when needed: `python -m macros.publish.site_check` also runs it as a script.
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
    manifest.write()
    try:
        check.check(site, manifest.manifest)
    except check.SiteCheckError as error:
        raise PluginError(str(error)) from None
