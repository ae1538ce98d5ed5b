"""Numbers in prose: a count, a count of its denominator, a duration, a derived reading.

Each is a span that names its source on hover and carries the count's id, so a test or a
reader can trace it; a number the audit questions carries a link to the audit note.
"""

from __future__ import annotations

from markupsafe import Markup

from .citation import study_citation
from .evidence import Measure
from .i18n import _, decimal, ngettext, unit_name
from .registry import page_macro
from .render import esc, interval, lower_first, percent, printed_percent, provenance, span
from .source_text import in_words
from .view import View


def prov(v: View, source: str) -> str:
    return provenance(in_words(source), v.study_name)


def result_text(v: View, m: Measure, with_interval: bool = True, noun: str = "") -> str:
    """A count as a clinician writes it: n/N (%), the authors' printed figure first where
    it differs from ours, the interval where it informs an outcome. A `noun` goes after
    n/N, before the brackets: '12/26 patients (46%; …)'."""
    counted = f" {noun}" if noun else ""
    if m.proportion is None:
        return f"{m.n}{counted}"
    p = m.proportion
    if m.basis == "implied":
        words = {"n": m.n, "printed": printed_percent(m.printed), "total": p.total,
                 "share": percent(p.value)}
        if len(m.implied) == 1:
            return ngettext(
                "{n} patient ({printed} as printed, which fits {n} of {fit};"
                " {n} of all {total} would be {share})",
                "{n} patients ({printed} as printed, which fits {n} of {fit};"
                " {n} of all {total} would be {share})", m.n).format(fit=m.implied[0], **words)
        if m.implied:
            return ngettext(
                "{n} patient ({printed} as printed, which fits a denominator of {low} to"
                " {high}; {n} of all {total} would be {share})",
                "{n} patients ({printed} as printed, which fits a denominator of {low} to"
                " {high}; {n} of all {total} would be {share})", m.n).format(
                low=m.implied[0], high=m.implied[-1], **words)
        return ngettext(
            "{n} patient ({printed} as printed, which fits no whole number of patients;"
            " {n} of all {total} would be {share})",
            "{n} patients ({printed} as printed, which fits no whole number of patients;"
            " {n} of all {total} would be {share})", m.n).format(**words)
    if m.role == "detail" and m.printed is None:
        return f"{p.n}/{p.total}{counted}"  # a split of a small group: a percentage would mislead
    share = percent(p.value)
    if m.printed is not None and printed_percent(m.printed) != share:
        share = _("{printed} as printed, {share} by count").format(
            printed=printed_percent(m.printed), share=share)
    if with_interval and m.role == "outcome" and p.total > 2:
        share = _("{share}; {level} CI {interval}").format(
            share=share, level=percent(p.level / 100), interval=interval(p))
    return f"{p.n}/{p.total}{counted} ({share})"


def number(v: View, m: Measure, text: str) -> Markup:
    return span(esc(text), "num", prov(v, m.source), count=m.id) + v.marks(m.id)


@page_macro
def study(v: View, key: str) -> Markup:
    return study_citation(v.ev.study) if key == "citation" else esc(v.ev.study[key])


@page_macro
def n(v: View, cid: str) -> Markup:
    m = v.ev.measure(cid)
    return span(str(m.n), "num", prov(v, m.source), count=cid)


@page_macro
def n_patients(v: View, cid: str) -> Markup:
    """'1 patient', '26 patients': a count with its noun, agreeing in number."""
    m = v.ev.measure(cid)
    return span(esc(ngettext("{n} patient", "{n} patients", m.n).format(n=m.n)), "num",
                prov(v, m.source), count=cid)


@page_macro
def frac(v: View, cid: str, of: str | None = None) -> Markup:
    m = v.ev.measure(cid, of)
    return span(f"{m.n}/{v.ev.proportion_of(cid, of).total}", "num", prov(v, m.source),
                count=cid)


@page_macro
def prop(v: View, cid: str, of: str | None = None, noun: str = "") -> Markup:
    """n/N (%; CI) as a clinician writes it, with the audit's notes."""
    m = v.ev.measure(cid, of)
    return number(v, m, result_text(v, m, noun=noun))


@page_macro
def printed(v: View, cid: str) -> Markup:
    """The authors' printed percentage, with the denominator it implies where the source
    states none and the whole cohort does not fit it."""
    m = v.ev.measure(cid)
    return number(v, m, result_text(v, m))


@page_macro
def also(v: View, cid: str, noun: str = "") -> Markup:
    """The count against the second denominator the source's words allow."""
    m = v.ev.also(cid)
    if m is None:
        return esc("")
    counted = f" {noun}" if noun else ""
    return span(esc(f"{m.n}/{m.proportion.total}{counted} ({percent(m.proportion.value)})"), "num",
                prov(v, m.source), count=cid)


@page_macro
def caveat(v: View, cid: str) -> Markup:
    return v.glossary.text(v.ev.measure(cid).caveat or "")


@page_macro
def outside(v: View, cid: str) -> Markup:
    """Derived: how many of the larger count that `cid` lies within are not in it."""
    left = v.ev.outside(cid)
    part = v.ev.measure(cid)
    whole = v.ev.measure(v.ev.counts[cid]["within"])
    sources = in_words("; ".join(dict.fromkeys([whole.source, part.source])))
    how = _("Worked out: the difference between two reported counts.")
    return span(esc(_("none") if left == 0 else str(left)), "num",
                f"{how} {provenance(sources, v.study_name)}")


@page_macro
def all_or_some(v: View, cid: str) -> Markup:
    """'all 19' when a count is the whole of the count it lies within, else '17 of 19'."""
    left = v.ev.outside(cid)
    m = v.ev.measure(cid)
    whole = v.ev.count(v.ev.counts[cid]["within"])
    text = (_("all {whole}").format(whole=whole) if left == 0
            else _("{n} of {whole}").format(n=m.n, whole=whole))
    return span(esc(text), "num", prov(v, m.source), count=cid)


@page_macro
def duration(v: View, did: str) -> Markup:
    d = v.ev.duration(did)
    text = duration_text(d)
    return span(esc(text), "num", prov(v, d["source"]), duration=did) + v.marks(did)


def duration_text(d: dict) -> str:
    """'10 months (range 2 to 36)': a median with its range where the source gives one."""
    if d["low"] is None:
        return f"{decimal(d['median'])} {unit_name(d['unit'])}"
    return _("{median} {unit} (range {low} to {high})").format(
        median=decimal(d["median"]), unit=unit_name(d["unit"]), low=decimal(d["low"]),
        high=decimal(d["high"]))


@page_macro
def not_reported(v: View, gid: str) -> Markup:
    missing = sum(p.n for p in v.ev.breakdown(gid) if p.derived)
    return span(str(missing), "num", _("Worked out: the total minus the reported categories"))


@page_macro
def parts_sum(v: View, gid: str, separately: bool = False) -> Markup:
    """The sum of a group's categories; those usually counted within another are left out
    unless `separately`."""
    total = sum(p.n for p in v.ev.breakdown(gid)
                if not p.derived and (separately or p.nested_in is None))
    return span(str(total), "num", _("Worked out: the sum of the reported categories"))


@page_macro
def label(v: View, cid: str) -> Markup:
    return v.glossary.text(lower_first(v.ev.measure(cid).label))


@page_macro
def interval_method(v: View) -> Markup:
    return esc(_("{level} confidence intervals ({method} method)").format(
        level=percent(v.ev.level / 100), method=v.ev.method_name))
