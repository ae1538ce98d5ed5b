"""The Evidence facade on the real data: derived categories and lookups follow the data."""

from __future__ import annotations

import pytest
from conftest import real_data

from macros.data.tables import rows
from macros.evidence.evidence import Evidence

EV = Evidence(real_data())


@pytest.mark.parametrize("group", [g["id"] for g in rows(EV.table("groups"))])
def test_breakdowns_add_up_or_say_why_not(group):
    parts = EV.breakdown(group)
    g = EV.groups[group]
    total = EV.count(g["total"])
    # a category usually counted within another is not counted again
    reported = sum(p.n for p in parts if not p.derived and p.nested_in is None)
    derived = [p for p in parts if p.derived]
    if reported < total and g["overlap"] != "possible":
        assert len(derived) == 1 and derived[0].n == total - reported
        assert derived[0].label == g["rest_label"]
    else:
        assert derived == []
    assert all(p.total == total for p in parts)


@pytest.mark.site
def test_measure_uses_stated_denominator_unless_told_otherwise():
    m = EV.measure("ccr_molecular")
    assert m.of == "response_ccr" and m.basis == "stated"
    other = EV.measure("ccr_molecular", of="patients")
    assert other.proportion.total == EV.count("patients") and other.printed is None


def test_unknown_ids_name_the_file():
    with pytest.raises(KeyError, match="counts.csv"):
        EV.count("no_such_count")
    with pytest.raises(KeyError, match="durations.csv"):
        EV.duration("no_such_duration")


def test_findings_are_attached_to_the_numbers_they_question():
    for f in EV.findings:
        for i in f.ids:
            assert f in EV.findings_for(i)
