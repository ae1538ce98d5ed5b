"""Audit rules on the authors' claims: a claim whose stated check fails against the count
it rests on, and a claim of effect from a study with no comparison group. CHECK reads a
claim's check (also checked when the data are read)."""

from __future__ import annotations

import re

import pandas as pd

from ..data.tables import by_key, rows
from ..i18n import _, printed_percent
from .finding import Finding
from .render import lower_first

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
            shown = f"{int(count['n'])}/{total} = {printed_percent(float(f'{100 * value:.0f}'))}"
        if match["op"]:
            holds = OPS[match["op"]](value, float(match["value"]))
        else:
            holds = float(match["low"]) <= value <= float(match["high"])
        if holds:
            continue
        ids = (claim["id"], claim["check_count"])
        label = count["label"][0].lower() + count["label"][1:] \
            if count["label"][1:2].islower() else count["label"]
        # '2 relapses'; a proportion after its label
        reported = (_("{n} {label}") if match["measure"] == "count"
                    else _("{label}, {shown}")).format(n=shown, label=label, shown=shown)
        message = _("The authors conclude, in substance: {claim} What they report is at odds"
                    " with part of this: {reported}.").format(
            claim=lower_first(claim["claim"]), reported=reported)
        # a claim judged against a group (the patients treated) is set against every other
        # count it rests on that is not nil: harms besides the one the check names, say
        rests_on = claim["rests_on"] or ()
        others = [by_id[o] for o in (rests_on.split() if isinstance(rests_on, str) else rests_on)
                  if claim["against"] and o != claim["check_count"] and o in by_id
                  and int(by_id[o]["n"]) > 0]
        sources = [claim["source"], count["source"]]
        if others:
            total = int(by_id[claim["against"]]["n"])
            also = [_("{label}: {n}/{total}").format(label=lower_first(str(o["label"])),
                                                     n=int(o["n"]), total=total)
                    for o in others]
            message += " " + _("Also reported: {counts}.").format(counts=_("; ").join(also))
            sources += [str(o["source"]) for o in others]
        findings.append(Finding(
            "claim and count", "major", ids,
            _("{reported} reported").format(reported=reported),
            # the claim as restated in data (the authors' words are on the Source page)
            message,
            tuple(dict.fromkeys(sources)),
        ))
    return findings


def check_effect_claims(claims: pd.DataFrame) -> list[Finding]:
    """A claim that the treatment works ('efficient', 'effective') made by a study the data
    mark as having no comparison group: such a study can describe the treated patients, not
    show what the treatment itself did."""
    if "effect_claim" not in claims.columns:
        return []
    return [
        Finding(
            "claim without comparison", "major", (claim["id"],),
            _("no comparison group"),
            _("The authors conclude, in substance: {claim} This is a claim about what the"
              " treatment did. With no comparison group, the study describes the treated"
              " patients only and cannot show it.").format(claim=lower_first(claim["claim"])),
            (claim["source"],),
        )
        for claim in rows(claims) if claim["effect_claim"] == "yes"
    ]
