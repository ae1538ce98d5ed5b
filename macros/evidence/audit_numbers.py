"""Audit rules on the study's numbers: a printed percentage against its count, the parts of
a breakdown against their total, a duration's range against its median, and a quantity
stated twice in different units."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from ..data.tables import by_key, rows
from ..i18n import _, decimal, ngettext, printed_percent, unit_name
from .finding import Finding
from .stats import reproducing_denominators, round_half_up, rounding_habits

MONTHS_PER = {"days": 12 / 365.25, "weeks": 12 * 7 / 365.25, "months": 1.0, "years": 12.0}


def _fmt(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _num(x: float) -> str:
    """A number to one decimal at most, as readers of the language write it."""
    return decimal(float(_fmt(x)))


def _pct(x: float) -> str:
    """A percentage to one decimal at most: '46.2%', '46,2 %'."""
    return printed_percent(float(_fmt(x)))


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
        numbers = _("printed {printed}; {n} of {total} is {exact}").format(
            printed=_pct(printed), n=n, total=total, exact=_pct(exact))
        # a smaller group the figure fits; never a denominator above the cohort's
        cohort = max(int(r["n"]) for r in rows(counts))
        others = [d for d in reproducing_denominators(n, printed, max(4 * total, 100))
                  if d != total and d <= cohort]
        implied = ""
        if others and not stated:
            implied = " " + _("The printed figure would fit {n} of {totals} patients.").format(
                n=n, totals=_list_ranges(others))
        words = {"printed": _pct(printed), "label": row["label"], "n": n, "total": total,
                 "exact": _pct(exact), "rounded": _pct(round_half_up(exact))}
        if habits:
            message = (_(
                "The printed {printed} for '{label}' matches {n} out of its stated denominator"
                " of {total} only if {exact} was cut off rather than rounded (rounded, it is"
                " {rounded}).") if stated else _(
                "The printed {printed} for '{label}' matches {n} out of the whole cohort of"
                " {total} (the source states no denominator) only if {exact} was cut off"
                " rather than rounded (rounded, it is {rounded})."))
            findings.append(Finding(
                "printed percentage", "minor", (cid,), numbers,
                message.format(**words) + implied, (row["source"],),
            ))
        else:
            message = (_(
                "The printed {printed} for '{label}' cannot come from {n} out of its stated"
                " denominator of {total}, which is {exact}, under any usual rounding.")
                if stated else _(
                "The printed {printed} for '{label}' cannot come from {n} out of the whole"
                " cohort of {total} (the source states no denominator), which is {exact},"
                " under any usual rounding."))
            findings.append(Finding(
                "printed percentage", "major", (cid,), numbers,
                message.format(**words) + implied, (row["source"],),
            ))
    return findings


def _list_ranges(values: list[int]) -> str:
    runs: list[list[int]] = []
    for v in values:
        if runs and v == runs[-1][-1] + 1:
            runs[-1].append(v)
        else:
            runs.append([v])
    return ", ".join(f"{r[0]}" if len(r) == 1 else _("{low} to {high}").format(
        low=r[0], high=r[-1]) for r in runs)


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
        added = (" + ".join(str(int(r["n"])) for r in main) + f" = {summed}"
                 if len(main) > 1 else str(summed))
        numbers = _("{sum}, of {total}").format(sum=added, total=total)
        reading = ""
        if nested:
            within = "; ".join(
                _("the {n} '{label}' counted within '{within}'").format(
                    n=int(r["n"]), label=r["label"], within=by_id[r["likely_within"]]["label"])
                for r in nested)
            literal = summed + sum(int(r["n"]) for r in nested)
            reading = " " + _(
                "This reads the categories as they are usually counted ({within}); counted"
                " separately they would add up to {literal}, more than {total}, and the"
                " source does not say which is meant.").format(
                within=within, literal=literal, total=total)
            numbers += " " + _("(counted separately: {literal})").format(literal=literal)
        label = group["label"]
        if summed < total and (group["overlap"] == "possible" or group.get("rest_known") == "yes"):
            # patients in none of the categories (no adverse event, say) are expected, or
            # the rest is known to be the other outcome (a yes-or-no outcome)
            continue
        if summed < total:
            findings.append(Finding(
                "parts and total", "moderate", ids, numbers,
                ngettext("The categories of '{label}' account for {summed} of {total}"
                         " patients. {rest}: {missing} patient.",
                         "The categories of '{label}' account for {summed} of {total}"
                         " patients. {rest}: {missing} patients.",
                         total - summed).format(
                    label=label, summed=summed, total=total, missing=total - summed,
                    rest=group.get("rest_label") or _("Not reported"))
                + reading,
                sources,
            ))
        elif summed > total:
            words = {"label": label, "summed": summed, "total": total,
                     "excess": summed - total}
            if group["overlap"] == "possible":
                severity, message = "minor", _(
                    "The categories of '{label}' add up to {summed}, more than the total of"
                    " {total}: at least {excess} patients are in more than one category,"
                    " which these categories allow.")
            elif group["overlap"] == "no":
                severity, message = "major", _(
                    "The categories of '{label}' add up to {summed}, more than the total of"
                    " {total}: the categories are meant to exclude each other, so this is an"
                    " error.")
            else:
                severity, message = "moderate", _(
                    "The categories of '{label}' add up to {summed}, more than the total of"
                    " {total}: either at least {excess} are counted twice or there is an"
                    " error; the source does not say which.")
            findings.append(Finding(
                "parts and total", severity, ids, numbers,
                message.format(**words) + reading,
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
        numbers = _("median {median}, range {low} to {high} {unit}").format(
            median=_num(median), low=_num(low), high=_num(high), unit=unit_name(row["unit"]))
        if low > high:
            findings.append(Finding(
                "range", "major", (row["id"],), numbers,
                _("The range of '{label}' runs backwards: its low end is above its high"
                  " end.").format(label=row["label"]), (row["source"],),
            ))
        elif not low <= median <= high:
            findings.append(Finding(
                "range", "major", (row["id"],), numbers,
                _("The median of '{label}' lies outside its own range.").format(
                    label=row["label"]),
                (row["source"],),
            ))
    return findings


def check_stated_twice(durations: pd.DataFrame) -> list[Finding]:
    """The same quantity stated more than once, compared after converting units."""
    findings = []
    by_quantity: dict[str, list[SimpleNamespace]] = {}
    for row in rows(durations):
        by_quantity.setdefault(row["quantity"], []).append(SimpleNamespace(**row))
    for stated in by_quantity.values():
        for i, a in enumerate(stated):
            for b in stated[i + 1:]:
                a_months = a.median * MONTHS_PER[a.unit]
                b_months = b.median * MONTHS_PER[b.unit]
                if abs(a_months - b_months) < 1e-9:
                    continue
                numbers = _("{first}; {second}").format(
                    first=_in_months(a.median, a.unit), second=_in_months(b.median, b.unit))
                coarse, fine = (a, b) if MONTHS_PER[a.unit] >= MONTHS_PER[b.unit] else (b, a)
                fine_in_coarse = fine.median * MONTHS_PER[fine.unit] / MONTHS_PER[coarse.unit]
                if round(fine_in_coarse) == coarse.median:
                    severity, message = "minor", _(
                        "'{first}' and '{second}' state the same quantity; they agree only if"
                        " {coarse} {coarse_unit} is {fine} {fine_unit} ({converted}"
                        " {coarse_unit}) rounded.")
                else:
                    severity, message = "moderate", _(
                        "'{first}' and '{second}' state the same quantity; no rounding"
                        " reconciles them.")
                findings.append(Finding(
                    "stated twice", severity, (a.id, b.id), numbers,
                    message.format(
                        first=a.label, second=b.label, coarse=_num(coarse.median),
                        coarse_unit=unit_name(coarse.unit), fine=_num(fine.median),
                        fine_unit=unit_name(fine.unit), converted=_num(fine_in_coarse)),
                    tuple(dict.fromkeys([a.source, b.source])),
                ))
    return findings


def _in_months(value: float, unit: str) -> str:
    if unit == "months":
        return _("{value} months").format(value=_num(value))
    return _("{value} {unit} ≈ {months} months").format(
        value=_num(value), unit=unit_name(unit), months=_num(value * MONTHS_PER[unit]))
