"""The summary of findings as machine-readable evidence: a FHIR R5 EvidenceReport holding one
Evidence per outcome (n/N, the proportion, its confidence interval where the site shows one,
the certainty rating with its reasons) and a Citation of the source, built and validated with
fhir.resources; and the schema.org JSON-LD that every page carries in its head.

The numbers are the summary of findings' own (the same measures, the same intervals), in the
language of the pages they are published with.

    python -m macros.publish.fhir_report DATA_DIR LANGUAGE OUT_FILE   write the report as JSON
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from fhir.resources.evidencereport import EvidenceReport

from .. import i18n
from ..evidence.evidence import Evidence, Measure
from ..evidence.identifiers import doi_url, identifiers, pmid_url
from ..evidence.people import maintainer_names, raters
from ..evidence.render import lower_first
from ..i18n import _

PATH = "fhir/evidence-report.json"
CERTAINTY_TYPE = "http://terminology.hl7.org/CodeSystem/certainty-type"
CERTAINTY_RATING = "http://terminology.hl7.org/CodeSystem/certainty-rating"
STATISTIC_TYPE = "http://terminology.hl7.org/CodeSystem/statistic-type"
ESTIMATE_TYPE = "http://terminology.hl7.org/CodeSystem/attribute-estimate-type"
VARIABLE_ROLE = "http://terminology.hl7.org/CodeSystem/variable-role"
# GRADE domains of data/certainty.csv -> FHIR's certainty types.
DOMAINS = {"risk_of_bias": "RiskOfBias", "inconsistency": "Inconsistency",
           "indirectness": "Indirectness", "imprecision": "Imprecision",
           "publication_bias": "PublicationBias"}
JUDGEMENT = {"not serious": "no-concern", "serious": "serious-concern",
             "very serious": "very-serious-concern"}


def sof_measure(ev: Evidence, row: dict[str, Any]) -> Measure:
    """The measure a row of the summary of findings shows (as macros/pages/page_tables.py)."""
    m = ev.measure(row["count"], row["of"])
    own = ev.measure(row["count"])
    return own if row["of"] == own.of else m


def shows_interval(m: Measure) -> bool:
    """Whether the summary of findings shows this row's confidence interval."""
    return m.proportion is not None and m.proportion.total > 2


def _coding(system: str, code: str, display: str | None = None) -> dict[str, Any]:
    coding = {"system": system, "code": code}
    if display:
        coding["display"] = display
    return {"coding": [coding]}


def has_denominator(m: Measure) -> bool:
    """Whether the summary of findings shows this row as n/N: whenever it has a denominator
    (a printed percentage that fits another one is a footnote beside n/N)."""
    return m.proportion is not None


def _statistic(ev: Evidence, m: Measure) -> dict[str, Any]:
    p = m.proportion
    if not has_denominator(m):
        stat: dict[str, Any] = {
            "description": _("{n} patients; the denominator is uncertain").format(n=m.n),
            "statisticType": _coding(STATISTIC_TYPE, "C25463", "Count"),
            "quantity": {"value": m.n, "unit": "patients"},
            "numberOfEvents": m.n,
        }
    else:
        stat = {
            "description": _("{n} of {total}").format(n=p.n, total=p.total),
            "statisticType": _coding(STATISTIC_TYPE, "C44256", "Proportion"),
            "quantity": {"value": round(p.value, 4), "unit": "proportion"},
            "numberOfEvents": p.n,
            "sampleSize": {"numberOfParticipants": p.total},
        }
    if shows_interval(m):
        stat["attributeEstimate"] = [{
            "description": _("{level}% confidence interval ({method})").format(
                level=p.level, method=ev.method_name),
            "type": _coding(ESTIMATE_TYPE, "C53324", "Confidence interval"),
            "level": p.level / 100,
            "range": {"low": {"value": round(p.low, 4)}, "high": {"value": round(p.high, 4)}},
        }]
    if m.printed is not None:
        stat["note"] = [{"text": _("Printed by the source as {printed}.").format(
            printed=i18n.printed_percent(m.printed))}]
    return stat


def _certainty(row: dict[str, Any], rated_by: list[str]) -> dict[str, Any]:
    subcomponents = []
    for domain, code in DOMAINS.items():
        part: dict[str, Any] = {"type": _coding(CERTAINTY_TYPE, code)}
        judgement = JUDGEMENT.get(row[domain])
        if judgement:
            part["rating"] = _coding(CERTAINTY_RATING, judgement)
        if row[f"{domain}_reason"]:
            part["note"] = [{"text": str(row[f"{domain}_reason"])}]
        subcomponents.append(part)
    overall: dict[str, Any] = {
        "type": _coding(CERTAINTY_TYPE, "Overall"),
        "rating": _coding(CERTAINTY_RATING, str(row["rating"]).replace(" ", "-")),
        "subcomponent": subcomponents,
    }
    if rated_by:
        overall["rater"] = i18n.and_list(rated_by)
    return overall


def _citation(ev: Evidence) -> dict[str, Any]:
    s = ev.study
    ids = identifiers(ev).get(s["id"]) or {}
    form: dict[str, Any] = {"publishedIn": {"title": str(s["journal"])},
                            "articleDate": str(s["year"])}
    for key in ("volume", "issue"):
        if s.get(key):
            form[key] = str(s[key])
    kind = str(s.get("source_kind") or _("publication"))
    artifact: dict[str, Any] = {
        "title": [{"text": str(s["title_as_printed"]),
                   "language": _coding("urn:ietf:bcp:47", "en")}],
        "publicationForm": [form],
        "contributorship": {"summary": [{"value": _(
            "{kind}. Authors not recorded in this summary's data.").format(
                kind=kind[:1].upper() + kind[1:])}]},
    }
    identifiers_: list[dict[str, Any]] = []
    if ids.get("doi"):
        identifiers_.append({"system": "https://doi.org", "value": ids["doi"]})
        artifact["webLocation"] = [{"url": doi_url(ids["doi"])}]
    if ids.get("pmid"):
        identifiers_.append({"system": "https://pubmed.ncbi.nlm.nih.gov", "value": ids["pmid"]})
        artifact.setdefault("webLocation", []).append({"url": pmid_url(ids["pmid"])})
    if identifiers_:
        artifact["identifier"] = identifiers_
    return {"resourceType": "Citation", "id": "source", "status": "active",
            "summary": [{"text": str(s["citation"])}], "citedArtifact": artifact}


def evidence_report(ev: Evidence, report_url: str | None = None) -> EvidenceReport:
    """The report, validated by fhir.resources as it is built. `report_url`: its own address,
    when the build has one."""
    certainty = {r["outcome"]: r for r in ev.rows("certainty")} if ev.has("certainty") else {}
    rated_by = raters(ev)
    # Who and what the outcomes are about, as far as the study record says.
    context = [(ev.study.get("population"), "population"),
               (ev.study.get("intervention"), "exposure")]
    contained: list[dict[str, Any]] = [_citation(ev)]
    entries = []
    for index, row in enumerate(ev.rows("summary_outcomes"), start=1):
        m = sof_measure(ev, row)
        evidence: dict[str, Any] = {
            "resourceType": "Evidence", "id": f"outcome-{index}", "status": "active",
            "title": str(row["outcome"]),
            "variableDefinition": [
                *({"description": str(text), "variableRole": _coding(VARIABLE_ROLE, role)}
                  for text, role in context if text),
                {"description": str(row["outcome"]),
                 "variableRole": _coding(VARIABLE_ROLE, "measuredVariable")},
            ],
            "statistic": [_statistic(ev, m)],
            "relatedArtifact": [{"type": "derived-from", "resourceReference": {
                "reference": "#source"}}],
        }
        if row["comment"]:
            evidence["note"] = [{"text": str(row["comment"])}]
        if row["id"] in certainty:
            evidence["certainty"] = [_certainty(certainty[row["id"]], rated_by)]
        contained.append(evidence)
        entries.append({"reference": f"#outcome-{index}", "display": str(row["outcome"])})
    report: dict[str, Any] = {
        "resourceType": "EvidenceReport",
        "id": f"{str(ev.study['id']).lower()}-{ev.study['release']}",
        "language": i18n.language(),
        "status": "active",
        "contained": contained,
        "subject": {"note": [{"text": _("Summary of findings: {cohort}; no comparison group")
                              .format(cohort=lower_first(ev.measure(ev.study["cohort"]).label))}]},
        "relatedArtifact": [{"type": "derived-from", "resourceReference": {
            "reference": "#source"}}],
        "section": [{
            "title": _("Summary of findings"),
            "entryReference": entries,
        }],
        "author": [{"name": name} for name in maintainer_names(ev)],
        "note": [{"text": _("Data release {release} of {date}.").format(
            release=ev.study["release"], date=i18n.long_date(ev.study["release_date"]))}],
    }
    if report_url:
        report["url"] = report_url
    return EvidenceReport.model_validate(report)


def report_json(ev: Evidence, report_url: str | None = None) -> str:
    return evidence_report(ev, report_url).model_dump_json(indent=2) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    data_dir, language, out = Path(argv[0]), argv[1], Path(argv[2])
    i18n.use(language)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report_json(Evidence.from_folder(data_dir, language)), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
