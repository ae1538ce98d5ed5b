import datetime as dt

import pytest

from macros.data.fields import CellError, Field


def field(**kw):
    return Field(name=kw.pop("name", "x"), **kw)


@pytest.mark.parametrize("text,value", [("0", 0), ("26", 26), ("+3", 3)])
def test_integer_accepts_whole_numbers(text, value):
    assert field(type="integer").convert(text) == value


@pytest.mark.parametrize(
    "text,expected_words",
    [
        ("twelve", "whole number"),
        ("12.5", "whole number"),
        ("1e3", "whole number"),
        ("12,5", "decimal separator as a point"),
        ("NA", "leave the cell empty"),
        (" 12", "spaces around"),
    ],
)
def test_integer_rejects_other_text_with_a_reason(text, expected_words):
    with pytest.raises(CellError, match=expected_words):
        field(type="integer").convert(text)


def test_bounds_are_checked_and_named():
    f = field(type="integer", minimum=0, maximum=100)
    with pytest.raises(CellError, match="from 0 to 100, found '-1'"):
        f.convert("-1")
    with pytest.raises(CellError, match="found '101'"):
        f.convert("101")


def test_empty_cell_is_missing_only_where_allowed():
    assert field(type="integer").convert("") is None
    with pytest.raises(CellError, match="empty cell"):
        field(type="integer", required=True).convert("")


def test_text_na_stays_literal():
    assert field(type="string").convert("NA") == "NA"
    assert field(type="string", enum=("NA", "yes")).convert("NA") == "NA"


def test_category_must_be_listed():
    with pytest.raises(CellError, match="one of 'no', 'possible'"):
        field(type="string", enum=("no", "possible")).convert("maybe")


def test_number_date_boolean_list():
    assert field(type="number").convert("72.5") == 72.5
    assert field(type="date").convert("2026-01-31") == dt.date(2026, 1, 31)
    with pytest.raises(CellError, match="YYYY-MM-DD"):
        field(type="date").convert("31/01/2026")
    assert field(type="boolean").convert("false") is False
    with pytest.raises(CellError, match="true or false"):
        field(type="boolean").convert("NO")
    assert field(type="list").convert("a b") == ("a", "b")
    with pytest.raises(CellError):
        field(type="list").convert("a  b")


def test_pattern_and_length():
    with pytest.raises(CellError, match="pattern"):
        field(type="string", pattern="^[a-z]+$").convert("Abc")
    with pytest.raises(CellError, match="at most 3 characters"):
        field(type="string", max_length=3).convert("abcd")
    with pytest.raises(CellError, match="line break"):
        field(type="string").convert("a\nb")
