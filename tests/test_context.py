"""The study among the others: intervals where n/N is known, none where only a percentage is."""

from __future__ import annotations

import html
import json
import re

import yaml
from conftest import ROOT
from scipy.stats import beta

from macros.load import load_dataset
from macros.tables import rows

DATA = load_dataset(ROOT / "data")


def forest(real_site):
    page = real_site.page("context/index.html")
    data = re.search(r'id="fig-context".*?data-figure="([^"]*)"', page, re.S).group(1)
    return page, json.loads(html.unescape(data))


def test_forest_has_exact_intervals_only_where_n_and_total_are_known(real_site):
    _, fig = forest(real_site)
    with_n = [t for t in fig["data"] if t["marker"]["symbol"] == "square"]
    without = [t for t in fig["data"] if t["marker"]["symbol"] != "square"]
    outcomes = rows(DATA["context_outcomes"])
    known = [o for o in outcomes if o["n"] is not None and o["total"] is not None]
    percent_only = [o for o in outcomes if o["total"] is None]
    assert sum(len(t["x"]) for t in without) == len(percent_only)
    # this study's comparable outcomes come on top of the others' known ones
    this = [r for r in rows(DATA["summary_outcomes"]) if r["context_outcome"]]
    assert sum(len(t["x"]) for t in with_n) == len(known) + len(this)
    for o in known:
        low = 100 * beta.ppf(0.025, o["n"], o["total"] - o["n"] + 1)
        high = 100 * beta.ppf(0.975, o["n"] + 1, o["total"] - o["n"])
        point = 100 * o["n"] / o["total"]
        points = [(x, x - minus, x + plus) for t in with_n
                  for x, minus, plus in zip(t["x"], t["error_x"]["arrayminus"],
                                            t["error_x"]["array"], strict=True)]
        assert any(abs(x - point) < 0.06 and abs(lo - low) < 0.11 and abs(hi - high) < 0.11
                   for x, lo, hi in points), o["id"]
    # a percentage alone: a point, with a bar only where the study printed its own interval
    (trace,) = without
    errors = trace.get("error_x") or {"array": [None] * len(trace["x"]),
                                      "arrayminus": [None] * len(trace["x"])}
    drawn = list(zip(trace["x"], errors["arrayminus"], errors["array"], strict=True))
    for o in percent_only:
        (x, minus, plus), = [d for d in drawn if abs(d[0] - o["printed_percent"]) < 0.06
                             and (d[1] is None) == (o["printed_low"] is None)]
        if o["printed_low"] is None:
            assert minus is None and plus is None, o["id"]
        else:
            assert abs(x - minus - o["printed_low"]) < 0.06, o["id"]
            assert abs(x + plus - o["printed_high"]) < 0.06, o["id"]


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
