"""Numbers in plain words, for the summary written for patients and families."""

from __future__ import annotations

from markupsafe import Markup

from ..evidence.evidence import Evidence
from ..evidence.render import esc, lower_first, span
from ..evidence.source_text import in_words
from ..i18n import _, decimal, unit_name


class PlainNumbers:
    def __init__(self, evidence: Evidence) -> None:
        self.ev = evidence

    def _source(self, source: str) -> str:
        return _("From the study report: {source}").format(source=lower_first(in_words(source)))

    def number(self, cid: str) -> Markup:
        """A count alone, with where it comes from in words."""
        m = self.ev.measure(cid)
        return span(str(m.n), "num", self._source(m.source), count=cid)

    def of_count(self, cid: str, of: str | None = None, noun: str = "") -> Markup:
        """'12 of 26 people': a count and its denominator, in words a reader says aloud. The
        noun is placed as the language places it ('12 personnes sur 26')."""
        m = self.ev.measure(cid, of)
        total = self.ev.count(m.of) if m.of else None
        if total is None:
            text = f"{m.n} {noun}".rstrip()
        elif noun:
            text = _("{n} of {total} {noun}").format(n=m.n, total=total, noun=noun)
        else:
            text = _("{n} of {total}").format(n=m.n, total=total)
        return span(esc(text), "num", self._source(m.source), count=cid)

    def median(self, did: str) -> Markup:
        """'32 months': the median alone, without its range."""
        d = self.ev.duration(did)
        text = f"{decimal(d['median'])} {unit_name(d['unit'])}"
        return span(text, "num", self._source(d["source"]), duration=did)
