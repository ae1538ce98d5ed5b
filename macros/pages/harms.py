"""Harms beside this cohort's: the same harms as other studies of the question report them.

Rows of data/context_harms.csv either name a count of this cohort (its numbers and source
come from data/counts.csv) or a study of data/context_studies.csv with what its abstract
printed. They are shown side by side, each with its definition and source; nothing is pooled.
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup

from ..evidence.evidence import Evidence
from ..evidence.render import Glossary, esc, interval, percent, table
from ..evidence.source_text import source_link
from ..evidence.stats import proportion
from ..i18n import _, printed_percent
from .numbers import printed_differs, printed_note, result_text
from .study_mix import NOT_REPORTED, chronic_words, study_profiles


class HarmsTable:
    def __init__(self, evidence: Evidence, glossary: Glossary,
                 here: Callable[[], str] = lambda: "", view=None) -> None:
        self.ev = evidence
        self.view = view
        self.glossary = glossary
        self.here = here
        self.studies = {s["id"]: s for s in evidence.rows("context_studies")}
        # each study's phase mix, time to relapse and follow-up, as the results tables give
        self.profiles = {p["id"]: p for p in study_profiles(view)} if view else {}

    def _number(self, n: int, total: int, printed: float | None) -> str:
        p = proportion(n, total, self.ev.method, self.ev.level)
        text = _("{n}/{total} ({share}; {level} CI {interval})").format(
            n=n, total=total, share=percent(p.value), level=printed_percent(p.level),
            interval=interval(p))
        if printed is not None and printed_percent(printed) != percent(p.value):
            return _("{count}; as published: {printed}").format(
                printed=printed_percent(printed), count=text)
        return text

    def _row(self, row: dict) -> list[Markup]:
        if row["count"] is not None:
            m = self.ev.measure(row["count"])
            who = _("{study} (this study)").format(study=self.ev.study["short_name"])
            # as on every other page: the printed figure first, and what it fits
            number = result_text(self.view, m) if self.view else \
                self._number(m.n, self.ev.count(m.of), m.printed)
            if self.view and printed_differs(m):
                number += " " + printed_note(self.view, m)
            source = source_link(row["source"] or m.source, self.here())
        else:
            who = self.studies[row["study"]]["label"]
            number = (self._number(row["n"], row["total"], row["printed_percent"])
                      if row["n"] is not None else
                      _("{printed} (no count given, so no interval)").format(
                          printed=printed_percent(row["printed_percent"])))
            source = esc(row["source"])
        sid = self.ev.study["id"] if row["count"] is not None else row["study"]
        p = self.profiles.get(sid)
        mix = [esc(chronic_words(p)) if p else esc("–"),
               self.glossary.text(p["transplant_to_relapse"]) if p else esc("–"),
               self.glossary.text(p["follow_up"] or NOT_REPORTED()) if p else esc("–")]
        return [
            self.glossary.text(who) + Markup("<br>") + self.glossary.text(row["treatment"]),
            *mix,
            Markup("<strong>") + self.glossary.text(row["reported_as"]) + Markup("</strong><br>")
            + self.glossary.text(row["definition"]),
            esc(number),
            source,
        ]

    def harms_table(self) -> Markup:
        out = []
        kinds = self.ev.rows("context_harm_kinds") if self.ev.has("context_harm_kinds") else []
        for kind in kinds:  # in the order of data/context_harm_kinds.csv
            found = [r for r in self.ev.rows("context_harms") if r["harm"] == kind["id"]]
            if found:
                out.append(table(
                    [_("Study and treatment"), _("In chronic phase at start"),
                     _("Transplant to relapse"), _("Follow-up"),
                     _("What was reported, and how it was defined"),
                     _("Patients"), _("Where it is reported")],
                    [self._row(r) for r in found],
                    _("{harm}: each study as it reported it, not pooled").format(
                        harm=kind["label"]), searched=False))
        return Markup("".join(out))
