"""The site's own words around the numbers, in English and in French: sentences put together
from whole translated sentences, data text still escaped inside them, the source named in
the reader's language, French numbers and French word order."""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from types import SimpleNamespace

import pandas as pd
import pytest
from babel.messages.pofile import read_po
from conftest import ROOT, expected_n, expected_printed
from markupsafe import Markup
from test_clinician_first import ci

from macros import i18n
from macros.evidence.evidence import Evidence
from macros.evidence.render import ci_header, words
from macros.evidence.stats import method_label
from macros.figures import figures
from macros.pages.numbers import duration_text, printed_note, result_text
from macros.pages.view import View

NBSP = "\u00a0"
CATALOGUE = ROOT / "macros" / "i18n" / "locale" / "fr" / "LC_MESSAGES" / "messages.po"
PLACE = re.compile(r"\{(\w+)\}")


@pytest.fixture(scope="module")
def evidence() -> Evidence:
    return Evidence.from_folder(ROOT / "data")


def study_view(source_noun: str | None, source_kind: str = "journal article") -> View:
    """A View of a study whose source is called `source_noun`; nothing else is read."""
    study = {"source_kind": source_kind, "short_name": "S", "journal": "J", "year": 2000}
    if source_noun is not None:
        study["source_noun"] = source_noun
    return View(SimpleNamespace(study=study, english_study=study, has=lambda name: False))


# -- sentences with values in them -----------------------------------------------------------

def test_words_escape_data_values_and_keep_markup_values():
    out = words("{label}: {link}.", label="<b>x</b> & [y](javascript:z)",
                link=Markup('<a href="#n">note</a>'))
    assert "<b>" not in out and "javascript:z" not in out
    assert '<a href="#n">note</a>.' in out
    assert html.unescape(out).startswith("<b>x</b> & [y](javascript:z): ")


def test_words_escape_the_sentence_itself():
    assert str(words("a < b & {x}", x="c")) == "a &lt; b &amp; c"


# -- the source, by its kind ---------------------------------------------------------------

def test_the_source_is_named_by_its_own_field_not_by_its_kind():
    assert study_view("abstract").source == "the abstract"
    assert study_view("article", source_kind="full article (abstract online)").source == \
        "the article"
    # a wording of the kind whose last word is no noun no longer reaches a sentence
    assert study_view("abstract", source_kind="abstract (conference)").source == "the abstract"
    assert study_view(None, source_kind="conference abstract").source == "the source"


def test_the_source_is_named_in_french(french):
    assert study_view("abstract").source == "le résumé"
    assert study_view("article").source == "l'article"
    assert study_view(None).source == "la source"


@pytest.mark.site
def test_the_french_pages_name_the_source_by_its_noun(french):
    # the study's kind of source is itself translated ('résumé de congrès'); the noun is
    # its own field, which the site's French words follow
    ev = Evidence.from_folder(ROOT / "data", "fr")
    assert ev.study["source_kind"] != ev.english_study["source_kind"]
    assert View(ev).source == "le résumé"


# -- numbers in French ---------------------------------------------------------------------

def test_an_interval_heading_and_method_in_french(french):
    assert ci_header(95) == f"IC à 95{NBSP}%"
    assert method_label("clopper-pearson") == "exacte de Clopper–Pearson"


@pytest.mark.site
def test_an_outcome_with_its_interval_in_french(evidence, french):
    m = evidence.measure("ccr_molecular")  # those in molecular response among the CCR
    n, total = expected_n("ccr_molecular"), expected_n("response_ccr")
    lo, hi = ci(n, total)
    assert result_text(View(evidence), m) == (
        f"{n}/{total} ({round(100 * n / total)}{NBSP}%{NBSP}; IC à 95{NBSP}%{NBSP}: "
        f"{lo}{NBSP}% à {hi}{NBSP}%)")


@pytest.mark.site
def test_a_printed_percentage_that_fits_another_denominator_in_french(evidence, french):
    # its percentage as printed fits the survivors' number, not the cohort's
    m = evidence.measure("cytopenia_dose_change")
    n, printed = expected_n("cytopenia_dose_change"), expected_printed("cytopenia_dose_change")
    cohort, alive = expected_n("patients"), expected_n("alive")
    view = View(evidence)
    text = result_text(view, m)
    assert text.startswith(  # out of the cohort
        f"{n}/{cohort} ({round(100 * n / cohort)}{NBSP}%{NBSP}; IC à 95{NBSP}%")
    note = printed_note(view, m)  # the printed figure, said once in a note
    assert note.startswith(f"Le résumé publie {printed}{NBSP}%, ce qui correspond à {n}/{alive},"
                           f" et non à {n}/{cohort}.")
    assert f"{alive} est aussi le nombre de patients" in note


def test_each_french_sentence_says_each_value_as_often_as_its_english():
    # a number the English says twice ('8 of 19; 8 of all 26') is said twice in French too
    with CATALOGUE.open("rb") as f:
        catalogue = read_po(f, locale="fr")
    checked = 0
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for french in strings:
            assert Counter(PLACE.findall(french)) == Counter(PLACE.findall(ids[-1])), ids[0]
            checked += 1
    assert checked > 80


def test_a_range_in_french(french):
    d = {"median": 2.5, "unit": "mois", "low": 0.5, "high": 36}
    assert duration_text(d) == f"2,5 mois (extrêmes{NBSP}: 0,5 à 36)"


def test_a_range_in_english_is_unchanged():
    d = {"median": 2.5, "unit": "months", "low": 0.5, "high": 36}
    assert duration_text(d) == "2.5 months (range 0.5 to 36)"
    assert duration_text({**d, "low": None}) == "2.5 months"


# -- chart text ----------------------------------------------------------------------------

def summary() -> pd.DataFrame:
    # 1 of 8 is 12.5%: rounded half up to 13%, as in the tables (not to the even 12%)
    return pd.DataFrame([{"label": "A", "n": 1, "total": 8, "percent": 12.5, "low": 0.3,
                          "high": 52.7, "derived": False, "level": 95}])


def test_chart_hover_rounds_half_up_as_the_tables_do():
    fig = json.loads(figures.figure_json(figures.fig_categories(summary(), "T", "axis")))
    assert fig["data"][0]["hovertext"] == ["A<br>1 of 8 (13%)<br>95% CI 0% to 53%"]
    assert fig["layout"]["xaxis"]["ticksuffix"] == "%"


def test_chart_text_in_french(french):
    fig = json.loads(figures.figure_json(figures.fig_categories(summary(), "T", "axis")))
    assert fig["data"][0]["hovertext"] == [
        f"A<br>1 sur 8 (13{NBSP}%)<br>IC à 95{NBSP}%{NBSP}: 0{NBSP}% à 53{NBSP}%"]
    assert fig["layout"]["xaxis"]["ticksuffix"] == f"{NBSP}%"


def test_a_sentence_without_french_stops_rather_than_showing_english(french):
    with pytest.raises(i18n.MissingWords):
        i18n._("A sentence no page says")
