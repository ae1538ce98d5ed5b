"""A second real-shaped study built by the same generator, as `make site` builds a site: a
small cohort written from a full journal article (Kantarjian et al., Blood 2002;
100(5):1590–95), English only, with results printed as percentages alone, a survival
estimate at one year, a dose range, and two optional tables it does not have.

The expected numbers are the article's, as its published abstract prints them: 28 adults;
phase 5 chronic, 15 accelerated, 8 blastic; overall response 22/28 (79%); complete
haematological response 17/23 (74%), by phase 100%, 83% and 43%; cytogenetic response 15/26
(58%), complete 9 (35%); 19 alive at a median follow-up of 15 months; estimated 1-year
survival 74%; severe granulocytopenia 43%, thrombocytopenia 27%; imatinib 400–1000 mg/day.
"""

from __future__ import annotations

import csv
import html
import json
import re

import pytest
from conftest import ROOT, build, study_project, without_pictures
from scipy.stats import binomtest
from test_site_build import html_pages, visible_text

KANTARJIAN = ROOT / "tests" / "kantarjian"

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = tmp_path_factory.mktemp("kantarjian") / "project"
    # its pages' text is read here; the fictional study's and this site's builds draw
    # the pictures of every kind of chart
    without_pictures(study_project(KANTARJIAN, project))
    result = build(project)
    assert result.returncode == 0, result.output
    return result


def text_of(site, page: str) -> str:
    return " ".join(visible_text(site.page(page)).split())


def exact(n: int, total: int) -> str:
    ci = binomtest(n, total).proportion_ci(confidence_level=0.95, method="exact")
    return f"{round(100 * ci.low)}% to {round(100 * ci.high)}%"


def test_counts_are_shown_with_their_denominators_and_intervals(site):
    overview = text_of(site, "index.html")
    assert f"22/28 (79%; 95% CI {exact(22, 28)})" in overview
    assert f"17/23 (74%; 95% CI {exact(17, 23)})" in overview
    response = text_of(site, "response/index.html")
    assert "15/26 (58%)" in response and "9/26 (35%)" in response
    assert f"19/28 (68%; 95% CI {exact(19, 28)})" in text_of(site, "survival/index.html")


def test_percentages_printed_alone_stay_as_printed_without_count_or_interval(site):
    page = site.page("response/index.html")
    (by_phase,) = [t for t in re.findall(r"<table.*?</table>.*?(?=<table|</article>)", page,
                                         re.S) if "by disease phase" in t]
    rows = re.findall(r"<tr>(.*?)</tr>", by_phase, re.S)
    cells = [" ".join(visible_text(r).split()) for r in rows]
    assert cells == ["Result As printed", "Chronic phase 100%", "Accelerated phase 83%",
                     "Blastic phase 43%"]
    shown = visible_text(by_phase).split("Cite this page")[0]  # the table and its notes
    assert "/" not in shown and "CI" not in shown  # no n/N made up, no interval
    assert "no count, so no interval" in shown
    safety = text_of(site, "safety/index.html")
    assert "Severe granulocytopenia 43%" in safety and "Thrombocytopenia 27%" in safety
    # 43% of 28 would be 12 patients: never said
    assert "12/28" not in safety and "12 patients" not in safety


def test_the_survival_estimate_is_shown_as_reported_and_never_drawn(site):
    survival = site.page("survival/index.html")
    text = " ".join(visible_text(survival).split())
    assert "Survival 1 year 74% not printed" in text  # no interval printed, none made up
    assert "74% at 1 year" in text_of(site, "index.html")
    assert "evidence-chart" not in survival  # no curve, no chart


def test_the_dose_range_is_shown(site):
    assert "imatinib, 400 to 1000 mg per day" in text_of(site, "index.html")


def test_a_chart_of_a_baseline_characteristic_draws_no_interval(site):
    page = site.page("patients/index.html")
    (found,) = re.findall(r'<figure class="evidence-chart".*?</figure>', page, re.S)
    figure = json.loads(html.unescape(re.search(r'data-figure="([^"]*)"', found).group(1)))
    (bars,) = figure["data"]
    assert bars["text"] == ["5/28", "15/28", "8/28"]
    assert not any(v is not None for v in bars["error_x"]["array"])
    assert "CI" not in visible_text(found) and "confidence" not in visible_text(found)


def test_counts_agree_in_number(site):
    patients = text_of(site, "patients/index.html")
    assert "The cohort: 28 patients." in patients
    assert "13 patients had had donor lymphocyte infusions" in patients
    assert "1 years" not in text_of(site, "survival/index.html")


def test_pages_of_tables_the_study_lacks_are_left_out_and_said_so(site):
    pages = html_pages(site.site)
    assert "context/index.html" not in pages and "open-questions/index.html" not in pages
    for name, page in pages.items():
        assert 'href="../context/"' not in page and 'href="context/"' not in page, name
        assert "open-questions/" not in page, name
    assert "Left out of this site" in site.output
    assert "context.md (data/context_studies.csv has no rows)" in site.output
    assert "open-questions.md (data/open_questions.csv is not in data/)" in site.output
    about = text_of(site, "about-the-data/index.html")
    assert "data/context_studies.csv has a header line and no rows, so these pages are left" \
           " out of the site: Other studies" in about
    assert "data/open_questions.csv is not in data/" in about


def test_the_article_is_cited_with_its_authors_pages_and_volume(site):
    bib = (site.site / "cite" / "site.bib").read_text(encoding="utf-8")
    assert "author = {Kantarjian HM and O'Brien S and Cortes JE" in bib
    assert "Talpaz M}" in bib
    assert "pages = {1590--1595}" in bib and "volume = {100}" in bib
    assert "Authors not recorded" not in bib and "abstract" not in bib.lower()
    ris = (site.site / "cite" / "site.ris").read_text(encoding="utf-8")
    assert "TY  - JOUR" in ris and "AU  - Kantarjian HM" in ris
    assert "SP  - 1590" in ris and "EP  - 1595" in ris
    assert "DO  - " not in ris  # the reference gives no DOI: none is invented


def test_no_word_of_the_other_cohort(site):
    main_ids = {r["id"] for r in csv.DictReader((ROOT / "data" / "counts.csv").open())}
    own_ids = {r["id"] for r in csv.DictReader((KANTARJIAN / "data" / "counts.csv").open())}
    theirs = main_ids - own_ids
    assert theirs
    for name, page in html_pages(site.site).items():
        shown_ids = set(re.findall(r'data-count="([a-z0-9_]+)"', page))
        assert not shown_ids & theirs, name
        text = visible_text(page)
        for words in ("26 patients", "French", "F2004", "Abstract sentence", "chimerism",
                      "conference abstract", "1017", "VNTR"):
            assert words not in text, (name, words)
