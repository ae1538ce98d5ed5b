"""Each study set beside this one: who its patients were (the share in chronic phase), how
late after the transplant they relapsed, how long they were followed. The context page's
results and the harms beside this cohort's both show them."""

from __future__ import annotations

from ..evidence.render import lower_first, percent
from ..i18n import _, decimal, unit_name
from .view import View


def this_study(v: View) -> str:
    return _("{study} (this study)").format(study=v.ev.study["short_name"])


def NOT_REPORTED() -> str:  # noqa: N802 - a fixed phrase, in the language of the page
    return _("not reported in its source")


def _median_words(v: View, did: str | None) -> str:
    if not did:
        return NOT_REPORTED()
    d = v.ev.duration(did)
    if d["low"] is not None and d["high"] is not None:
        return _("median {median} {unit} (range {low} to {high})").format(
            median=decimal(d["median"]), unit=unit_name(d["unit"]), low=decimal(d["low"]),
            high=decimal(d["high"]))
    return _("median {median} {unit}").format(median=decimal(d["median"]),
                                              unit=unit_name(d["unit"]))


def study_profiles(v: View) -> list[dict]:
    """Each study's patients and timing, this cohort first: what differs between studies
    and is shown beside every one of their rates."""
    s = v.ev.study
    phases = _("not reported") if s["phase_group"] is None else ", ".join(
        f"{lower_first(p.label)} {p.n}" for p in v.ev.breakdown(s["phase_group"])
        if not p.derived and p.nested_in is None)
    n = v.ev.count(s["cohort"])
    profiles = [{
        "id": s["id"], "label": this_study(v), "treatment": s.get("treatment") or s["intervention"],
        "intervention": s["intervention"], "design": s["design"], "setting": s["setting"],
        "n": n, "phase_mix": phases,
        "chronic": v.ev.count(s["chronic_phase"]) if s.get("chronic_phase") else None,
        "transplant_to_relapse": _median_words(v, s.get("transplant_to_relapse")),
        "known_relapse": bool(s.get("transplant_to_relapse")),
        "relapse_to_treatment": _median_words(v, s.get("relapse_to_treatment")),
        "follow_up": _median_words(v, s["follow_up"]) if s["follow_up"]
        else _("not reported"),
        "source": v.source,
        "unverified": None if s["title_verified"] else _("full title not confirmed"),
    }]
    for c in v.ev.rows("context_studies"):
        profiles.append({**c, "chronic": c["chronic_phase"],
                         "transplant_to_relapse": c["transplant_to_relapse"] or NOT_REPORTED(),
                         "relapse_to_treatment": c["relapse_to_treatment"] or NOT_REPORTED(),
                         "known_relapse": c["transplant_to_relapse"] is not None})
    return profiles


def chronic_words(p: dict) -> str:
    """'18% (5 of 28)': the share of a study's patients in chronic phase at treatment."""
    if p["chronic"] is None:
        return NOT_REPORTED()
    return _("{share} ({n} of {total})").format(share=percent(p["chronic"] / p["n"]),
                                                 n=p["chronic"], total=p["n"])
