"""mkdocs-macros entry point: load the evidence once, register what pages may call.

Everything else lives in plain modules that know nothing of MkDocs.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs_macros.errors import format_error

from . import releases, static_charts
from .assets import copy_site_assets
from .context import ContextPages
from .errors import DataError
from .evidence import Evidence

PAGE_MACROS = (
    "study", "n", "frac", "pct", "prop", "duration", "not_reported", "parts_sum",
    "breakdown_table", "measures_table", "durations_table",
    "response_chart", "survival_chart", "chimerism_chart",
    "summary_of_findings", "claims_table", "open_questions", "glossary_table",
    "audit_table", "audit_count",
    "forest_chart", "context_outcomes_table", "context_studies_table", "references",
)


def define_env(env) -> None:
    root = Path(env.project_dir)
    try:
        evidence = Evidence.from_folder(root / "data")
        history = releases.release_history(root / "data", current_data=evidence.data)
    except DataError as error:
        # MkDocs prints a PluginError as one line and exits non-zero, before writing anything.
        raise PluginError(str(error)) from None

    static_charts.start(root)  # static pictures of the charts, drawn when first needed
    pages = ContextPages(evidence, here=lambda: env.page.url if env.page else "")
    for name in PAGE_MACROS:
        env.macro(getattr(pages, name), name)
    env.macro(pages.data_dictionary, "data_dictionary")
    env.macro(lambda: releases.whats_new(history), "whats_new")
    env.variables["level"] = evidence.level
    env.variables["method_name"] = evidence.method_name
    env.variables["release"] = evidence.study["release"]
    env.variables["release_date"] = evidence.study["release_date"].isoformat()
    env.variables["_abbreviations"] = pages.abbreviations()
    env.variables["_data_root"] = root / "data"


@format_error.register(DataError)
@format_error.register(static_charts.ChartExportError)
def _data_error_in_page(error: Exception, markdown: str, page) -> str:
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
    static_charts.stop()
    copy_site_assets(env.variables["_data_root"], Path(env.conf["site_dir"]))
