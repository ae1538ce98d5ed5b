"""Who stands behind the summary (data/contributors.csv): its maintainers and their roles,
their declared interests, its funders, who rated the certainty of the evidence, and where to
report a problem. Only what the data record is said; what they do not record is said to be
not recorded, once, never shown as an empty field."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ..i18n import _, and_list
from .evidence import Evidence
from .render import esc, lower_first, words

REPORT_FORM = "correction.yml"  # .github/ISSUE_TEMPLATE/: the issue form for corrections


def _rows(ev: Evidence, kind: str | None = None) -> list[dict[str, Any]]:
    rows = ev.rows("contributors") if ev.has("contributors") else []
    return [r for r in rows if kind is None or r["kind"] == kind]


def maintainer_names(ev: Evidence) -> list[str]:
    return [str(r["who"]) for r in _rows(ev, "maintainer")]


def raters(ev: Evidence) -> list[str]:
    return [str(r["who"]) for r in _rows(ev) if r["rates_certainty"]]


def raters_named(ev: Evidence) -> bool:
    """Whether any who rated the certainty of the evidence is recorded by name."""
    return any(not r.get("team") for r in _rows(ev) if r["rates_certainty"])


def _who(ev: Evidence) -> Markup:
    people = _rows(ev, "maintainer")
    if not people:
        return words(_("Maintainers: not recorded in this release."))
    parts = [words(_("{who}, who {role}"), who=lower_first(r["who"]), role=r["role"])
             if r["role"] else esc(lower_first(r["who"])) for r in people]
    return words(_("Made by {people}."), people=Markup(and_list([str(p) for p in parts])))


def _interests(ev: Evidence) -> Markup:
    people = _rows(ev, "maintainer")
    declared = [r for r in people if r["interests"]]
    if not declared:
        return words(_("Declarations of interest: not recorded in this release."))
    said = [words(_("{who}: {interests}"), who=r["who"], interests=r["interests"])
            for r in declared]
    missing = [str(r["who"]) for r in people if not r["interests"]]
    text = words(_("Declarations of interest: {declared}."),
                 declared=Markup(_("; ").join(str(s) for s in said)))
    if missing:
        text += Markup(" ") + words(_("Not recorded for {who}."),
                                    who=lower_first(and_list(missing)))
    return text


def _funding(ev: Evidence) -> Markup:
    funders = [str(r["who"]) for r in _rows(ev, "funder")]
    if not funders:
        return words(_("Funding: not recorded in this release."))
    return words(_("Funded by {funders}."), funders=and_list(funders))


def report_link(report_url: str | None) -> Markup:
    """Where to report a problem: the repository's correction form, linked when the build
    knows its address (REPORT_URL, set by the deploy)."""
    if not report_url:
        return words(_("To report a problem, open an issue with the correction form of the"
                       " repository this summary is published from."))
    link = Markup(f'<a href="{esc(report_url)}">') + esc(_("the correction form")) \
        + Markup("</a>")
    return words(_("To report a problem or a wrong number, use {link}: say which page,"
                   " which number and what the source says."), link=link)


def behind(ev: Evidence, report_url: str | None) -> Markup:
    """The full statement, for How to cite and the methods page."""
    lines = [_who(ev), _interests(ev), _funding(ev), report_link(report_url)]
    items = "".join(f"<li>{line}</li>" for line in lines)
    return Markup(f'\n\n<ul class="who-stands-behind">{items}</ul>\n\n')


def behind_short(ev: Evidence, report_url: str | None) -> Markup:
    """One short sentence, for the printed brief: who made it, interests and funding if
    recorded, where to send corrections."""
    names = maintainer_names(ev)
    unrecorded = not any(r["interests"] for r in _rows(ev, "maintainer")) \
        and not _rows(ev, "funder")
    if names and unrecorded:
        who = words(_("Made by {people}; interests and funding not recorded."),
                    people=lower_first(and_list(names)))
    else:
        who = words(_("Made by {people}."), people=lower_first(and_list(names))) if names \
            else words(_("Maintainers: not recorded in this release."))
        if not unrecorded:
            who += Markup(" ") + _interests(ev) + Markup(" ") + _funding(ev)
    if not report_url:
        return who + Markup(" ") + report_link(None)
    link = Markup(f'<a href="{esc(report_url)}">') + esc(_("correction form")) + Markup("</a>")
    return who + Markup(" ") + words(_("Corrections: {link}."), link=link)


def rated_by(ev: Evidence) -> Markup:
    """'Certainty rated by …', from the same data as the maintainers."""
    who = raters(ev)
    if not who:
        return words(_("Who rated the certainty of the evidence is not recorded in this"
                       " release."))
    return words(_("Certainty of the evidence rated by {who}."),
                 who=lower_first(and_list(who)))
