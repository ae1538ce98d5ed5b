"""The audit, certainty, context, harms and What's new sentences in French: every sentence
of these modules has its French, and the French pages say them in French, with French
numbers."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po
from conftest import ROOT

from macros import i18n
from macros.data.tables import by_key
from macros.evidence import releases
from macros.evidence.evidence import Evidence
from macros.pages import about, context, findings, guidance
from macros.pages.view import View

MODULES = ("audit", "findings", "certainty", "context", "harms", "releases", "about",
           "source_text", "reported")
CATALOGUE = ROOT / "macros" / "i18n" / "locale" / "fr" / "LC_MESSAGES" / "messages.po"
NBSP = "\u00a0"


def sentences(module: str) -> list[str]:
    path = next((ROOT / "macros").rglob(f"{module}.py"))  # wherever its layer keeps it
    found = extract_from_file("python", path,
                              keywords={"_": None, "ngettext": (1, 2)})
    return [m[1] if isinstance(m[1], str) else m[1][0] for m in found]


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{[a-z_]+\}", text))


def catalogue() -> dict[str, str]:
    """English -> French; a sentence with plural forms by its singular, its forms joined."""
    with Path(CATALOGUE).open("rb") as f:
        return {(m.id[0] if isinstance(m.id, tuple) else m.id):
                (" / ".join(m.string) if isinstance(m.string, tuple) and all(m.string)
                 else "" if isinstance(m.string, tuple) else m.string)
                for m in read_po(f) if m.id}


def test_every_sentence_has_its_french_with_the_same_placeholders():
    french = catalogue()
    checked = 0
    for module in MODULES:
        for english in sentences(module):
            assert english in french, f"{module}.py: no French for {english!r}"
            assert french[english], f"{module}.py: empty French for {english!r}"
            assert placeholders(french[english]) == placeholders(english), english
            checked += 1
    assert checked > 100  # the extraction found the sentences at all


def test_french_typography_in_these_sentences():
    french = catalogue()
    for module in MODULES:
        for english in sentences(module):
            text = french[english]
            assert not re.search(r" [:;?!%»]", text), text  # a plain space, not U+00A0
            assert "« " not in text, text


@pytest.fixture
def in_french():
    i18n.use("fr")
    try:
        yield View(Evidence.from_folder(ROOT / "data", "fr"), here=lambda: "audit/")
    finally:
        i18n.use("en")


def french_percent(n: int, total: int) -> str:
    return f"{100 * n / total:.1f}".replace(".", ",") + NBSP + "%"


@pytest.mark.site
def test_audit_page_in_french(in_french):
    v = in_french
    page = html.unescape(str(findings.audit_findings(v)))
    counts = by_key(v.ev.data["counts"])
    cohort = next(f for f in v.ev.findings if f.rule == "printed percentage"
                  and f.severity == "major")
    row = counts[cohort.ids[0]]
    total = int(counts[row["of"]]["n"])
    assert french_percent(int(row["n"]), total) in cohort.message
    assert "publiés pour" in cohort.message and "cannot come from" not in cohort.message
    assert "Graves\u00a0: chiffres qui ne peuvent pas être exacts" in page
    assert "The numbers" not in page and "Where:" not in page
    assert "phrase 13 du résumé" in page  # the link to the source sentence, in French
    assert "Abstract sentence" not in page


@pytest.mark.site
def test_certainty_context_and_whats_new_in_french(in_french):
    v = in_french
    c = guidance.certainty(v)
    ratings = {r["rating"] for r in c.rows.values()}
    tally = str(c.tally())
    assert "outcomes" not in tally and "critères de jugement évalués" in tally
    if ratings == {"very low"}:
        assert tally.startswith("très faible")
    notes = html.unescape(str(c.footnotes()))
    assert "Justification des niveaux de certitude" in notes
    assert "Risk of bias" not in notes and "Risque de biais\u00a0:" in notes
    steps = {c.steps_text(o) for o in c.rows}
    assert all(s.startswith("Part du niveau faible") for s in steps) and "level" not in str(steps)
    cards = html.unescape(str(context.context_studies(v)))
    assert "(cette étude)" in cards and "Treatment" not in cards
    kinds = {k["id"]: k for k in v.ev.rows("context_outcome_kinds")}
    profiles = {p["id"]: p for p in context.study_profiles(v)}
    tables = html.unescape("".join(
        str(context.outcome_table(v, kinds[key], part, profiles))
        for key, part in context.context_rows(v).groupby("key", sort=False)))
    assert f"IC à 95{NBSP}%" in tables
    # beside each rate, the study's share in chronic phase and its time to relapse, in French
    assert f"18{NBSP}% (5 sur 28)" in tables and f"77{NBSP}% (20 sur 26)" in tables
    assert "médiane 9 mois" in tables and "médiane 36 mois" in tables
    assert "not reported" not in tables and "non rapporté dans sa source" in tables
    assert "% CI" not in tables and " CI " not in tables
    history = releases.release_history(ROOT / "data", current_data=v.ev.data)
    assert "Version " in str(releases.whats_new(history))
    assert "Abréviation" in str(about.glossary_table(v))


@pytest.mark.site
def test_english_stays_english_after_a_french_build(in_french):
    i18n.use("en")
    v = View(Evidence.from_folder(ROOT / "data"), here=lambda: "audit/")
    page = str(findings.audit_findings(v))
    assert "The numbers: " in page and "Chiffres" not in page
