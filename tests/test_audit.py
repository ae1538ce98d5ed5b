"""The audit's rules on small synthetic studies: a clean one, and one fault at a time."""

import pytest
import synthetic as syn

from macros.evidence.audit import audit


def run(tables):
    return audit(tables["counts"], tables["groups"], tables["durations"], tables["claims"])


def with_counts(*extra_or_changed):
    tables = syn.clean()
    rows = {r["id"]: r for r in tables["counts"].to_dict("records")}
    for cid, field, value in extra_or_changed:
        rows[cid][field] = value
    tables["counts"] = syn.counts(*[
        (r["id"], r["group"], r["n"], r["of"], r["of_basis"], r["printed_percent"])
        for r in rows.values()
    ])
    return tables


def test_clean_study_gives_no_finding():
    assert run(syn.clean()) == []


def test_printed_percentage_that_no_rounding_reproduces_is_major():
    (f,) = run(with_counts(("full", "printed_percent", 80)))
    assert (f.rule, f.severity, f.ids) == ("printed percentage", "major", ("full",))
    assert "15 of 20" in f.numbers and "80" in f.numbers


def test_printed_percentage_explained_by_truncation_is_minor():
    # 2/3 = 66.67%: rounding gives 67, truncation 66.
    tables = with_counts(("full", "n", 2), ("evaluable", "n", 3), ("full", "printed_percent", 66))
    (f,) = run(tables)
    assert f.severity == "minor" and "cut off" in f.message


def test_percentage_without_stated_denominator_lists_denominators_that_fit():
    # 30 of an assumed 40 printed as 86%: 30/35 = 85.7%, a smaller group it fits.
    tables = with_counts(("resp_yes", "printed_percent", 86))
    (f,) = run(tables)
    assert f.severity == "major"
    assert "would fit 30 of 35" in f.message


def test_no_denominator_above_the_cohort_is_offered():
    # 30 of an assumed 40 printed as 60%: only 30/50 fits, more patients than the cohort has.
    (f,) = run(with_counts(("resp_yes", "printed_percent", 60)))
    assert f.severity == "major"
    assert "would fit" not in f.message and "50" not in f.message


def test_parts_fewer_than_total_are_not_reported():
    (f,) = run(with_counts(("resp_no", "n", 6), ("resp_no", "printed_percent", None)))
    assert f.rule == "parts and total" and f.severity == "moderate"
    # 40 treated, 30 + 6 in the categories: the 4 others said by the group's own words
    assert "account for 36 of 40 patients" in f.message and ": 4 patients." in f.message
    assert "any category" not in f.message


def test_parts_more_than_exclusive_total_is_an_error():
    tables = with_counts(("resp_no", "n", 14), ("resp_no", "printed_percent", None),
                         ("resp_yes", "printed_percent", None))
    (f,) = run(tables)
    assert f.severity == "major" and "44" in f.numbers


def test_overlap_allowed_is_minor_and_overlap_unknown_is_moderate():
    tables = with_counts(("prior_a", "n", 30))
    (f,) = run(tables)
    assert f.severity == "minor" and "at least 5" in f.message
    tables["groups"] = syn.groups(("resp", "cohort", "no"), ("prior", "cohort", "not stated"))
    (f,) = run(tables)
    assert f.severity == "moderate"


@pytest.mark.parametrize("median,low,high,words", [(40, 12, 36, "outside"),
                                                    (24, 36, 12, "backwards")])
def test_ranges(median, low, high, words):
    tables = syn.clean()
    tables["durations"] = syn.durations(("fu", "follow_up", median, low, high, "months"))
    (f,) = run(tables)
    assert f.rule == "range" and words in f.message


def test_same_quantity_stated_twice():
    tables = syn.clean()
    tables["durations"] = syn.durations(("fu", "follow_up", 28, 12, 36, "months"),
                                        ("fu_years", "follow_up", 2, None, None, "years"))
    (f,) = run(tables)
    assert f.rule == "stated twice" and f.severity == "minor"  # 28 months rounds to 2 years
    tables["durations"] = syn.durations(("fu", "follow_up", 40, 12, 48, "months"),
                                        ("fu_years", "follow_up", 2, None, None, "years"))
    (f,) = run(tables)
    assert f.severity == "moderate"


def test_claim_contradicted_by_its_count():
    tables = with_counts(("harm", "n", 3))
    (f,) = run(tables)
    assert f.rule == "claim and count" and f.ids == ("A1", "harm")
    tables = with_counts(("full", "n", 5), ("full", "printed_percent", 25))
    (f,) = run(tables)
    assert f.ids == ("A2", "full")


def test_findings_are_ordered_by_severity_with_keys():
    tables = with_counts(("resp_no", "n", 6), ("resp_no", "printed_percent", None),
                         ("full", "printed_percent", 80))
    found = run(tables)
    assert [f.severity for f in found] == ["major", "moderate"]
    assert len({f.key for f in found}) == 2
