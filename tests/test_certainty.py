"""Certainty of the evidence: the study team's ratings add up, and the table shows them."""

from __future__ import annotations

import html
import re
import shutil

import pytest
from conftest import ROOT, real_data
from data_edits import data_with_cells

from macros.data.errors import DataError
from macros.data.tables import rows
from macros.evidence.certainty import CertaintyTable, expected_rating
from macros.evidence.evidence import Evidence
from macros.evidence.render import esc, lower_first

DATA = real_data()


def edited(tmp_path, key: str, **cells: str):
    """The real data with cells of one certainty row changed, loaded and checked."""
    data = data_with_cells(tmp_path, "certainty.csv", "outcome", key, **cells)
    return lambda: Evidence.from_folder(data)


def line_of(key: str) -> int:
    return DATA.lines["certainty"][key]


@pytest.mark.site
def test_every_summary_row_is_rated_and_adds_up():
    rated = {r["outcome"]: r for r in rows(DATA["certainty"])}
    assert set(rated) == {r["id"] for r in rows(DATA["summary_outcomes"])}
    for row in rated.values():
        assert row["start"] == "low"  # a cohort without comparator starts low
        assert row["rating"] == expected_rating(row)
        assert row["judged_by"] and row["judged_on"]


@pytest.mark.parametrize("start,down,up,rating", [
    ("high", ("serious", "serious", "serious"), 0, "very low"),
    ("high", ("serious", "not serious", "not serious"), 0, "moderate"),
    ("high", ("very serious", "not serious", "not applicable"), 0, "low"),
    ("low", ("serious", "very serious", "serious"), 0, "very low"),  # never below very low
    ("low", ("not serious", "not serious", "not serious"), 1, "moderate"),
    ("low", ("not serious", "not serious", "not serious"), 2, "high"),
])
def test_arithmetic(start, down, up, rating):
    row = {"start": start, "risk_of_bias": down[0], "inconsistency": "not applicable",
           "indirectness": down[1], "imprecision": down[2], "publication_bias": "not serious",
           "upgrade": up}
    assert expected_rating(row) == rating


@pytest.mark.site
def test_high_after_three_downgrades_stops_with_one_message(tmp_path):
    load = edited(tmp_path, "sof_ccr", start="high", risk_of_bias="serious",
                  indirectness="serious", indirectness_reason="Measured differently.",
                  imprecision="serious", rating="high")
    with pytest.raises(DataError) as caught:
        load()
    error = caught.value
    assert error.file == "data/certainty.csv"
    assert (error.line, error.column) == (line_of("sof_ccr"), "rating")
    assert "expected the rating 'very low'" in str(error) and "found 'high'" in str(error)


@pytest.mark.site
def test_downgrade_without_reason_stops(tmp_path):
    load = edited(tmp_path, "sof_gvhd", imprecision_reason="")
    with pytest.raises(DataError) as caught:
        load()
    assert (caught.value.file, caught.value.line, caught.value.column) == \
        ("data/certainty.csv", line_of("sof_gvhd"), "imprecision_reason")
    assert "expected the reason" in str(caught.value)


@pytest.mark.site
def test_upgrade_without_reason_stops(tmp_path):
    load = edited(tmp_path, "sof_alive", upgrade="1", rating="low")
    with pytest.raises(DataError) as caught:
        load()
    assert caught.value.column == "upgrade_reason"


@pytest.mark.site
def test_outcome_without_a_row_stops(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    path = tmp_path / "data" / "certainty.csv"
    path.write_text("".join(line for line in path.read_text(encoding="utf-8")
                            .splitlines(keepends=True) if not line.startswith("sof_alive,")),
                    encoding="utf-8")
    with pytest.raises(DataError) as caught:
        Evidence.from_folder(tmp_path / "data")
    assert caught.value.file == "data/certainty.csv" and caught.value.column == "outcome"
    assert "sof_alive" in str(caught.value)


@pytest.mark.site
def test_cell_shows_symbols_words_and_a_link_to_each_reason():
    certainty = CertaintyTable(DATA)
    notes = str(certainty.footnotes())
    for row in rows(DATA["certainty"]):
        cell = str(certainty.cell(row["outcome"]))
        level = {"very low": 1, "low": 2, "moderate": 3, "high": 4}[row["rating"]]
        assert "⊕" * level + "◯" * (4 - level) in cell
        assert row["rating"].capitalize() in cell
        domains = ("risk_of_bias", "inconsistency", "indirectness", "imprecision",
                   "publication_bias")
        downgrades = [d for d in domains if row[d] in ("serious", "very serious")]
        targets = re.findall(r'href="#(certainty-note-[a-z]+)"', cell)
        # a reason for each reason given for a step down (or up), and no other
        reasons = [r for d in downgrades for r in row[d + "_reason"].split(" | ")]
        assert len(targets) == len(reasons) + (1 if int(row["upgrade"]) else 0) > 0
        for target in targets:
            assert f'id="{target}"' in notes
        for d in downgrades:  # each reason of a downgrade, named by its domain
            for reason in row[d + "_reason"].split(" | "):
                note = re.search(rf'id="certainty-note-[a-z]+"><span class="note-key">[a-z]+\.'
                                 rf"</span> ([^<]*{re.escape(str(esc(lower_first(reason))))})",
                                 notes)
                domain = d.replace("_", " ").capitalize().replace("bias", "bias")
                assert note and html.unescape(note.group(1)).startswith(domain), (row["outcome"], d)
    # each reason once, however many outcomes share it
    keys = re.findall(r'<li id="certainty-note-[a-z]+"><span class="note-key">[a-z]+\.</span> '
                      r"([^<]*)</li>", notes)
    assert len(keys) == len(set(keys))
    assert "judged by the authors of this evidence summary" in notes.lower()


@pytest.mark.site
def test_summary_of_findings_on_the_built_site(real_site):
    page = real_site.page("index.html")
    table = re.search(r"Summary of findings.*?</table>", page, re.S).group(0)
    assert ">Certainty<" in table
    body = re.findall(r"<tr>.*?</tr>", table.split("<tbody>")[1], re.S)
    assert len(body) == len(DATA["summary_outcomes"])
    for tr in body:
        assert "⊕" in tr and re.search(r"(Very low|Low|Moderate|High)</span>", tr)
    for target in set(re.findall(r'href="#(certainty-note-[a-z]+)"', page)):
        assert f'id="{target}"' in page
