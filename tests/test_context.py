"""The study among the others: intervals where n/N is known, none where only a percentage is."""

from __future__ import annotations

import html
import json
import re

import pytest
import yaml
from conftest import ROOT, real_data
from scipy.stats import beta

from macros.data.tables import rows

# The context page of this site: its other studies, their numbers and its wording.
pytestmark = pytest.mark.site

DATA = real_data()


def forest(real_site):
    """The context page and its charts' figures, one per kind of outcome that has one."""
    page = real_site.page("context/index.html")
    figures = [json.loads(html.unescape(data)) for data in
               re.findall(r'id="fig-context&#45;[^"]*".*?data-figure="([^"]*)"', page, re.S)]
    return page, figures


def test_forest_has_exact_intervals_only_where_n_and_total_are_known(real_site):
    _, figs = forest(real_site)
    assert figs
    traces = [t for fig in figs for t in fig["data"]]
    with_n = [t for t in traces if t["marker"]["symbol"] == "square"]
    without = [t for t in traces if t["marker"]["symbol"] != "square"]
    charted = {f["layout"]["title"]["text"] for f in figs}
    kinds = {k["id"]: k["label"] for k in rows(DATA["context_outcome_kinds"])}
    outcomes = [o for o in rows(DATA["context_outcomes"]) if kinds[o["outcome"]] in charted]
    known = [o for o in outcomes if o["n"] is not None and o["total"] is not None]
    percent_only = [o for o in outcomes if o["total"] is None]
    assert sum(len(t["x"]) for t in without) == len(percent_only)
    # this study's comparable outcomes come on top of the others' known ones
    this = [r for r in rows(DATA["summary_outcomes"])
            if r["context_outcome"] and kinds[r["context_outcome"]] in charted]
    assert sum(len(t["x"]) for t in with_n) == len(known) + len(this)
    points = [(x, x - minus, x + plus) for t in with_n
              for x, minus, plus in zip(t["x"], t["error_x"]["arrayminus"],
                                        t["error_x"]["array"], strict=True)]
    for o in known:
        low = 100 * beta.ppf(0.025, o["n"], o["total"] - o["n"] + 1)
        high = 100 * beta.ppf(0.975, o["n"] + 1, o["total"] - o["n"])
        point = 100 * o["n"] / o["total"]
        assert any(abs(x - point) < 0.06 and abs(lo - low) < 0.11 and abs(hi - high) < 0.11
                   for x, lo, hi in points), o["id"]
    # a percentage alone: a point, with a bar only where the study printed its own interval
    drawn = []
    for trace in without:
        errors = trace.get("error_x") or {"array": [None] * len(trace["x"]),
                                          "arrayminus": [None] * len(trace["x"])}
        drawn += list(zip(trace["x"], errors["arrayminus"], errors["array"], strict=True))
    for o in percent_only:
        (x, minus, plus), *_ = [d for d in drawn if abs(d[0] - o["printed_percent"]) < 0.06
                                and (d[1] is None) == (o["printed_low"] is None)]
        if o["printed_low"] is None:
            assert minus is None and plus is None, o["id"]
        else:
            assert abs(x - minus - o["printed_low"]) < 0.06, o["id"]
            assert abs(x + plus - o["printed_high"]) < 0.06, o["id"]


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def _result_rows(page: str) -> list[str]:
    """The rows of the page's per-outcome tables (not the table of the studies)."""
    tables = re.findall(r'<div class="table-wrap evidence-table context-table"[^>]*>(.*?)</table>',
                        page, re.S)
    # each cell as a phone shows it: its column's name, then its value
    return [" ".join(f"{_text(label)}: {_text(value)}" for label, value in
                     re.findall(r'<td data-label="([^"]*)">(.*?)</td>', tr, re.S))
            for t in tables for tr in re.findall(r"<tr>(.*?)</tr>", t, re.S) if "<td" in tr]


# From the reference file of the other studies (their abstracts) and the French abstract:
# each study's patients in chronic phase when treatment began, and its median time from
# transplant to relapse, as the page must show them beside every one of its rates.
BESIDE = {
    "French multicentre cohort": ("imatinib", "77% (20 of 26)",
                                  "median 36 months (range 3 to 132)"),
    "Kantarjian 2002": ("imatinib", "18% (5 of 28)", "median 9 months (range 1 to 137)"),
    "EBMT imatinib registry": ("imatinib", "40% (51 of 128)", "not reported"),
    "UK DLI series": ("DLI", "not reported", "median 12 months (range 3 to 85)"),
    "UK DLI dosing comparison": ("DLI", "not reported", "not reported"),
    "EBMT relapse registry": ("any treatment", "not reported", "not reported"),
}


# From the reference file of the other studies: the patients of each phase, for the rows of
# one phase only, which must say so beside the whole study's share in chronic phase.
PHASE_ROWS = {
    ("Kantarjian 2002", "chronic or accelerated phase"): 5 + 15,
    ("Kantarjian 2002", "chronic phase"): 5,
    ("Kantarjian 2002", "accelerated phase"): 15,
    ("Kantarjian 2002", "blastic phase"): 8,
    ("EBMT imatinib registry", "chronic phase"): 51,
    ("EBMT imatinib registry", "accelerated phase"): 31,
    ("EBMT imatinib registry", "blast crisis"): 46,
}


def test_every_rate_has_its_studys_treatment_phase_mix_and_time_to_relapse(real_site):
    page, _ = forest(real_site)
    result_rows = _result_rows(page)
    assert len(result_rows) == len(rows(DATA["context_outcomes"])) + len(
        [r for r in rows(DATA["summary_outcomes"]) if r["context_outcome"]])
    for row in result_rows:
        (study,) = [s for s in BESIDE if row.startswith("Study (treatment): " + s)]
        treatment, chronic, relapse = BESIDE[study]
        assert f"({treatment})" in row, row
        phase = [(key, n) for key, n in PHASE_ROWS.items() if key[0] == study
                 and row.startswith(f"Study (treatment): {study}") and f", {key[1]} (" in row]
        if phase:
            (((_, name), n),) = phase
            whole = chronic.split(" ")[0]
            assert (f"In chronic phase at start: this row: {name} only ({n} patients);"
                    f" whole study {whole} in chronic phase") in row, row
        else:
            assert f"In chronic phase at start: {chronic}" in row, row
        assert f"Transplant to relapse: {relapse}" in row, row
    # the charts say it on each row too: the study's share in chronic phase and its timing
    _, figs = forest(real_site)
    for fig in figs:
        for note in fig["layout"]["annotations"]:
            label = _text(note["text"].replace("<br>", " "))
            (study,) = [s for s in BESIDE if label.startswith(s)]
            treatment, chronic, relapse = BESIDE[study]
            share = chronic.split(" ")[0]
            assert (f"{share} in chronic phase" in label if share != "not"
                    else "phase mix not reported" in label), label
            assert (f"transplant to relapse: {relapse}" in label if relapse != "not reported"
                    else "transplant to relapse not reported" in label), label


def test_each_chart_fits_a_phone_with_its_own_axis(real_site):
    page, figs = forest(real_site)
    assert len(figs) >= 2  # small multiples, not one long chart
    heights = [int(h) for h in re.findall(
        r'<img class="static-light static-w360" width="360" height="([0-9]+)"', page)]
    assert len(heights) == len(figs)
    assert max(heights) <= 1300, heights  # one chart was about 2,000 px tall on a phone
    for fig in figs:
        assert fig["layout"]["xaxis"]["range"] == [0, 100]
        labels = [n["text"] for n in fig["layout"]["annotations"]]
        assert len(labels) == len(set(labels)), labels  # no two rows read alike


def test_survival_estimates_of_one_study_are_labelled_by_their_time(real_site):
    page, figs = forest(real_site)
    (survival,) = [f for f in figs if f["layout"]["title"]["text"].startswith("Estimated surv")]
    labels = [_text(n["text"].replace("<br>", " ")) for n in survival["layout"]["annotations"]]
    registry = [lab for lab in labels if lab.startswith("EBMT relapse registry")]
    assert len(registry) == 2
    assert any("5 years" in lab for lab in registry)
    assert any("10 years" in lab for lab in registry)


def test_what_a_transplant_physician_wants_beside_the_stopping_data(real_site):
    rows_ = _result_rows(real_site.page("context/index.html"))
    # UK DLI series: 4 of the 44 molecular remissions later lost; 3-year survival 95% with
    # a molecular remission, 53% without. Kantarjian 2002: complete haematologic response
    # by phase 100%, 83%, 43%; cytogenetic response 12/19 in chronic or accelerated phase,
    # 3/7 in blastic phase.
    def one(*words):
        found = [r for r in rows_ if all(w in r for w in words)]
        assert len(found) == 1, (words, found)

    one("UK DLI series", "4/44 (9%")
    one("UK DLI series", ", with molecular remission", "95%", "3 years after DLI")
    one("UK DLI series", ", without molecular remission", "53%", "3 years after DLI")
    one("Kantarjian 2002, chronic phase", "haematologic", "100%")
    one("Kantarjian 2002, accelerated phase", "haematologic", "83%")
    one("Kantarjian 2002, blastic phase", "haematologic", "43%")
    one("Kantarjian 2002, chronic or accelerated phase", "12/19 (63%")
    one("Kantarjian 2002, blastic phase", "3/7 (43%")


def test_unverified_flags_and_references_are_shown(real_site):
    page, _ = forest(real_site)
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    refs = html.unescape(re.sub(r"<[^>]+>", "", real_site.page("references/index.html")))
    for s in rows(DATA["context_studies"]):
        assert s["label"] in text
        assert refs.count(s["citation"]) == 1, s["id"]
        if s["unverified"]:
            assert s["unverified"] in text  # said in words on the study's card
    assert refs.count(DATA.study["citation"]) == 1
    assert "pool" in text  # the page says nothing is pooled


def test_citation_file_matches_the_data_release():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["version"] == DATA.study["release"]
    assert cff["date-released"] == DATA.study["release_date"].isoformat()


def test_summary_of_findings_rows_carry_intervals_and_audit_caveats(real_site):
    page = real_site.page("index.html")
    table = page.split("Summary of findings", 1)[1].split("</table>", 1)[0]
    body = html.unescape(re.sub(r"<[^>]+>", "", table))
    counts = {c["id"]: c for c in rows(DATA["counts"])}
    for r in rows(DATA["summary_outcomes"]):
        n, total = counts[r["count"]]["n"], counts[r["of"]]["n"]
        printed = counts[r["count"]]["printed_percent"]
        row = next(html.unescape(re.sub(r"<[^>]+>", "", tr))
                   for tr in re.findall(r"<tr>.*?</tr>", table, re.S)
                   if r["outcome"] in html.unescape(re.sub(r"<[^>]+>", "", tr)))
        if counts[r["count"]]["of_basis"] == "assumed" and printed is not None and \
                abs(100 * n / total - printed) >= 1:
            # the count out of the cohort in the cell, with its interval (below); the authors'
            # figure and the denominator it fits in one footnote, not in the cell
            fits = [d for d in range(n, 4 * total) if round(100 * n / d) == printed]
            assert f"{n}/{total} ({round(100 * n / total)}%)" in row, r["id"]
            assert "as printed" not in row, r["id"]
            notes = html.unescape(re.sub(r"<[^>]+>", "", page.split("Summary of findings", 1)[1]))
            assert f"prints {printed:g}%, which fits {n}/{fits[0]}, not {n}/{total}" in notes
        lo = beta.ppf(0.025, n, total - n + 1) if n else 0.0
        hi = beta.ppf(0.975, n + 1, total - n) if n < total else 1.0
        assert f"{n}/{total}" in row, r["id"]
        assert f"{round(100 * lo + 1e-9):.0f}% to {round(100 * hi + 1e-9):.0f}%" in row, r["id"]
    assert "no comparison group" in body
    # an outcome whose printed percentage is not the count's own shows the printed figure,
    # and one the audit questions links to the audit from its row
    flagged = [r for r in rows(DATA["summary_outcomes"])
               if counts[r["count"]]["printed_percent"] is not None and r["of"] ==
               counts[r["count"]]["of"] and round(100 * counts[r["count"]]["n"] /
                                                 counts[r["of"]]["n"])
               != counts[r["count"]]["printed_percent"]]
    assert flagged
    for r in flagged:
        row = [tr for tr in re.findall(r"<tr>.*?</tr>", table, re.S)
               if r["outcome"] in html.unescape(re.sub(r"<[^>]+>", "", tr))]
        assert row and "as printed" not in row[0], r["id"]
        notes = html.unescape(re.sub(r"<[^>]+>", "", page.split("Summary of findings", 1)[1]))
        assert f"prints {counts[r['count']]['printed_percent']:g}%" in notes, r["id"]


def test_harms_rows_carry_phase_mix_time_to_relapse_and_follow_up(real_site):
    """The harms tables set rates side by side as the results tables do: with each study's
    share in chronic phase and its time from transplant to relapse (BESIDE, from the
    reference files), and its follow-up."""
    page = html.unescape((real_site.site / "context" / "index.html").read_text(encoding="utf-8"))
    tables = [t for t in re.findall(r"(?s)<table>.*?</table>", page)
              if "each study as it reported it" in t]
    assert len(tables) == 2  # GVHD, cytopenias
    for table in tables:
        head = re.sub(r"<[^>]+>", " ", table.split("</thead>")[0])
        for column in ("In chronic phase at start", "Transplant to relapse", "Follow-up"):
            assert column in head, column
        for row in re.findall(r"(?s)<tr>(.*?)</tr>", table.split("</thead>")[1]):
            cells = [" ".join(re.sub(r"<[^>]+>", " ", c).split())
                     for c in re.findall(r"(?s)<td[^>]*>(.*?)</td>", row)]
            (study,) = [s for s in BESIDE if cells[0].startswith(s)]
            _treatment, chronic, relapse = BESIDE[study]
            assert cells[1].startswith(chronic), cells
            assert cells[2].startswith(relapse), cells
            assert cells[3], cells
