"""What a source reports without a count behind it: percentages printed alone, estimates at a
time point (a Kaplan–Meier 1-year survival, say), and the doses given.

A percentage printed alone is shown as printed: it is never turned into a count, and it has
no interval, since n/N is not known. An estimate at a time point is shown as the source
reports it, with the interval it prints and none of our own; it is never drawn as a curve.
"""

from __future__ import annotations

from markupsafe import Markup

from ..data.errors import DataError
from ..evidence.render import esc, provenance, span, table
from ..evidence.source_text import in_words
from ..i18n import _, decimal, ngettext, percent, printed_percent
from .registry import page_macro
from .view import View


def time_point(at: float, unit: str) -> str:
    """'1 year', '18 months': a time point agreeing in number."""
    n = decimal(at)
    if unit == "days":
        return ngettext("{n} day", "{n} days", at).format(n=n)
    if unit == "weeks":
        return ngettext("{n} week", "{n} weeks", at).format(n=n)
    if unit == "months":
        return ngettext("{n} month", "{n} months", at).format(n=n)
    return ngettext("{n} year", "{n} years", at).format(n=n)


def _row(v: View, resource: str, key: str) -> dict:
    for row in v.ev.rows(resource):
        if row["id"] == key:
            return row
    raise DataError(f"data/{v.ev.data.files.get(resource, resource + '.csv')}",
                    f"expected a row with id '{key}', which a page of the site shows; add the"
                    " row back, or change the page", column="id")


def _prov(v: View, source: str) -> str:
    return provenance(in_words(source), v.study_name)


# -- percentages printed alone ------------------------------------------------------------

def _only_percent() -> str:
    return _("Reported as a percentage only: no count, so no interval.")


@page_macro
def percent_only(v: View, pid: str) -> Markup:
    """A percentage as the source prints it ('43%'), never made a count."""
    row = _row(v, "percentages", pid)
    title = _only_percent() + " " + _prov(v, row["source"])
    return span(esc(printed_percent(row["printed_percent"])), "num", title, percentage=pid)


@page_macro
def percent_table(v: View, group: str, caption: str = "") -> Markup:
    """The percentages of one group, as printed, each with what it is among."""
    found = [r for r in v.ev.rows("percentages") if r["group"] == group]
    if not found:
        raise DataError(f"data/{v.ev.data.files['percentages']}", f"expected rows whose group"
                        f" is '{group}', which a page of the site shows; found none",
                        column="group")
    with_among = any(r["among"] for r in found)
    body = []
    for r in found:
        cell = span(esc(printed_percent(r["printed_percent"])), "num", _prov(v, r["source"]),
                    percentage=r["id"])
        body.append([v.glossary.text(r["label"])]
                    + ([esc(r["among"] or "")] if with_among else []) + [cell])
    headers = [_("Result")] + ([_("Among")] if with_among else []) + [_("As printed")]
    notes = [esc(_only_percent())] + [v.glossary.text(r["caveat"]) for r in found
                                      if r["caveat"]]
    return table(headers, body, caption, notes=notes)


# -- estimates at a time point ------------------------------------------------------------

def estimate_text(row: dict) -> str:
    """'74% at 1 year', with the interval the source prints: '(95% CI 60% to 85%)'."""
    text = _("{estimate} at {time}").format(estimate=printed_percent(row["estimate"]),
                                             time=time_point(row["at"], row["at_unit"]))
    if row["low"] is not None:
        interval = _("{low} to {high}").format(low=printed_percent(row["low"]),
                                                high=printed_percent(row["high"]))
        if row["level"] is not None:
            text += " (" + _("{level} CI {interval}").format(
                level=percent(row["level"] / 100), interval=interval) + ")"
        else:
            text += " (" + _("interval as printed: {interval}").format(interval=interval) + ")"
    return text


def _estimate_title(v: View, row: dict) -> str:
    how = (_("Estimated by the authors ({method}), as they report it.").format(
        method=row["method"]) if row["method"] else _("Estimated by the authors, as they"
                                                       " report it."))
    if row["low"] is None:
        how += " " + _("No interval printed.")
    return how + " " + _prov(v, row["source"])


@page_macro
def estimate(v: View, eid: str) -> Markup:
    row = _row(v, "estimates", eid)
    return span(esc(estimate_text(row)), "num", _estimate_title(v, row), estimate=eid)


@page_macro
def estimates_table(v: View, caption: str = "") -> Markup:
    body = []
    for r in v.ev.rows("estimates"):
        interval = (_("{low} to {high}").format(low=printed_percent(r["low"]),
                                                high=printed_percent(r["high"]))
                    if r["low"] is not None else _("not printed"))
        body.append([v.glossary.text(r["label"]), esc(time_point(r["at"], r["at_unit"])),
                     span(esc(printed_percent(r["estimate"])), "num", _estimate_title(v, r),
                          estimate=r["id"]),
                     esc(interval), esc(r["method"] or _("not stated"))])
    notes = [esc(_("Estimates as the source reports them; no curve is drawn, as the"
                   " source gives no patient-level times."))]
    notes += [v.glossary.text(r["caveat"]) for r in v.ev.rows("estimates") if r["caveat"]]
    return table([_("Estimate"), _("At"), _("As reported"), _("Interval"), _("Method")],
                 body, caption, notes=notes)


# -- doses --------------------------------------------------------------------------------

def dose_text(row: dict) -> str:
    """'400 to 1000 mg per day', '400 mg per day'."""
    amount = (_("{low} to {high}").format(low=decimal(row["dose"]),
                                          high=decimal(row["dose_high"]))
              if row["dose_high"] is not None else decimal(row["dose"]))
    return f"{amount} {row['unit']} {row['schedule']}"


@page_macro
def dose(v: View, did: str) -> Markup:
    row = _row(v, "doses", did)
    return span(esc(dose_text(row)), "num", _prov(v, row["source"]), dose=did)


@page_macro
def doses_table(v: View, caption: str = "") -> Markup:
    body = [[v.glossary.text(r["drug"]),
             span(esc(dose_text(r)), "num", _prov(v, r["source"]), dose=r["id"]),
             v.glossary.text(r["note"] or "")] for r in v.ev.rows("doses")]
    return table([_("Treatment"), _("Dose"), _("Note")], body, caption)
