"""The site's own words and numbers in the language being built.

English is written in the code itself. Other languages have a gettext catalogue,
macros/i18n/locale/<language>/LC_MESSAGES/messages.po, read with Babel; a sentence the catalogue
lacks stops that language's build rather than reaching French readers in English. Numbers,
percentages and dates are formatted by Babel (CLDR): "46%" and "46 %", "0.5" and "0,5".

One language is active per build: `use()` is called before any page is rendered, so that
modules far from MkDocs (tables, charts, audit sentences) say things in it too.

The i18n layer of macros/ (with rounding.py): it imports nothing else of macros/.
"""

from __future__ import annotations

import functools
from datetime import date
from decimal import Decimal
from io import BytesIO
from pathlib import Path

from babel.core import Locale
from babel.dates import format_date
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent
from babel.support import Translations

from .rounding import round_half_up

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"
# The CLDR locale each language's dates and numbers follow.
LOCALES = {"en": "en_GB", "fr": "fr_FR"}


class MissingWords(LookupError):
    """A sentence of the code that the active language's catalogue does not translate."""

    def __init__(self, language: str, message: str) -> None:
        super().__init__(
            f"macros/i18n/locale/{language}/LC_MESSAGES/{DOMAIN}.po has no translation of "
            f"\"{message}\": add it to the catalogue")


class _Catalogue:
    def __init__(self, language: str) -> None:
        self.language = language
        self.locale = LOCALES.get(language, language)
        self.known: set[str] = set()
        self.words: Translations | None = None
        if language == "en":
            return
        path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
        with path.open("rb") as f:
            catalog = read_po(f, locale=language)
        self.known = {
            (m.id[0] if isinstance(m.id, tuple) else m.id) for m in catalog
            if m.id and not m.fuzzy and all(_strings(m.string))}
        mo = BytesIO()
        write_mo(mo, catalog, use_fuzzy=False)
        mo.seek(0)
        self.words = Translations(mo, domain=DOMAIN)

    def check(self, message: str) -> None:
        if self.words is not None and message not in self.known:
            raise MissingWords(self.language, message)


def untranslated(language: str) -> list[str]:
    """The sentences of the code (macros/) that `language`'s catalogue does not translate,
    with where the code says them: 'macros/x.py:12: "sentence"'. English needs none."""
    from babel.messages.extract import extract_from_dir

    if language == "en":
        return []
    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    known = _catalogue(language).known if path.is_file() else set()
    found = []
    for file, line, message, _comments, _context in extract_from_dir(
            Path(__file__).parent, keywords={"_": None, "ngettext": (1, 2)}):
        first = message[0] if isinstance(message, tuple) else message
        if first not in known:
            found.append(f'"{first}" (macros/{file}, line {line})')
    return found


def _strings(value) -> tuple:
    return value if isinstance(value, tuple) else (value,)


@functools.cache
def _catalogue(language: str) -> _Catalogue:
    return _Catalogue(language)


_active = _catalogue("en")


def use(language: str) -> None:
    """Make `language` the one the following pages are written in."""
    global _active
    _active = _catalogue(language)


def language() -> str:
    return _active.language


def _(message: str) -> str:
    """The active language's words for an English sentence of the code."""
    if _active.words is None:
        return message
    _active.check(message)
    return _active.words.gettext(message)


def ngettext(singular: str, plural: str, n: float) -> str:
    """The singular or plural of a sentence, as the language's CLDR plural rule (Babel)
    chooses for `n`: '1 point', '2 points'; '0 point', '1,5 an' in French."""
    one = _plural_form(_active.locale, n) == "one"
    if _active.words is None:
        return singular if one else plural
    _active.check(singular)
    return _active.words.ngettext(singular, plural, 1 if one else 2)


@functools.cache
def _locale(name: str) -> Locale:
    return Locale.parse(name)


def _plural_form(locale: str, n: float) -> str:
    return _locale(locale).plural_form(Decimal(f"{n:g}") if isinstance(n, float) else n)


def count_words(n: float, singular: str, plural: str) -> str:
    """'1 point', '3 points': a sentence with {n} in it, agreeing with n."""
    return ngettext(singular, plural, n).format(n=decimal(n))


def unit_name(unit: str) -> str:
    """A unit of time of data/durations.csv in the language of the page."""
    names = {"days": _("days"), "weeks": _("weeks"), "months": _("months"),
             "years": _("years")}
    return names.get(unit, unit)


def percent(fraction: float) -> str:
    """A share as a whole percentage, rounded half up as everywhere on the site."""
    whole = int(round_half_up(100 * fraction))
    if _active.words is None:
        return f"{whole}%"
    return format_percent(Decimal(whole) / 100, locale=_active.locale)


def printed_percent(value: float) -> str:
    """A percentage as the authors printed it: 46.2 stays 46.2."""
    if _active.words is None:
        return f"{value:g}%"
    return format_percent(Decimal(f"{value:g}") / 100, locale=_active.locale,
                          decimal_quantization=False)


def decimal(value: float) -> str:
    """A number as written in prose: 0.5, 2.5, 26 ('0,5' in French)."""
    if _active.words is None:
        return f"{value:g}"
    return format_decimal(Decimal(f"{value:g}"), locale=_active.locale,
                          decimal_quantization=False)


def bound(value: float) -> str:
    """A limit of a data rule: 100,000 and 1,000,000 in English, 100 000 in French; below
    10,000 as typed (a year stays 2100)."""
    return format_decimal(Decimal(str(value)), locale=_active.locale,
                          decimal_quantization=False, group_separator=abs(value) >= 10_000)


def long_date(day: date) -> str:
    """'2 December 2026', '2 décembre 2026'."""
    return format_date(day, "long", locale=_active.locale)


def and_list(items: list[str]) -> str:
    """'4, 7 and 8', '4, 7 et 8'."""
    return format_list(items, locale=_active.locale)
