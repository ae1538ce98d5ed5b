"""The study's evidence, summarised once per build: counts, proportions, breakdowns, findings.

Built from a checked Dataset; everything the pages show is asked of this object, so a
change in data/ reaches every page through it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..data.errors import DataError
from ..data.load import Dataset, load_dataset
from ..data.tables import by_key, rows
from ..data.translations import translate
from .audit import audit
from .check import check_dataset
from .finding import Finding
from .stats import (
    Proportion,
    method_label,
    proportion,
    reproducing_denominators,
    rounding_habits,
)

# Optional tables a study may not have: what the audit reads of them, empty.
EMPTY_DURATIONS = pd.DataFrame(columns=["id", "quantity", "label", "median", "low", "high",
                                        "unit", "source"])
EMPTY_CLAIMS = pd.DataFrame(columns=["id", "claim", "check", "check_count", "check_of",
                                     "source"])


class MissingRow(DataError, KeyError):
    """A row a page asks for by its id, and the data no longer have."""

    __str__ = DataError.__str__  # not KeyError's, which would quote the message


def missing_row(resource: str, key: str) -> MissingRow:
    return MissingRow(f"data/{resource}.csv", f"expected a row with id '{key}', which a page of"
                     " the site shows; add the row back, or change the page", column="id")


@dataclass(frozen=True)
class Measure:
    """One reported count, with its denominator when there is one.

    basis says how the denominator is known:
      stated   the source gives it;
      fits     the source gives none, but its printed percentages fit this one;
      implied  the source gives none, and its printed percentage fits another (`implied`);
      assumed  the source gives none and printed no percentage: the whole cohort is used;
      chosen   shown against a denominator other than its own (a claim's, say);
      none     no denominator at all.
    """

    id: str
    label: str
    n: int
    of: str | None
    basis: str
    printed: float | None
    fact: str
    source: str
    proportion: Proportion | None
    role: str = "outcome"  # baseline, outcome or detail: intervals only on outcomes
    caveat: str | None = None
    implied: tuple[int, ...] = ()


@dataclass(frozen=True)
class Part:
    """One category of a breakdown; derived parts are computed here, not reported."""

    id: str
    label: str
    n: int
    total: int
    derived: bool
    proportion: Proportion
    printed: float | None = None
    nested_in: str | None = None  # the category it is usually counted within, if any


class Evidence:
    def __init__(self, data: Dataset, english_study: dict[str, Any] | None = None) -> None:
        check_dataset(data)
        self.data = data
        self.study = data.study
        # The study record as the data give it, before any translation: the site's own
        # words for the source are chosen by its English kind ('conference abstract').
        self.english_study = english_study or data.study
        self.method = data.study["interval_method"]
        self.level = int(data.study["confidence_level"])
        self.counts = by_key(data["counts"])
        self.groups = by_key(data["groups"])
        durations = data.tables.get("durations", EMPTY_DURATIONS)
        self.durations = by_key(durations)
        self._check_study_ids()
        self.findings: list[Finding] = audit(
            data["counts"], data["groups"], durations, data.tables.get("claims", EMPTY_CLAIMS)
        )
        self._findings_by_id: dict[str, list[Finding]] = {}
        self._finding_order = {id(f): i for i, f in enumerate(self.findings)}
        for f in self.findings:
            for i in f.ids:
                self._findings_by_id.setdefault(i, []).append(f)
        self._rows: dict[str, list[dict[str, Any]]] = {}
        self._printed_by_group: dict[str, list[dict[str, Any]]] = {}
        for r in self.counts.values():
            if r["group"] is not None and r["printed_percent"] is not None:
                self._printed_by_group.setdefault(r["group"], []).append(r)
        self._parts_by_group: dict[str, list[dict[str, Any]]] = {}
        for r in self.counts.values():
            if r["group"] is not None:
                self._parts_by_group.setdefault(r["group"], []).append(r)

    def _check_study_ids(self) -> None:
        """The ids the study record names for the pages exist in their tables."""
        for key, table, ids in (("cohort", "counts", self.counts),
                                ("phase_group", "groups", self.groups),
                                ("follow_up", "durations", self.durations),
                                ("chronic_phase", "counts", self.counts),
                                ("transplant_to_relapse", "durations", self.durations),
                                ("relapse_to_treatment", "durations", self.durations)):
            value = self.study.get(key)
            if value is not None and value not in ids:
                raise DataError("data/study.yml", f"expected an id of data/{table}.csv, found"
                                f" '{value}'", column=key)

    @classmethod
    def from_folder(cls, data_dir: Path, language: str = "en",
                    data_language: str = "en") -> Evidence:
        """The evidence with its text in `language`: the data's own text when the data are
        written in it (`data_language`, the site's first), else from
        data/translations_<language>.csv."""
        data = load_dataset(Path(data_dir), language)
        return cls(translate(data, language, data_language), english_study=data.study)

    # -- single numbers -------------------------------------------------------------------
    @property
    def method_name(self) -> str:
        return method_label(self.method)

    def count(self, cid: str) -> int:
        return int(self._row(cid)["n"])

    def measure(self, cid: str, of: str | None = None) -> Measure:
        row = self._row(cid)
        own = of is None or of == row["of"]
        of = row["of"] if own else of
        basis, implied = self._basis(row) if own else ("chosen", ())
        prop = self.proportion(cid, of) if of else None
        label = row["label"] if own or not row["short_label"] else row["short_label"]
        return Measure(
            id=cid, label=label, n=int(row["n"]), of=of, basis=basis,
            printed=row["printed_percent"] if own else None,
            fact=row["fact"], source=row["source"], proportion=prop,
            role=self.role(cid), caveat=row["caveat"] if own else None, implied=implied,
        )

    def role(self, cid: str) -> str:
        row = self._row(cid)
        if row.get("role"):
            return str(row["role"])
        if row["group"] is not None:
            return str(self.groups[row["group"]]["role"])
        return "outcome" if row["of"] is not None else "total"

    def _basis(self, row: dict[str, Any]) -> tuple[str, tuple[int, ...]]:
        """How the denominator of a count is known; for a count whose source states none,
        whether its printed percentage (and those of its group) fit the one used."""
        if row["of_basis"] != "assumed":
            return row["of_basis"], ()
        total = self.count(row["of"])
        if row["printed_percent"] is None:
            return "assumed", ()
        if rounding_habits(int(row["n"]), total, row["printed_percent"]):
            mates = self._printed_by_group.get(row["group"]) or [row]
            if all(rounding_habits(int(r["n"]), total, r["printed_percent"]) for r in mates):
                return "fits", ()
        return "implied", tuple(reproducing_denominators(int(row["n"]), row["printed_percent"],
                                                          max(4 * total, 100)))

    def also(self, cid: str) -> Measure | None:
        """The same count against the second denominator the source's wording allows."""
        other = self._row(cid)["also_of"]
        return self.measure(cid, other) if other else None

    def outside(self, cid: str) -> int | None:
        """How many of the larger count a count lies within are not in it (derived)."""
        within = self._row(cid)["within"]
        return None if within is None else self.count(within) - self.count(cid)

    def proportion_of(self, cid: str, of: str | None = None) -> Proportion:
        """The proportion a page shows for a count: a DataError (not a Python error) when the
        count has no denominator any more."""
        row = self._row(cid)
        of = of or row["of"]
        if of is None:
            line = self.data.lines["counts"][cid]
            raise DataError(
                f"data/{self.data.files['counts']}", "expected the id of the denominator: a page"
                " of the site shows this count as a proportion (n out of a total), found an"
                " empty cell", line=line, row=line - 1, column="of",
            )
        return self.proportion(cid, of)

    def proportion(self, cid: str, of: str) -> Proportion:
        return proportion(self.count(cid), self.count(of), self.method, self.level)

    def duration(self, did: str) -> dict[str, Any]:
        if did not in self.durations:
            raise missing_row("durations", did)
        return self.durations[did]

    def _row(self, cid: str) -> dict[str, Any]:
        if cid not in self.counts:
            raise missing_row("counts", cid)
        return self.counts[cid]

    # -- breakdowns -----------------------------------------------------------------------
    def breakdown(self, gid: str) -> list[Part]:
        """The categories of a group; where they add up to less than the total and do not
        overlap, a derived 'Not reported' category makes up the difference."""
        group = self._group(gid)
        total_id = group["total"]
        total = self.count(total_id)
        parts = [
            Part(row["id"], row["label"], int(row["n"]), total, False,
                 self.proportion(row["id"], total_id), row["printed_percent"],
                 row["likely_within"])
            for row in self._parts_by_group.get(gid, ())
        ]
        missing = total - sum(p.n for p in parts if p.nested_in is None)
        if missing > 0 and group["overlap"] != "possible":
            parts.append(Part(
                f"{gid}_not_reported", str(group["rest_label"]), missing, total, True,
                proportion(missing, total, self.method, self.level),
            ))
        return parts

    def group(self, gid: str) -> dict[str, Any]:
        return self._group(gid)

    def chart_groups(self) -> list[str]:
        return [gid for gid, g in self.groups.items() if g["chart"] == "yes"]

    def _group(self, gid: str) -> dict[str, Any]:
        if gid not in self.groups:
            raise missing_row("groups", gid)
        return self.groups[gid]

    def group_label(self, gid: str) -> str:
        return str(self._group(gid)["label"])

    def group_total(self, gid: str) -> str:
        return str(self._group(gid)["total"])

    # -- findings -------------------------------------------------------------------------
    def findings_for(self, *ids: str) -> list[Finding]:
        found = {id(f): f for i in ids for f in self._findings_by_id.get(i, ())}
        # most severe first, as audited
        return sorted(found.values(), key=lambda f: self._finding_order[id(f)])

    def findings_by_severity(self) -> dict[str, int]:
        tally = {"major": 0, "moderate": 0, "minor": 0}
        for f in self.findings:
            tally[f.severity] += 1
        return tally

    # -- tables of data text --------------------------------------------------------------
    def table(self, name: str) -> pd.DataFrame:
        return self.data[name]

    def has(self, name: str) -> bool:
        return name in self.data.tables

    def rows(self, name: str) -> list[dict[str, Any]]:
        if name not in self.data.tables:
            raise DataError("data/datapackage.yml", f"expected a resource '{name}', which a page"
                            " of the site shows; add the file and its schema, or change the page")
        if name not in self._rows:
            self._rows[name] = rows(self.data[name])
        return self._rows[name]
