"""Harms beside DLI and the other imatinib series: side by side, each with its source."""

from __future__ import annotations

import html
import re

import pytest
from conftest import real_data
from data_edits import data_with_cells

from macros.data.errors import DataError
from macros.data.tables import by_key, rows
from macros.evidence.evidence import Evidence

DATA = real_data()
# This site's harms (none for a study without other studies: every test here is this site's).
HARMS = rows(DATA.tables["context_harms"]) if "context_harms" in DATA.tables else []


def _broken(tmp_path, key: str, **cells: str) -> DataError:
    data_with_cells(tmp_path, "context_harms.csv", "id", key, **cells)
    with pytest.raises(DataError) as caught:
        Evidence.from_folder(tmp_path / "data")
    return caught.value


# The harms this cohort and the other studies report, and their wording on its pages.
pytestmark = pytest.mark.site

@pytest.mark.parametrize("key,cells,column", [
    ("k_gvhd", {"count": "gvhd_reactivation"}, "study"),
    ("f_gvhd", {"n": "2"}, "n"),
    ("f_cytopenia", {"printed_percent": "42"}, "printed_percent"),
    ("k_gvhd", {"total": ""}, "total"),
    ("k_gvhd", {"n": "29"}, "n"),
    ("d_gvhd_bulk", {"printed_percent": ""}, "printed_percent"),
    ("k_granulocytopenia", {"source": ""}, "source"),
])
def test_bad_harm_rows_stop_with_one_message(tmp_path, key, cells, column):
    error = _broken(tmp_path, key, **cells)
    assert error.file == "data/context_harms.csv" and error.column == column
    assert error.line == DATA.lines["context_harms"][key] and "expected" in str(error)


def test_both_harms_this_cohort_and_other_studies_are_in_the_data():
    for harm in ("gvhd", "cytopenia"):
        found = [r for r in HARMS if r["harm"] == harm]
        assert any(r["count"] for r in found), harm       # this cohort
        assert any(r["study"] for r in found), harm       # another study
        assert all(r["definition"] for r in found)
    treatments = {r["treatment"] for r in HARMS}
    assert any("DLI" in t for t in treatments) and "imatinib" in treatments


def test_context_page_shows_every_harm_row_with_its_source(real_site):
    page = real_site.page("context/index.html")
    tables = [t for t in re.findall(r"<table>.*?</table>", page, re.S) if "not pooled" in t]
    assert len(tables) == 2
    text = html.unescape(re.sub(r"<[^>]+>", "", " ".join(tables)))
    counts = by_key(DATA["counts"])
    for r in HARMS:
        assert r["reported_as"] in text and r["definition"] in text, r["id"]
        if r["count"]:
            c = counts[r["count"]]
            total = counts[c["of"]]["n"]
            if c["printed_percent"] is not None and \
                    round(100 * c["n"] / total) != c["printed_percent"]:
                # as on every page: the count out of the cohort, then what the authors printed
                assert f"{c['n']}/{total} ({round(100 * c['n'] / total)}%" in text
                assert f"prints {c['printed_percent']:g}%" in text
                assert "as printed" not in text
            else:
                assert f"{c['n']}/{total}" in text
            assert c["source"] in text
        else:
            assert r["source"] in text
            if r["n"] is not None:
                assert f"{r['n']}/{r['total']}" in text
            else:
                # a percentage alone, said as such (no count, so no interval)
                assert f"{r['printed_percent']:g}% (no count given, so no interval)" in text
    # this cohort's rows link to the sentence of the abstract they come from
    assert len(re.findall(r'href="\.\./source/#s[0-9]+"', " ".join(tables))) == \
        sum(1 for r in HARMS if r["count"])
    assert "pooled" not in text.replace("not pooled", "")
