"""What a full article reports beyond counts: optional tables absent or empty, percentages
printed alone, estimates at a time point, doses, claims cited by section or table, the
article's authors and pages in the citations, and counts agreeing in number."""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOT
from data_edits import data_with_cells

from macros import i18n
from macros.data.errors import DataError
from macros.data.load import load_dataset
from macros.evidence import citation
from macros.evidence.evidence import Evidence
from macros.evidence.source_text import SourceText
from macros.pages.reported import dose_text, estimate_text, time_point

KANTARJIAN = ROOT / "tests" / "kantarjian" / "data"


@pytest.fixture
def kantarjian(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(KANTARJIAN, data)
    return data


# -- optional tables ---------------------------------------------------------------------

def test_an_optional_table_may_be_absent_or_a_header_line_only(kantarjian):
    data = load_dataset(kantarjian)
    assert data.left_out == {"open_questions": "absent", "context_studies": "empty"}
    assert "open_questions" not in data.tables and "context_studies" not in data.tables
    assert "open_questions" not in {r["name"] for r in data.descriptor["resources"]}


def test_a_table_not_marked_optional_still_needs_rows(kantarjian):
    (kantarjian / "doses.csv").write_text(
        "id,fact,drug,dose,dose_high,unit,schedule,note,source\n", encoding="utf-8")
    schema = kantarjian / "datapackage.yml"
    text = schema.read_text(encoding="utf-8")
    schema.write_text(text.replace("- name: doses\n  path: doses.csv\n  optional: true\n",
                                   "- name: doses\n  path: doses.csv\n"), encoding="utf-8")
    with pytest.raises(DataError, match="no data rows") as error:
        load_dataset(kantarjian)
    assert error.value.file == "data/doses.csv" and error.value.line == 1


def test_a_table_not_marked_optional_may_not_be_absent(kantarjian):
    (kantarjian / "counts.csv").unlink()
    with pytest.raises(DataError, match="counts.csv"):
        load_dataset(kantarjian)


def test_optional_must_be_true_or_false(kantarjian):
    schema = kantarjian / "datapackage.yml"
    text = schema.read_text(encoding="utf-8")
    schema.write_text(text.replace("path: doses.csv\n  optional: true\n",
                                   "path: doses.csv\n  optional: sometimes\n"), encoding="utf-8")
    with pytest.raises(DataError, match="'optional'"):
        load_dataset(kantarjian)


@pytest.mark.site
def test_a_reference_to_a_table_the_study_lacks_is_refused(tmp_path):
    data = data_with_cells(tmp_path, "summary_outcomes.csv", "id", "sof_ccr",
                           context_outcome="ccr")
    schema = data / "datapackage.yml"
    text = schema.read_text(encoding="utf-8")
    schema.write_text(text.replace("  - name: context_outcome_kinds\n    path: "
                                   "context_outcome_kinds.csv\n",
                                   "  - name: context_outcome_kinds\n    path: "
                                   "context_outcome_kinds.csv\n    optional: true\n"),
                      encoding="utf-8")
    (data / "context_outcome_kinds.csv").write_text("id,label,note\n", encoding="utf-8")
    with pytest.raises(DataError, match="no rows of 'context_outcome_kinds'") as error:
        load_dataset(data)
    assert error.value.file == "data/summary_outcomes.csv"
    assert error.value.column == "context_outcome"


# -- what is reported without a count ------------------------------------------------------

def _row(data, name: str, key: str) -> dict:
    (row,) = [r for r in data[name].to_dict("records") if r["id"] == key]
    return row


def test_an_estimate_is_said_as_reported_with_the_interval_it_prints(kantarjian):
    data = load_dataset(kantarjian)
    row = _row(data, "estimates", "survival_1y")
    assert estimate_text(row) == "74% at 1 year"  # no interval printed: none made up
    with_ci = dict(row, at=18, at_unit="months", low=60.0, high=85.0, level=95)
    assert estimate_text(with_ci) == "74% at 18 months (95% CI 60% to 85%)"
    unlabelled = dict(with_ci, level=None)
    assert estimate_text(unlabelled) == "74% at 18 months (interval as printed: 60% to 85%)"


def test_an_estimate_outside_its_interval_stops_the_build(kantarjian):
    path = kantarjian / "estimates.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "survival_1y,K12,Survival,1,years,74,,,,", "survival_1y,K12,Survival,1,years,74,80,90,95,"),
        encoding="utf-8")
    with pytest.raises(DataError, match="within its interval") as error:
        Evidence.from_folder(kantarjian)
    assert error.value.file == "data/estimates.csv" and error.value.line == 2


def test_an_interval_with_one_end_stops_the_build(kantarjian):
    path = kantarjian / "estimates.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "survival_1y,K12,Survival,1,years,74,,,,", "survival_1y,K12,Survival,1,years,74,60,,,"),
        encoding="utf-8")
    with pytest.raises(DataError, match="both ends"):
        Evidence.from_folder(kantarjian)


def test_a_dose_range_upside_down_stops_the_build(kantarjian):
    path = kantarjian / "doses.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("400,1000", "1000,400"),
                    encoding="utf-8")
    with pytest.raises(DataError, match="at least its bottom") as error:
        Evidence.from_folder(kantarjian)
    assert error.value.column == "dose_high"


def test_a_dose_is_said_with_its_range_unit_and_schedule(kantarjian):
    row = _row(load_dataset(kantarjian), "doses", "imatinib")
    assert dose_text(row) == "400 to 1000 mg per day"
    assert dose_text(dict(row, dose_high=None)) == "400 mg per day"


# -- claims cited by section, table or figure ----------------------------------------------

@pytest.mark.site
def test_a_claim_may_be_cited_by_table_or_section(tmp_path):
    data = data_with_cells(tmp_path, "claims.csv", "id", "B2", source="Table 2",
                           verbatim="frequently observed")
    evidence = Evidence.from_folder(data)
    quote = str(SourceText(evidence.data).claim_quote("B2", "conclusions/"))
    assert "frequently observed" in quote and "Table 2" in quote
    assert "source-link" not in quote  # nothing to link to: the abstract has no Table 2
    # a sentence of the abstract is still linked and checked
    assert 'href="../source/#s1"' in str(SourceText(evidence.data).claim_quote("B1",
                                                                                "conclusions/"))


@pytest.mark.site
def test_a_sentence_named_as_source_must_still_exist(tmp_path):
    data = data_with_cells(tmp_path, "claims.csv", "id", "B2", source="Abstract sentence 99")
    with pytest.raises(DataError, match="expected a sentence of the abstract"):
        Evidence.from_folder(data)


# -- the article in the citations ----------------------------------------------------------

def test_an_article_is_cited_with_authors_pages_doi_and_pmid(kantarjian):
    study = dict(load_dataset(kantarjian).study, doi="10.1182/blood-x", pmid=12345)
    bib = citation.bibtex("Site", "https://example.org/", study)
    assert "author = {Kantarjian HM and O'Brien S and" in bib
    assert "pages = {1590--1595}" in bib and "doi = {10.1182/blood-x}" in bib
    assert "pmid = {12345}" in bib and "Authors not recorded" not in bib
    ris = citation.ris("Site", "https://example.org/", study)
    assert "TY  - JOUR" in ris and "AN  - PMID 12345" in ris and "DO  - 10.1182/blood-x" in ris
    assert ris.count("AU  - ") == 14  # the reference lists 14 authors


def test_an_abstract_without_authors_says_so():
    study = {"source_kind": "conference abstract", "abstract_number": 1017,
             "title_verified": True, "source_noun": "abstract"}
    note = citation._source_note(study)
    assert note == "Conference abstract, abstract 1017. Authors not recorded in this" \
                   " summary's data."


# -- counts agree in number ----------------------------------------------------------------

def test_counts_agree_in_number_in_english():
    assert i18n.ngettext("{n} point", "{n} points", 1).format(n=1) == "1 point"
    assert i18n.ngettext("{n} point", "{n} points", 2).format(n=2) == "2 points"
    assert i18n.ngettext("{n} point", "{n} points", 0).format(n=0) == "0 points"
    assert time_point(1, "years") == "1 year" and time_point(1.5, "years") == "1.5 years"


def test_counts_agree_in_number_in_french(french):
    # CLDR's French rule: 0 and 1 (and 1,5) are singular
    assert i18n.ngettext("{n} point", "{n} points", 0).format(n=0) == "0 point"
    assert i18n.ngettext("{n} point", "{n} points", 1).format(n=1) == "1 point"
    assert i18n.ngettext("{n} point", "{n} points", 3).format(n=3) == "3 points"
    assert time_point(1, "years") == "1 an" and time_point(2, "years") == "2 ans"
    assert time_point(1.5, "years") == "1,5 an"


def test_one_patient_missing_from_a_breakdown_is_said_in_the_singular(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "fictional" / "data", data)
    counts = data / "counts.csv"
    counts.write_text(counts.read_text(encoding="utf-8").replace(
        "status_progression,R1,status_12m,Progression,7,", "status_progression,R1,status_12m,"
        "Progression,11,"), encoding="utf-8")
    messages = [f.message for f in Evidence.from_folder(data).findings]
    assert any("account for 39 of 40 patients. Status not reported: 1 patient." in m
               for m in messages), messages
