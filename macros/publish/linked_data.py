"""schema.org JSON-LD for the head of every page: the summary as a ScholarlyArticle (its
release, date, language, makers, the source it is based on) with its findings as a Dataset
(each outcome of the summary of findings: n of N, the proportion and its interval), from the
same measures as the summary of findings and the FHIR report (macros/publish/fhir_report.py)."""

from __future__ import annotations

import json
from typing import Any

from .. import i18n
from ..evidence.evidence import Evidence
from ..evidence.identifiers import doi_url, identifiers
from ..evidence.people import maintainer_names
from ..i18n import _
from .fhir_report import PATH as FHIR_PATH
from .fhir_report import has_denominator, shows_interval, sof_measure


def summary(ev: Evidence, site_name: str, description: str, version_url: str | None,
            licence_url: str | None = None) -> dict[str, Any]:
    s = ev.study
    ids = identifiers(ev).get(s["id"]) or {}
    source: dict[str, Any] = {
        "@type": "ScholarlyArticle", "name": str(s["title_as_printed"]), "inLanguage": "en",
        "datePublished": str(s["year"]),
        "isPartOf": {"@type": "Periodical", "name": str(s["journal"])},
    }
    if s.get("volume"):
        source["isPartOf"] = {"@type": "PublicationVolume", "volumeNumber": str(s["volume"]),
                              "isPartOf": source["isPartOf"]}
    if s.get("issue"):
        source["isPartOf"] = {"@type": "PublicationIssue", "issueNumber": str(s["issue"]),
                              "isPartOf": source["isPartOf"]}
    if ids.get("doi"):
        source["sameAs"] = doi_url(ids["doi"])
    variables = []
    for row in ev.rows("summary_outcomes"):
        m = sof_measure(ev, row)
        p = m.proportion
        if has_denominator(m):
            value: dict[str, Any] = {
                "@type": "PropertyValue", "name": str(row["outcome"]),
                "description": _("{n} of {total}").format(n=p.n, total=p.total),
                "value": round(p.value, 4), "unitText": "proportion",
            }
        else:
            value = {"@type": "PropertyValue", "name": str(row["outcome"]),
                     "description": _("{n} patients; the denominator is uncertain").format(
                         n=m.n), "value": m.n, "unitText": "patients"}
        if shows_interval(m):
            value["minValue"], value["maxValue"] = round(p.low, 4), round(p.high, 4)
        variables.append(value)
    dataset: dict[str, Any] = {
        "@type": "Dataset",
        "name": _("Summary of findings"),
        "description": str(s.get("population") or s.get("short_name") or ""),
        "variableMeasured": variables,
    }
    article: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "name": site_name,
        "headline": site_name,
        "description": " ".join(description.split()),
        "inLanguage": i18n.language(),
        "version": str(s["release"]),
        "datePublished": s["release_date"].isoformat(),
        "author": [{"@type": "Organization", "name": name} for name in maintainer_names(ev)],
        "isBasedOn": source,
        "hasPart": dataset,
    }
    if version_url:
        article["url"] = version_url
        dataset["distribution"] = [{"@type": "DataDownload",
                                    "encodingFormat": "application/fhir+json",
                                    "contentUrl": version_url + FHIR_PATH}]
    if licence_url:
        article["license"] = licence_url
    return article


def script(data: dict[str, Any]) -> str:
    """The JSON for a <script type="application/ld+json"> element. Inside strings, the
    characters HTML gives a meaning to are written as \\u escapes, so that no text of the
    data can close the element or read as markup to any parser of the page."""
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace('\\"', "\\u0022")  # a quote inside a string (escaped quotes pair up)
    for char in "<>&'":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text
