"""The built site read as a haematologist reads it: no notation from code, each number framed
the way the abstract supports, and the readings worked out from data follow the data."""

from __future__ import annotations

import re

import pytest
from conftest import build, copy_project, expected_n, real_data
from test_site_build import html_pages, visible_text

from macros.data.tables import by_key, rows

DATA = real_data()
COUNTS = by_key(DATA["counts"])
# Pages for the study team, where file and column names are the point.
TEAM_PAGES = ("editing-the-data/index.html",)
FORBIDDEN = ("==", "!=", "<=", ">=", "None", "NaN", "nan%", "Rule:", "(derived)", "Printed %",
             "whole cohort assumed", "Percent of denominator", "denominator not stated",
             "fact ", "Traceback", "wzxhzdk", "klzzwxh", "_not_reported", "Best or last",
             "unverified:", "K2002", "E2003", "D2000", "G2000", "F2004")


def article(page: str) -> str:
    found = re.search(r"(?s)<article[^>]*>(.*)</article>", page)
    return found.group(1) if found else ""


def reader_text(page: str) -> str:
    """What a reader sees and hovers: the article's text, its tooltips and labels."""
    body = article(page)
    hovered = " ".join(re.findall(r'(?:title|aria-label)="([^"]*)"', body))
    body = re.sub(r'data-figure="[^"]*"|href="[^"]*"|download="[^"]*"', "", body)
    return re.sub(r"\s+", " ", visible_text(body) + " " + visible_text(hovered))


@pytest.fixture(scope="module")
def pages(real_site) -> dict[str, str]:
    return {name: page for name, page in html_pages(real_site.site).items()
            if name not in TEAM_PAGES and not name.startswith("releases/")}


@pytest.fixture(scope="module")
def text(pages) -> dict[str, str]:
    return {name: reader_text(page) for name, page in pages.items()}


@pytest.mark.site
def test_no_notation_from_code_on_any_french_reader_page(real_site):
    pages = {name: reader_text(page) for name, page in html_pages(real_site.site, "fr").items()
             if name not in TEAM_PAGES and not name.startswith("releases/")}
    assert len(pages) >= 15
    found = {name: [tok for tok in FORBIDDEN if tok in t] for name, t in pages.items()}
    assert {name: toks for name, toks in found.items() if toks} == {}


def test_no_notation_from_code_on_any_reader_page(text):
    found = {name: [tok for tok in FORBIDDEN if tok in t] for name, t in text.items()}
    assert {name: toks for name, toks in found.items() if toks} == {}
    # claim and question ids are not labels (A4 is the paper the brief is printed on)
    for name, t in text.items():
        assert not re.search(r"\b[ABSQ][0-9]\b", t.replace("A4 or US Letter", "")), name


def test_the_interval_method_is_named_once_per_page(text):
    for name, t in text.items():
        assert t.count("Clopper–Pearson") <= 1, name


@pytest.mark.site
def test_cytopenias_out_of_the_cohort_with_the_denominator_the_printed_figure_fits(text):
    c = COUNTS["cytopenia_dose_change"]
    cohort = COUNTS[c["of"]]["n"]
    fits = [d for d in range(c["n"], 4 * cohort) if round(100 * c["n"] / d) == c["printed_percent"]]
    shown = f"{c['n']}/{cohort} ({round(100 * c['n'] / cohort)}%"
    note = (f"prints {c['printed_percent']:g}%, which fits {c['n']}/{fits[0]}, not"
            f" {c['n']}/{cohort}.")
    for page in ("index.html", "safety/index.html"):
        assert shown in text[page] and note in text[page], page
        assert "as printed" not in text[page], page


@pytest.mark.site
def test_tolerability_rests_on_stops_among_all_patients(text):
    n, cohort = COUNTS["stopped_toxicity"]["n"], COUNTS["patients"]["n"]
    judgement = text["conclusions/index.html"].split("judgement on tolerance", 1)[1]
    assert f"Stopped for toxicity: {n}/{cohort}" in judgement
    assert f"{n}/{COUNTS['stopped']['n']}" not in judgement


@pytest.mark.site
def test_response_is_at_last_follow_up_never_best(text):
    assert "best" not in text["response/index.html"].lower()
    assert "last follow-up" in text["response/index.html"]


@pytest.mark.site
def test_response_categories_in_clinical_order(pages):
    labels = [r["label"] for r in rows(DATA["counts"]) if r["group"] == "response"]
    assert labels[0].startswith("Complete cytogenetic response")
    table = article(pages["response/index.html"]).split("<tbody>", 1)[1]
    shown = [visible_text(cell).strip() for cell in
             re.findall(r'<td data-label="Category">(.*?)</td>', table)]
    assert shown[:len(labels)] == labels


@pytest.mark.site
def test_no_interval_on_baseline_rows_or_unreported_groups(pages):
    patients = article(pages["patients/index.html"])
    assert "CI</th>" not in patients  # descriptions of the patients at the start
    for name in ("response/index.html", "survival/index.html", "chimerism/index.html"):
        for row in re.findall(r"<tr>(.*?)</tr>", article(pages[name]), re.S):
            if "<em>" in row:  # the patients the source does not report
                ci = re.search(r'<td data-label="[^"]*CI">(.*?)</td>', row).group(1)
                assert visible_text(ci).strip() == "–", (name, row)
    # splits of two: no interval from 1% to 99%
    assert "1% to 99%" not in visible_text(article(pages["safety/index.html"]))


@pytest.mark.site
def test_phase_read_as_usual_first_with_the_patients_unaccounted_for(text):
    page = text["patients/index.html"]
    chronic, molecular, blastic = (COUNTS[i]["n"] for i in
                                   ("phase_chronic", "phase_molecular", "phase_blastic"))
    cohort = COUNTS["patients"]["n"]
    usual = page.index(f"{chronic + blastic} patients, which leaves"
                       f" {cohort - chronic - blastic} of the {cohort} unaccounted for")
    other = page.index(f"bring the total to {chronic + molecular + blastic}")
    assert usual < other
    assert "accelerated phase" in page


@pytest.mark.site
def test_survivors_all_in_chronic_phase_worked_out_from_data(text):
    alive = COUNTS["alive"]["n"]
    assert COUNTS["alive_chronic"]["n"] == alive
    page = text["survival/index.html"]
    assert f"these counts imply that all {alive} of the survivors had started imatinib in" \
        " chronic phase, and none in another phase" in page
    assert "does not say so directly" in page


@pytest.mark.site
def test_relapse_after_stopping_gives_both_readings(text):
    relapsed, stopped, remission = (COUNTS[i]["n"] for i in
                                    ("stop_relapse", "stopped", "stopped_remission"))
    page = text["stopping/index.html"]
    assert f"{relapsed}/{stopped}" in page and f"{relapsed}/{remission}" in page
    assert "does not say which" in page
    assert "Most of the patients who stopped" not in text["open-questions/index.html"]


@pytest.mark.site
def test_chimerism_claim_marked_as_untestable(text):
    conclusions = text["conclusions/index.html"]
    assert "Cannot be checked with these numbers" in conclusions
    full = COUNTS["chimerism_full_donor"]["n"]
    assert f"{full}/{COUNTS['patients']['n']}" in text["chimerism/index.html"]


@pytest.mark.site
def test_gvhd_at_risk_group_said_to_be_unknown(text):
    assert COUNTS["gvhd_reactivation"]["caveat"] in text["safety/index.html"]


@pytest.mark.site
def test_molecular_response_claim_labelled_for_its_denominator(text):
    page = text["conclusions/index.html"]
    n, cohort = COUNTS["ccr_molecular"]["n"], COUNTS["patients"]["n"]
    assert f"{COUNTS['ccr_molecular']['short_label']}: {n}/{cohort}" in page
    assert f"{COUNTS['ccr_molecular']['label']}: {n}/{cohort}" not in page


@pytest.mark.site
def test_charted_numbers_shown_once_per_page(pages):
    for name in ("response/index.html", "survival/index.html", "chimerism/index.html"):
        body = article(pages[name])
        assert body.count("<table>") == 1 + body.count('class="table-wrap evidence-table">') - 1


@pytest.mark.site
def test_glossary_defines_only_terms_the_site_uses(text):
    site = " ".join(t for name, t in text.items() if name != "glossary/index.html")
    glossary = rows(DATA["glossary"])
    for g in glossary:
        # used on a page, or needed to explain another term of the glossary
        elsewhere = site + " ".join(o["definition"] for o in glossary if o is not g)
        assert re.search(rf"\b{re.escape(g['term'])}\b", elsewhere, re.I), g["term"]


@pytest.mark.site
@pytest.mark.build
def test_derived_readings_follow_the_data(tmp_path):
    project = copy_project(tmp_path / "project")
    counts = project / "data" / "counts.csv"
    text = counts.read_text(encoding="utf-8")
    # as reported, every survivor had started in chronic phase; two fewer in a corrected copy
    alive, chronic = expected_n("alive"), expected_n("alive_chronic")
    old = f"alive_chronic,O3,,Alive among patients in chronic phase,{chronic},"
    assert old in text
    counts.write_text(text.replace(old, old.replace(f",{chronic},", f",{chronic - 2},")),
                      encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    page = reader_text(result.page("survival/index.html"))
    assert f"all {alive} of the survivors" not in page
    assert f"{chronic - 2} of {alive} of the survivors had started imatinib in chronic phase," \
        " and 2 in another phase" in page


# From the reference facts: 26 treated; 19 alive, 5 died (2 whose status is not reported);
# response 12 CCR, 2 partial, 3 failure, 4 relapse (5 not reported); 9 of the 12 in CCR in
# molecular remission; 6 stopped, 2 of them for toxicity; 8 cytopenias needing a dose change
# or withdrawal; 8 of 11 in full donor chimerism, printed 72%; two conclusions contradicted
# by reported counts ("well tolerated" against 2 grade 4 toxicities, no GVHD reactivation
# against 2 reactivations).
TREATED, IN_CCR, MOLECULAR_IN_CCR, STOPPED, STOPPED_TOXICITY, CYTOPENIAS = 26, 12, 9, 6, 2, 8


@pytest.fixture(scope="module")
def french(real_site) -> dict[str, str]:
    return {name: reader_text(page) for name, page in html_pages(real_site.site, "fr").items()
            if name not in TEAM_PAGES and not name.startswith("releases/")}


@pytest.mark.site
def test_audit_kinds_are_counted_each(text, french):
    for said in (text["index.html"], text["audit/index.html"], text["brief/index.html"]):
        assert "two conclusions at odds with reported counts" in said
    for said in (french["index.html"], french["audit/index.html"]):
        assert "deux conclusions que contredisent des effectifs rapportés" in said


@pytest.mark.site
def test_patients_in_no_category_said_by_what_is_not_reported(text, french):
    for name, said in text.items():
        assert "any category" not in said, name
    for name, said in french.items():
        assert "aucune catégorie" not in said, name
    assert "Response not reported: 5 patients" in text["audit/index.html"]
    assert "whose response is not reported" in text["response/index.html"]


@pytest.mark.site
def test_certainty_floor_said_once_and_unnamed_raters_said(text, french):
    page = text["certainty/index.html"]
    assert page.count("to very low, the lowest rating: the other concerns") == 1
    assert "The raters' names are not recorded in this release." in page
    assert "Les noms des évaluateurs ne sont pas consignés dans cette version." \
        in french["certainty/index.html"]
    # the missing comparison group starts the rating at low and does not lower it again
    assert "does not lower it further" in page


@pytest.mark.site
def test_methods_agree_with_the_tables(text, french):
    page = text["methods/index.html"]
    assert "(the cytopenias)" not in page and "it is shown as printed" not in page
    assert f"the interval assumes all {TREATED} patients" in page
    assert "le pourcentage publié figure en note" in french["methods/index.html"]


@pytest.mark.site
def test_printed_percentages_named_by_their_source_on_the_context_page(text, french):
    page = text["context/index.html"]
    assert "8/11 (73%; abstract: 72%;" in page
    assert not re.search(r"\bas printed\b|\bby count\b|no n/N", page)
    assert "58% (no count given)" in page
    fr = french["context/index.html"]
    assert "8/11 (73 % ; résumé : 72 % ;" in fr and "58 % (effectifs non donnés)" in fr
    assert "recalculé" not in fr and "d'après la publication" not in fr


@pytest.mark.site
def test_counts_of_a_smaller_group_named_by_its_patients(text, french):
    for name in ("index.html", "stopping/index.html", "conclusions/index.html",
                 "open-questions/index.html"):
        assert "among:" not in text[name], name
        assert "parmi :" not in french[name], name
    assert f"Reported as {MOLECULAR_IN_CCR} of the {IN_CCR} patients in CCR." \
        in text["index.html"]
    assert f"Reported as {STOPPED_TOXICITY} of the {STOPPED} who stopped." in text["index.html"]
    assert f"{MOLECULAR_IN_CCR} des {IN_CCR} patients en RCyC" in french["index.html"]


@pytest.mark.site
def test_well_tolerated_is_set_against_every_harm_reported(text):
    page = text["audit/index.html"]
    assert f"cytopenias needing dose change or withdrawal: {CYTOPENIAS}/{TREATED}" in page
    assert f"stopped for toxicity: {STOPPED_TOXICITY}/{TREATED}" in page


@pytest.mark.site
def test_french_sentences_read_as_french(french):
    assert "1 au bout de 3 mois" in french["stopping/index.html"]
    assert "le résumé n'en rapporte aucun en vie" in french["index.html"]
    assert "le compte rendu n'indique personne en vie" in french["plain-language/index.html"]
    assert "personnes en vie selon le compte rendu" not in french["plain-language/index.html"]


@pytest.mark.site
def test_the_brief_sheets_said_alike_everywhere(pages, text, french):
    (sheets,) = set(re.findall(r'data-brief-sheets="([0-9]+)"', pages["brief/index.html"]))
    assert f"prints on {sheets} sheets of A4 or US Letter" in text["accessibility/index.html"]
    assert f"{sheets} sheets of A4 or US Letter" in text["index.html"]
    assert f"{sheets} feuilles A4 ou US Letter" in french["accessibility/index.html"]
    assert "une page conçue pour l'impression" not in french["index.html"]
