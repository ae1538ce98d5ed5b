"""The one read-only object page macros share: the evidence, its glossary, and the page
being built (for relative links and for what a page has already said once)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from markupsafe import Markup

from .. import i18n
from ..evidence.evidence import Evidence
from ..evidence.render import Glossary, finding_marks


@dataclass
class View:
    ev: Evidence
    here: Callable[[], str] = lambda: ""
    left_out: list = field(default_factory=list)  # pages left out (macros/pages/page_needs.py)
    glossary: Glossary = field(init=False)
    study_name: str = field(init=False)
    _said: set[tuple[str, str]] = field(default_factory=set)
    _cache: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        glossary = self.ev.rows("glossary") if self.ev.has("glossary") else []
        abbreviations = {g["term"]: g["expansion"] for g in glossary
                         if g["kind"] == "abbreviation"}
        self.glossary = Glossary(abbreviations)
        s = self.ev.study
        self.study_name = f"{s['short_name']} ({s['journal']} {s['year']})"

    @property
    def source(self) -> str:
        """What the study's source is called in a sentence: 'the abstract', 'the article'.

        The study record names it in its own field, source_noun, one of the nouns the site
        has words for in every language; a study that gives none has 'the source'."""
        noun = self.ev.english_study.get("source_noun") or "source"
        return source_words().get(str(noun)) or i18n._("the source")

    @property
    def source_noun(self) -> str:
        """The study's source as a bare noun, as a label: 'abstract', 'article'."""
        noun = self.ev.english_study.get("source_noun") or "source"
        return source_nouns().get(str(noun)) or i18n._("source")

    def url(self, page: str) -> str:
        """Relative link from the current page to another page given as 'audit/'."""
        here = self.here().strip("/")
        depth = here.count("/") + 1 if here else 0
        return "../" * depth + page

    def marks(self, *ids: str) -> Markup:
        """Links to the audit notes about these numbers themselves; a note about a whole
        group of categories is shown once, under its table, not beside every category, and
        minor notes (a rounding habit) stay on the audit page."""
        found = [f for f in self.ev.findings_for(*ids)
                 if (f.rule != "parts and total" or f.ids[0] in ids) and f.severity != "minor"]
        return finding_marks(found, self.url("audit/"))

    def cached(self, key: str, make: Callable[[], object]):
        """One object per build for what several macros share (a table's footnotes, say)."""
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    def once(self, what: str) -> bool:
        """True the first time `what` is asked for on the current page, then False."""
        key = (self.here(), what)
        if key in self._said:
            return False
        self._said.add(key)
        return True


def source_nouns() -> dict[str, str]:
    """The kinds of source as bare nouns, for a label ('abstract: 72%')."""
    _ = i18n._
    return {"abstract": _("abstract"), "article": _("article"), "paper": _("paper"),
            "poster": _("poster"), "presentation": _("presentation"), "report": _("report"),
            "source": _("source")}


def source_words() -> dict[str, str]:
    """The kinds of source the site names in its own words, in the active language."""
    _ = i18n._
    return {
        "abstract": _("the abstract"),
        "article": _("the article"),
        "paper": _("the paper"),
        "poster": _("the poster"),
        "presentation": _("the presentation"),
        "report": _("the report"),
        "source": _("the source"),
    }
