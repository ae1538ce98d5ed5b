"""Harms beside this cohort's: GVHD and cytopenias after imatinib elsewhere and after DLI.

Rows of data/context_harms.csv either name a count of this cohort (its numbers and source
come from data/counts.csv) or a study of data/context_studies.csv with what its abstract
printed. They are shown side by side, each with its definition and source; nothing is pooled.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from markupsafe import Markup

from .errors import DataError
from .i18n import _, printed_percent
from .load import Dataset
from .render import Glossary, esc, interval, percent, table
from .source_text import source_link
from .stats import proportion
from .tables import by_key, rows

if TYPE_CHECKING:
    from .evidence import Evidence

HARMS = ("gvhd", "cytopenia")  # the kinds of harm of data/context_harms.csv, in page order


def harm_title(harm: str) -> str:
    titles = {"gvhd": _("Graft-versus-host disease (GVHD)"),
              "cytopenia": _("Low blood counts (cytopenias)")}
    return titles[harm]


def check_harms(data: Dataset) -> None:
    shown = f"data/{data.files['context_harms']}"
    counts = by_key(data["counts"])
    for row in rows(data["context_harms"]):
        where = {"line": row["_line"], "row": row["_line"] - 1}

        def fail(message: str, column: str, where=where) -> None:
            raise DataError(shown, message, column=column, **where)

        if (row["study"] is None) == (row["count"] is None):
            fail("expected either a study (another study's result) or a count (this cohort's),"
                 " found " + ("both" if row["study"] else "neither"), "study")
        if row["count"] is not None:
            for column in ("n", "total", "printed_percent"):
                if row[column] is not None:
                    fail(f"expected an empty {column} for this cohort's row: its numbers"
                         f" come from the count '{row['count']}'", column)
            if counts[row["count"]]["of"] is None:
                fail(f"expected a count with a denominator, found '{row['count']}'", "count")
            continue
        if not row["source"]:
            fail("expected the source: which part of that study's abstract", "source")
        if (row["n"] is None) != (row["total"] is None):
            fail("expected both n and total, or neither", "total" if row["n"] else "n")
        if row["n"] is None and row["printed_percent"] is None:
            fail("expected n and total, or a printed percentage", "printed_percent")
        if row["n"] is not None and row["n"] > row["total"]:
            fail(f"expected n no larger than the total ({row['total']}), found {row['n']}", "n")


class HarmsTable:
    def __init__(self, evidence: Evidence, glossary: Glossary,
                 here: Callable[[], str] = lambda: "", view=None) -> None:
        self.ev = evidence
        self.view = view
        self.glossary = glossary
        self.here = here
        self.studies = {s["id"]: s for s in evidence.rows("context_studies")}

    def _number(self, n: int, total: int, printed: float | None) -> str:
        p = proportion(n, total, self.ev.method, self.ev.level)
        text = _("{n}/{total} ({share}; {level} CI {interval})").format(
            n=n, total=total, share=percent(p.value), level=printed_percent(p.level),
            interval=interval(p))
        if printed is not None and printed_percent(printed) != percent(p.value):
            return _("{printed} as printed; counted here as {count}").format(
                printed=printed_percent(printed), count=text)
        return text

    def _row(self, row: dict) -> list[Markup]:
        if row["count"] is not None:
            m = self.ev.measure(row["count"])
            who = _("{study} (this study)").format(study=self.ev.study["short_name"])
            # as on every other page: the count's share, then what the authors printed
            from .numbers import printed_differs, printed_note, result_text  # numbers imports
            # the checks' module

            number = result_text(self.view, m) if self.view else \
                self._number(m.n, self.ev.count(m.of), m.printed)
            if self.view and printed_differs(m):
                number += " " + printed_note(self.view, m)
            source = source_link(row["source"] or m.source, self.here())
        else:
            who = self.studies[row["study"]]["label"]
            number = (self._number(row["n"], row["total"], row["printed_percent"])
                      if row["n"] is not None else
                      _("{printed} (printed; no count given, so no interval)").format(
                          printed=printed_percent(row["printed_percent"])))
            source = esc(row["source"])
        return [
            self.glossary.text(who) + Markup("<br>") + self.glossary.text(row["treatment"]),
            Markup("<strong>") + self.glossary.text(row["reported_as"]) + Markup("</strong><br>")
            + self.glossary.text(row["definition"]),
            esc(number),
            source,
        ]

    def harms_table(self) -> Markup:
        out = []
        for harm in HARMS:
            found = [r for r in self.ev.rows("context_harms") if r["harm"] == harm]
            if found:
                out.append(table(
                    [_("Study and treatment"), _("What was reported, and how it was defined"),
                     _("Patients"), _("Where it is reported")],
                    [self._row(r) for r in found],
                    _("{harm}: each study as it reported it, not pooled").format(
                        harm=harm_title(harm))))
        return Markup("".join(out))
