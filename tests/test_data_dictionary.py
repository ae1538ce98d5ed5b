"""Names and patterns of the data dictionary: shown as typed, wrapping only between words."""

from __future__ import annotations

import html

from hypothesis import given
from hypothesis import strategies as st

from macros.pages.about import _code


def pieces(text: str) -> list[str]:
    """The text of a code element between its line-break opportunities, as shown."""
    out = _code(text)
    assert out.startswith("<code>") and out.endswith("</code>")
    return [html.unescape(p) for p in out.removeprefix("<code>").removesuffix("</code>")
            .split("<wbr>")]


def test_a_name_or_pattern_may_wrap_after_an_underscore_or_a_closing_sign_only():
    assert pieces("title_as_printed") == ["title_", "as_", "printed"]
    assert pieces("^[A-Z]+(-[0-9])?$") == ["^[A-Z]", "+(-[0-9]", ")", "?$"]
    assert pieces("year") == ["year"]


@given(st.text())
def test_any_text_is_shown_as_typed_and_adds_no_element(text):
    out = _code(text)
    assert out.replace("<wbr>", "").count("<") == 2  # <code> and </code>
    assert "".join(pieces(text)) == text



def test_large_limits_are_grouped_as_each_language_writes_them(french):
    from macros import i18n

    limits = (1900, 2100, 0, 0.5, 100_000, 1_000_000)
    assert [i18n.bound(v) for v in limits] == \
        ["1900", "2100", "0", "0,5", "100\u202f000", "1\u202f000\u202f000"]
    i18n.use("en")
    assert [i18n.bound(v) for v in limits] == ["1900", "2100", "0", "0.5", "100,000", "1,000,000"]
