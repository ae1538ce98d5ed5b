"""This site's data hold what its source reports: every count, denominator, printed
percentage and duration of tests/site/expected.yml (written by hand from the source), and
the built pages show them. Another study's site checks its own expected file here."""

from __future__ import annotations

import pytest
from conftest import ROOT
from page_text import article_text

from macros.data.load import load_dataset
from macros.data.tables import rows

pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def data():
    return load_dataset(ROOT / "data")


def test_the_cohort_is_the_one_reported(data, expected):
    cohort = expected["cohort"]
    assert data.study["cohort"] == cohort["id"]
    counts = {r["id"]: r for r in rows(data["counts"])}
    assert counts[cohort["id"]]["n"] == cohort["n"]


def test_every_count_is_as_the_source_reports_it(data, expected):
    counts = {r["id"]: r for r in rows(data["counts"])}
    assert set(counts) == set(expected["counts"])
    for key, want in expected["counts"].items():
        row = counts[key]
        assert row["n"] == want["n"], key
        assert row["printed_percent"] == want.get("printed_percent"), key
        if "of" in want:  # a denominator the source states
            assert row["of"] == want["of"], key


def test_every_duration_is_as_the_source_reports_it(data, expected):
    durations = {r["id"]: r for r in rows(data["durations"])}
    assert set(durations) == set(expected["durations"])
    for key, want in expected["durations"].items():
        row = durations[key]
        assert (row["median"], row["unit"]) == (want["median"], want["unit"]), key
        assert (row["low"], row["high"]) == (want.get("low"), want.get("high")), key


@pytest.mark.build
def test_the_overview_names_the_cohort_and_its_treatment(real_site, expected):
    text = " ".join(article_text(real_site.page("index.html")).split())
    assert f"{expected['cohort']['n']} patients" in text
    assert expected["intervention"] in text.lower()

