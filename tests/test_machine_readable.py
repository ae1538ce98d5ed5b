"""The findings for software: the FHIR R5 EvidenceReport validated by fhir.resources, and the
schema.org JSON-LD of every page, both with the numbers the pages show."""

from __future__ import annotations

import copy
import html
import json
import re

import pytest
from conftest import real_data
from fhir.resources.evidencereport import EvidenceReport
from pydantic import ValidationError
from test_site_build import html_pages

from macros import i18n

# This site's evidence report and linked data: its study, numbers and pages.
pytestmark = pytest.mark.site

STUDY = real_data().study


def cells(row: str) -> list[str]:
    return [re.sub(r"[ \t\n]+", " ", html.unescape(re.sub(r"<[^>]+>", "", c))).strip()
            for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)]


def report(real_site, lang: str) -> dict:
    root = real_site.site / "fr" if lang == "fr" else real_site.site
    return json.loads((root / "fhir" / "evidence-report.json").read_text(encoding="utf-8"))


def evidences(data: dict) -> list[dict]:
    return [r for r in data["contained"] if r["resourceType"] == "Evidence"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_evidence_report_is_valid_fhir(real_site, lang):
    data = report(real_site, lang)
    parsed = EvidenceReport.model_validate(data)  # fhir.resources validates as it parses
    assert parsed.status == "active" and parsed.language == lang
    kinds = [r["resourceType"] for r in data["contained"]]
    assert kinds.count("Citation") == 1 and kinds.count("Evidence") >= 5
    entries = data["section"][0]["entryReference"]
    assert [e["reference"] for e in entries] == [f"#{e['id']}" for e in evidences(data)]
    citation = next(r for r in data["contained"] if r["resourceType"] == "Citation")
    assert citation["citedArtifact"]["title"][0]["text"] == STUDY["title_as_printed"]
    assert json.dumps(citation).count("not recorded") == 1 or lang == "fr"


def test_fhir_resources_refuses_a_broken_report(real_site):
    data = report(real_site, "en")
    broken = copy.deepcopy(data)
    del evidences(broken)[0]["status"]  # required by FHIR
    with pytest.raises(ValidationError):
        EvidenceReport.model_validate(broken)
    wrong_type = copy.deepcopy(data)
    evidences(wrong_type)[0]["statistic"][0]["numberOfEvents"] = "twelve"
    with pytest.raises(ValidationError):
        EvidenceReport.model_validate(wrong_type)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_report_and_the_json_ld_carry_the_numbers_the_page_shows(real_site, lang):
    i18n.use(lang)
    try:
        page = html_pages(real_site.site, "fr" if lang == "fr" else "")["index.html"]
        table = re.search(r'<div class="[^"]*\bsof\b[^"]*"><table>.*?</table>', page,
                          re.S).group(0)
        rows = [cells(r) for r in re.findall(r"<tr>(.*?)</tr>", table, re.S)][1:]
        data = report(real_site, lang)
        ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page,
                                  re.S).group(1))
        measured = ld["hasPart"]["variableMeasured"]
        assert len(rows) == len(evidences(data)) == len(measured)
        for row, evidence, value in zip(rows, evidences(data), measured, strict=True):
            outcome, patients, interval = row[0], row[1], row[2]
            stat = evidence["statistic"][0]
            assert evidence["title"] == outcome == value["name"]
            assert value["value"] == stat["quantity"]["value"]
            n = stat["numberOfEvents"]
            if "sampleSize" not in stat:  # shown without a denominator: its count only
                assert re.match(rf"{n}\b(?!/)", patients), (patients, n)
                assert stat["quantity"] == {"value": n, "unit": "patients"}
                assert value["unitText"] == "patients"
                continue
            total = stat["sampleSize"]["numberOfParticipants"]
            assert patients.startswith(f"{n}/{total} ("), (patients, n, total)
            assert i18n.percent(stat["quantity"]["value"]) in patients
            estimate = stat.get("attributeEstimate")
            if interval in ("–", "-"):
                assert estimate is None and "minValue" not in value
            else:
                bounds = estimate[0]["range"]
                shown = i18n._("{low} to {high}").format(
                    low=i18n.percent(bounds["low"]["value"]),
                    high=i18n.percent(bounds["high"]["value"]))
                assert shown == interval, (outcome, shown, interval)
                assert (value["minValue"], value["maxValue"]) == \
                    (bounds["low"]["value"], bounds["high"]["value"])
            rating = evidence["certainty"][0]["rating"]["coding"][0]["code"]
            assert rating.replace("-", " ") in row[3].lower().replace("très faible",
                                                                      "very low")
    finally:
        i18n.use("en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_page_carries_the_json_ld(real_site, lang):
    for name, page in html_pages(real_site.site, "fr" if lang == "fr" else "").items():
        found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
        assert len(found) == 1, name
        ld = json.loads(found[0])
        assert ld["@type"] == "ScholarlyArticle" and ld["inLanguage"] == lang
        assert ld["version"] == STUDY["release"]
        assert ld["datePublished"] == STUDY["release_date"].isoformat()
        assert ld["isBasedOn"]["name"] == STUDY["title_as_printed"]
        # A local preview has no address: none is given.
        assert "url" not in ld and "distribution" not in ld["hasPart"]


def test_how_to_cite_links_the_report_and_the_feed(real_site):
    for lang in ("", "fr"):
        page = html_pages(real_site.site, lang)["cite/index.html"]
        assert 'href="../fhir/evidence-report.json"' in page
        assert 'href="../feed.xml"' in page
