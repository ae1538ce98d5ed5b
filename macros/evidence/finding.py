"""A finding of the consistency audit: its rule, its severity, the ids of the numbers
involved, the numbers themselves and one plain sentence; and the severities, most severe
first."""

from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("major", "moderate", "minor")


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    ids: tuple[str, ...]  # the numbers in question: count, group, duration or claim ids
    numbers: str
    message: str
    sources: tuple[str, ...] = field(default=())
    key: str = ""  # a stable anchor, filled in by audit()
