"""The files that carry the findings to machines, beside the citation files: the Atom feed
of the releases, the FHIR EvidenceReport, and the JSON-LD every page's head holds.

Both the build (define_env) and the step that writes the files beside the pages
(macros/publish/site_files.py) call `add`, so every builder's site has them.
"""

from __future__ import annotations

from typing import Any

from ..evidence import citation
from ..evidence.evidence import Evidence
from . import feed, fhir_report, linked_data


def add(conf: Any, evidence: Evidence, history: list) -> None:
    """Put the feed, the FHIR report and the JSON-LD into the citation block of `conf`'s
    extra (citation.configure must have run)."""
    cite = conf["extra"][citation.KEY]
    cite["files"][feed.PATH] = feed.atom_feed(history, conf["site_name"], conf["site_url"] or "")
    here = cite["version_url"]
    # Subscriptions go to the feed at the language's root, which every release replaces
    # (make deploy); a local preview links its own copy.
    cite["feed_url"] = feed.stable_url(here, cite["release"]) if here else None
    cite["files"][fhir_report.PATH] = fhir_report.report_json(
        evidence, here + fhir_report.PATH if here else None)
    cite["fhir_path"] = fhir_report.PATH
    cite["jsonld"] = linked_data.script(linked_data.summary(
        evidence, conf["site_name"], conf.get("site_description") or "", here))
