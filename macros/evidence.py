"""The study's evidence, summarised once per build: counts, proportions, breakdowns, findings.

Built from a checked Dataset; everything the pages show is asked of this object, so a
change in data/ reaches every page through it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from .audit import Finding, audit
from .check import check_dataset
from .errors import DataError
from .load import Dataset, load_dataset
from .stats import Proportion, method_label, proportion
from .tables import by_key, rows


class MissingRow(DataError, KeyError):
    """A row a page asks for by its id, and the data no longer have."""

    __str__ = DataError.__str__  # not KeyError's, which would quote the message


def missing_row(resource: str, key: str) -> MissingRow:
    return MissingRow(f"data/{resource}.csv", f"expected a row with id '{key}', which a page of"
                     " the site shows; add the row back, or change the page", column="id")


@dataclass(frozen=True)
class Measure:
    """One reported count, with its denominator when there is one."""

    id: str
    label: str
    n: int
    of: str | None
    basis: str  # stated, assumed (the whole cohort, not stated by the source) or none
    printed: float | None
    fact: str
    source: str
    proportion: Proportion | None


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


class Evidence:
    def __init__(self, data: Dataset) -> None:
        check_dataset(data)
        self.data = data
        self.study = data.study
        self.method = data.study["interval_method"]
        self.level = int(data.study["confidence_level"])
        self.counts = by_key(data["counts"])
        self.groups = by_key(data["groups"])
        self.durations = by_key(data["durations"])
        self.findings: list[Finding] = audit(
            data["counts"], data["groups"], data["durations"], data["claims"]
        )
        self._findings_by_id: dict[str, list[Finding]] = {}
        for f in self.findings:
            for i in f.ids:
                self._findings_by_id.setdefault(i, []).append(f)

    @classmethod
    def from_folder(cls, data_dir: Path) -> Evidence:
        return cls(load_dataset(Path(data_dir)))

    # -- single numbers -------------------------------------------------------------------
    @property
    def method_name(self) -> str:
        return method_label(self.method)

    def count(self, cid: str) -> int:
        return int(self._row(cid)["n"])

    def measure(self, cid: str, of: str | None = None) -> Measure:
        row = self._row(cid)
        of = of or row["of"]
        basis = row["of_basis"] if of == row["of"] else "chosen"
        prop = self.proportion(cid, of) if of else None
        return Measure(
            id=cid, label=row["label"], n=int(row["n"]), of=of, basis=basis,
            printed=row["printed_percent"] if of == row["of"] else None,
            fact=row["fact"], source=row["source"], proportion=prop,
        )

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
                 self.proportion(row["id"], total_id), row["printed_percent"])
            for row in self.counts.values() if row["group"] == gid
        ]
        missing = total - sum(p.n for p in parts)
        if missing > 0 and group["overlap"] != "possible":
            parts.append(Part(
                f"{gid}_not_reported", "Not reported", missing, total, True,
                proportion(missing, total, self.method, self.level),
            ))
        return parts

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
        return [f for f in self.findings if id(f) in found]  # most severe first, as audited

    def findings_by_severity(self) -> dict[str, int]:
        tally = {"major": 0, "moderate": 0, "minor": 0}
        for f in self.findings:
            tally[f.severity] += 1
        return tally

    # -- tables of data text --------------------------------------------------------------
    def table(self, name: str) -> pd.DataFrame:
        return self.data[name]

    def rows(self, name: str) -> list[dict[str, Any]]:
        return rows(self.data[name])
