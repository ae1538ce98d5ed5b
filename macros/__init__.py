"""mkdocs-macros entry point: load the evidence once, register what pages may call.

Everything else lives in plain modules that know nothing of MkDocs.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs_macros.errors import format_error

from . import citation, releases
from .assets import copy_site_assets
from .certainty import CertaintyTable
from .context import ContextPages
from .errors import DataError
from .evidence import Evidence
from .guideline import PlainNumbers
from .harms import HarmsTable
from .source_text import SourceText

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

    pages = ContextPages(evidence, here=lambda: env.page.url if env.page else "")
    for name in PAGE_MACROS:
        env.macro(getattr(pages, name), name)
    env.macro(pages.data_dictionary, "data_dictionary")
    env.macro(lambda: releases.whats_new(history), "whats_new")
    certainty = CertaintyTable(evidence.data)
    env.macro(certainty.tally, "certainty_tally")
    env.macro(certainty.judged_text, "certainty_judged")
    source = SourceText(evidence.data)
    env.macro(source.abstract_sentences, "abstract_sentences")
    env.macro(source.sic_count, "sic_count")
    env.macro(lambda claim: source.claim_quote(claim, env.page.url if env.page else ""),
              "claim_quote")
    citation.configure(env.conf, evidence.study)
    env.macro(lambda kind: citation.cite_file(env.conf, kind), "cite_file")
    plain = PlainNumbers(evidence)
    env.macro(plain.number, "number")
    env.macro(plain.of_count, "of_count")
    env.macro(plain.median, "median")
    harms = HarmsTable(evidence, pages.glossary, here=lambda: env.page.url if env.page else "")
    env.macro(harms.harms_table, "harms_table")
    env.variables["level"] = evidence.level
    env.variables["method_name"] = evidence.method_name
    env.variables["release"] = evidence.study["release"]
    env.variables["release_date"] = evidence.study["release_date"].isoformat()
    env.variables["_abbreviations"] = pages.abbreviations()
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
    copy_site_assets(env.variables["_data_root"], Path(env.conf["site_dir"]))
