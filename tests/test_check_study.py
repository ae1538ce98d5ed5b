"""The study record's rules, on the real data loaded once, each broken in memory."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from conftest import real_data

from macros.data.errors import DataError
from macros.data.glossary_terms import placeholder_words, term_problem
from macros.evidence.check_study import check_study

REAL = real_data()


def with_study(**changes):
    data = copy.copy(REAL)
    data.study = {**REAL.study, **changes}
    return data


def test_the_real_study_record_passes():
    check_study(REAL)


@pytest.mark.parametrize("level", [0, 100, 101, -5, 97.5])
def test_confidence_levels_outside_0_to_100_stop_even_if_the_schema_allowed_them(level):
    with pytest.raises(DataError, match="above 0 and below 100") as caught:
        check_study(with_study(confidence_level=level))
    assert caught.value.column == "confidence_level" and caught.value.line is not None


def test_a_release_dated_after_tomorrow_stops_tomorrow_does_not():
    today = REAL.study["release_date"]
    check_study(with_study(release_date=today + dt.timedelta(days=1)), today=today)
    with pytest.raises(DataError, match="a date still to come"):
        check_study(with_study(release_date=today + dt.timedelta(days=2)), today=today)


def test_an_interval_method_the_site_cannot_compute_is_a_schema_error():
    with pytest.raises(DataError, match="interval methods the site can compute") as caught:
        check_study(with_study(interval_method="agresti-coull"))
    assert caught.value.file == "data/datapackage.yml"


@pytest.mark.site
def test_cited_evidence_must_be_a_context_study():
    check_study(with_study(cited_evidence=None))
    with pytest.raises(DataError, match="context_studies.csv"):
        check_study(with_study(cited_evidence="K2003"))


def test_placeholder_words_come_from_the_installed_markdown():
    import markdown.util as util

    words = placeholder_words()
    assert {"wzxhzdk", "klzzwxh"} <= words
    assert all(w in (util.HTML_PLACEHOLDER + util.INLINE_PLACEHOLDER_PREFIX
                     + util.TAG_PLACEHOLDER + util.AMP_SUBSTITUTE).lower() for w in words)
    assert term_problem("CML") is None and term_problem("HSCT") is None
    assert "vanish" in term_problem("WZXHZDK")
    assert "letters and digits" in term_problem("S.C.T")
