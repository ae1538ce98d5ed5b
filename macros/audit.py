"""Consistency audit: general rules that find where a study's numbers disagree.

Every rule works on plain tables (the counts, groups, durations and claims of data/) and
knows nothing of this particular study. A finding names its rule, a severity, the ids of
the numbers involved, the numbers themselves, and one plain sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from .stats import reproducing_denominators, round_half_up, rounding_habits
from .tables import by_key, rows

SEVERITIES = ("major", "moderate", "minor")
MONTHS_PER = {"days": 12 / 365.25, "weeks": 12 * 7 / 365.25, "months": 1.0, "years": 12.0}


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    ids: tuple[str, ...]  # the numbers in question: count, group, duration or claim ids
    numbers: str
    message: str
    sources: tuple[str, ...] = field(default=())
    key: str = ""  # a stable anchor, filled in by audit()


def audit(
    counts: pd.DataFrame,
    groups: pd.DataFrame,
    durations: pd.DataFrame,
    claims: pd.DataFrame,
) -> list[Finding]:
    """Run every rule; findings come back most severe first, each with a stable key."""
    found = [
        *check_printed_percentages(counts),
        *check_parts_against_totals(counts, groups),
        *check_ranges(durations),
        *check_stated_twice(durations),
        *check_claims(counts, claims),
    ]
    found.sort(key=lambda f: SEVERITIES.index(f.severity))
    return [
        Finding(**{**f.__dict__, "key": f"finding-{i}"}) for i, f in enumerate(found, start=1)
    ]


def _fmt(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def check_printed_percentages(counts: pd.DataFrame) -> list[Finding]:
    """A printed percentage against its count and denominator, under usual rounding habits."""
    by_id = by_key(counts)
    findings = []
    for row in rows(counts):
        cid, printed = row["id"], row["printed_percent"]
        if printed is None or row["of"] is None:
            continue
        total = int(by_id[row["of"]]["n"])
        n = int(row["n"])
        exact = 100 * n / total
        habits = rounding_habits(n, total, printed)
        stated = row["of_basis"] == "stated"
        if "rounding half up" in habits:
            continue
        numbers = f"printed {_fmt(printed)}%; {n} of {total} is {_fmt(exact)}%"
        against = (f"its stated denominator of {total}" if stated
                   else f"the whole cohort of {total} (the source states no denominator)")
        others = [d for d in reproducing_denominators(n, printed, max(4 * total, 100))
                  if d != total]
        implied = ""
        if others and not stated:
            implied = (f" The printed figure would fit {n} of {_list_ranges(others)}"
                       " patients.")
        if habits:
            findings.append(Finding(
                "printed percentage", "minor", (cid,), numbers,
                f"The printed {_fmt(printed)}% for '{row['label']}' matches {n} out of"
                f" {against} only if {_fmt(exact)}% was cut off rather than rounded"
                f" (rounded, it is {_fmt(round_half_up(exact))}%).{implied}",
                (row["source"],),
            ))
        else:
            findings.append(Finding(
                "printed percentage", "major", (cid,), numbers,
                f"The printed {_fmt(printed)}% for '{row['label']}' cannot come from {n} out"
                f" of {against}, which is {_fmt(exact)}%, under any usual rounding.{implied}",
                (row["source"],),
            ))
    return findings


def _list_ranges(values: list[int]) -> str:
    runs: list[list[int]] = []
    for v in values:
        if runs and v == runs[-1][-1] + 1:
            runs[-1].append(v)
        else:
            runs.append([v])
    return ", ".join(f"{r[0]}" if len(r) == 1 else f"{r[0]} to {r[-1]}" for r in runs)


def check_parts_against_totals(counts: pd.DataFrame, groups: pd.DataFrame) -> list[Finding]:
    """Categories against their parent total: fewer means not reported, more means overlap.

    A category usually counted within another (`likely_within`) is left out of the sum, and
    the sum with it counted separately is given as the other reading."""
    by_id = by_key(counts)
    findings = []
    parts_of: dict[str, list[dict]] = {}
    for row in by_id.values():
        if row["group"] is not None:
            parts_of.setdefault(row["group"], []).append(row)
    for group in rows(groups):
        parts = parts_of.get(group["id"])
        if not parts:
            continue
        total = int(by_id[group["total"]]["n"])
        nested = [r for r in parts if r.get("likely_within") is not None]
        main = [r for r in parts if r.get("likely_within") is None]
        summed = sum(int(r["n"]) for r in main)
        ids = (group["id"], *(r["id"] for r in parts))
        sources = tuple(dict.fromkeys([by_id[group["total"]]["source"],
                                       *(r["source"] for r in parts)]))
        numbers = (" + ".join(str(int(r["n"])) for r in main) + f" = {summed}"
                   if len(main) > 1 else str(summed)) + f", of {total}"
        reading = ""
        if nested:
            within = "; ".join(
                f"the {int(r['n'])} '{r['label']}' counted within"
                f" '{by_id[r['likely_within']]['label']}'" for r in nested)
            literal = summed + sum(int(r["n"]) for r in nested)
            reading = (f" This reads the categories as they are usually counted ({within});"
                       f" counted separately they would add up to {literal}, more than"
                       f" {total}, and the source does not say which is meant.")
            numbers += f" (counted separately: {literal})"
        label = group["label"]
        if summed < total and (group["overlap"] == "possible" or group.get("rest_known") == "yes"):
            # patients in none of the categories (no adverse event, say) are expected, or
            # the rest is known to be the other outcome (not in full donor chimerism, say)
            continue
        if summed < total:
            findings.append(Finding(
                "parts and total", "moderate", ids, numbers,
                f"The categories of '{label}' account for {summed} of {total} patients:"
                f" {total - summed} are not reported in any category.{reading}",
                sources,
            ))
        elif summed > total:
            excess = summed - total
            if group["overlap"] == "possible":
                severity, why = "minor", (
                    f"at least {excess} patients are in more than one category, which these"
                    " categories allow")
            elif group["overlap"] == "no":
                severity, why = "major", (
                    "the categories are meant to exclude each other, so this is an error")
            else:
                severity, why = "moderate", (
                    f"either at least {excess} are counted twice or there is an error; the"
                    " source does not say which")
            findings.append(Finding(
                "parts and total", severity, ids, numbers,
                f"The categories of '{label}' add up to {summed}, more than the"
                f" total of {total}: {why}.{reading}",
                sources,
            ))
    return findings


def check_ranges(durations: pd.DataFrame) -> list[Finding]:
    """A range whose low end is above its high end; a median outside its range."""
    findings = []
    for row in rows(durations):
        low, high, median = row["low"], row["high"], row["median"]
        if low is None or high is None:
            continue
        numbers = f"median {_fmt(median)}, range {_fmt(low)} to {_fmt(high)} {row['unit']}"
        if low > high:
            findings.append(Finding(
                "range", "major", (row["id"],), numbers,
                f"The range of '{row['label']}' runs backwards: its low end is above its high"
                " end.", (row["source"],),
            ))
        elif not low <= median <= high:
            findings.append(Finding(
                "range", "major", (row["id"],), numbers,
                f"The median of '{row['label']}' lies outside its own range.",
                (row["source"],),
            ))
    return findings


def check_stated_twice(durations: pd.DataFrame) -> list[Finding]:
    """The same quantity stated more than once, compared after converting units."""
    findings = []
    for _, rows_of_quantity in durations.groupby("quantity", sort=False):
        stated = list(rows_of_quantity.itertuples(index=False))
        for i, a in enumerate(stated):
            for b in stated[i + 1:]:
                a_months = a.median * MONTHS_PER[a.unit]
                b_months = b.median * MONTHS_PER[b.unit]
                if abs(a_months - b_months) < 1e-9:
                    continue
                numbers = f"{_in_months(a.median, a.unit)}; {_in_months(b.median, b.unit)}"
                coarse, fine = (a, b) if MONTHS_PER[a.unit] >= MONTHS_PER[b.unit] else (b, a)
                fine_in_coarse = fine.median * MONTHS_PER[fine.unit] / MONTHS_PER[coarse.unit]
                if round(fine_in_coarse) == coarse.median:
                    severity, why = "minor", (
                        f"they agree only if {_fmt(coarse.median)} {coarse.unit} is"
                        f" {_fmt(fine.median)} {fine.unit} ({_fmt(fine_in_coarse)}"
                        f" {coarse.unit}) rounded")
                else:
                    severity, why = "moderate", "no rounding reconciles them"
                findings.append(Finding(
                    "stated twice", severity, (a.id, b.id), numbers,
                    f"'{a.label}' and '{b.label}' state the same quantity; {why}.",
                    tuple(dict.fromkeys([a.source, b.source])),
                ))
    return findings


def _in_months(value: float, unit: str) -> str:
    if unit == "months":
        return f"{_fmt(value)} months"
    return f"{_fmt(value)} {unit} ≈ {_fmt(value * MONTHS_PER[unit])} months"


CHECK = re.compile(
    r"^(?P<measure>count|proportion) (?:(?P<op>==|<=|>=|<|>) (?P<value>[0-9.]+)"
    r"|between (?P<low>[0-9.]+) and (?P<high>[0-9.]+))$"
)
OPS = {
    "==": lambda x, v: abs(x - v) < 1e-9, "<": lambda x, v: x < v, "<=": lambda x, v: x <= v,
    ">": lambda x, v: x > v, ">=": lambda x, v: x >= v,
}


def check_claims(counts: pd.DataFrame, claims: pd.DataFrame) -> list[Finding]:
    """An authors' claim whose stated check fails against the count it rests on."""
    by_id = by_key(counts)
    findings = []
    for claim in rows(claims):
        if claim["check"] is None:
            continue
        match = CHECK.match(claim["check"])
        if match is None:
            raise ValueError(f"claim {claim['id']}: cannot read the check {claim['check']!r}")
        count = by_id[claim["check_count"]]
        of_id = claim["check_of"] or count["of"]
        if match["measure"] == "count":
            value, shown = float(count["n"]), f"{int(count['n'])}"
        else:
            total = int(by_id[of_id]["n"])
            value = count["n"] / total
            shown = f"{int(count['n'])}/{total} = {100 * value:.0f}%"
        if match["op"]:
            holds = OPS[match["op"]](value, float(match["value"]))
        else:
            holds = float(match["low"]) <= value <= float(match["high"])
        if holds:
            continue
        ids = (claim["id"], claim["check_count"])
        label = count["label"][0].lower() + count["label"][1:] \
            if count["label"][1:2].islower() else count["label"]
        findings.append(Finding(
            "claim and count", "major", ids,
            f"{label} reported: {shown}",
            f"The authors conclude: '{claim['claim']}' The results they report do not bear"
            f" this out: {label}, {shown}.",
            tuple(dict.fromkeys([claim["source"], count["source"]])),
        ))
    return findings
