"""Certainty of the evidence (GRADE) for each row of the summary of findings.

The ratings are the study team's judgements, kept in data/certainty.csv. The build checks
that they add up: the starting level, less one level for each serious concern and two for
each very serious one, plus any upgrade, gives the rating (never below very low). A
downgrade or an upgrade without its reason stops the build.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..data.errors import DataError
from ..data.load import Dataset
from ..data.tables import rows
from ..i18n import _, long_date
from .render import esc, lower_first, tooltip

DOMAINS = (
    ("risk_of_bias", "Risk of bias"),
    ("inconsistency", "Inconsistency"),
    ("indirectness", "Indirectness"),
    ("imprecision", "Imprecision"),
    ("publication_bias", "Publication bias"),
)
STEPS = {"not applicable": 0, "not serious": 0, "serious": 1, "very serious": 2}
LEVELS = {"very low": 1, "low": 2, "moderate": 3, "high": 4}
WORDS = {v: k for k, v in LEVELS.items()}


def _domain_name(domain: str) -> str:
    names = {"risk_of_bias": _("Risk of bias"), "inconsistency": _("Inconsistency"),
             "indirectness": _("Indirectness"), "imprecision": _("Imprecision"),
             "publication_bias": _("Publication bias")}
    return names[domain]


def _judgement(value: str) -> str:
    """A judgement of data/certainty.csv ('serious') in the language of the page."""
    names = {"not applicable": _("not applicable"), "not serious": _("not serious"),
             "serious": _("serious"), "very serious": _("very serious")}
    return names[value]


def rating_name(rating: str) -> str:
    """A rating ('very low') in the language of the page, lower case."""
    names = {"very low": _("very low"), "low": _("low"), "moderate": _("moderate"),
             "high": _("high")}
    return names[rating]


def _and(items: list[str]) -> str:
    """'A and B and C' in the language of the page."""
    text = items[0]
    for item in items[1:]:
        text = _("{first} and {second}").format(first=text, second=item)
    return text


def expected_rating(row: dict) -> str:
    """The rating the judgements add up to, within very low and high."""
    down = sum(STEPS[row[domain]] for domain, _ in DOMAINS)
    level = LEVELS[row["start"]] - down + int(row["upgrade"])
    return WORDS[min(max(level, 1), 4)]


def check_certainty(data: Dataset) -> None:
    """Every summary row rated, every downgrade and upgrade explained, the arithmetic right."""
    shown = f"data/{data.files['certainty']}"
    rated = {row["outcome"]: row for row in rows(data["certainty"])}
    for row in rows(data["summary_outcomes"]):
        if row["id"] not in rated:
            raise DataError(
                shown, f"expected a certainty rating for the outcome '{row['id']}' of"
                f" data/{data.files['summary_outcomes']} (line"
                f" {data.lines['summary_outcomes'][row['id']]}), found no row; every row of"
                " the summary of findings needs one", column="outcome",
            )
    for row in rated.values():
        line = data.lines["certainty"][row["outcome"]]
        where = {"line": line, "row": line - 1}
        for domain, label in DOMAINS:
            if STEPS[row[domain]] and not row[f"{domain}_reason"]:
                raise DataError(
                    shown, f"expected the reason for rating down for {label.lower()}"
                    f" ('{row[domain]}'), found an empty cell; readers are shown every"
                    " reason", column=f"{domain}_reason", **where,
                )
        if row["upgrade"] and not row["upgrade_reason"]:
            raise DataError(shown, "expected the reason for rating up, found an empty cell",
                            column="upgrade_reason", **where)
        expected = expected_rating(row)
        if row["rating"] != expected:
            down = sum(STEPS[row[d]] for d, _ in DOMAINS)
            raise DataError(
                shown, f"expected the rating '{expected}': starting at '{row['start']}',"
                f" {down} level(s) down and {row['upgrade']} up, found '{row['rating']}';"
                " correct the rating or the judgements", column="rating", **where,
            )
        if row["rating"] != "very low" and not row["statement"]:
            raise DataError(
                shown, f"expected a statement of what the evidence shows (rated"
                f" '{row['rating']}'), found an empty cell; only a very low rating has one"
                " the site can word by itself", column="statement", **where,
            )


@dataclass(frozen=True)
class Note:
    key: str      # a, b, c...
    text: str


SEPARATOR = " | "  # several reasons in one cell, each its own footnote


def reasons_of(row: dict, domain: str) -> list[str]:
    """The reasons given for one domain's judgement, each said once."""
    text = row[f"{domain}_reason"] or ""
    return [r.strip() for r in text.split(SEPARATOR.strip()) if r.strip()]


def importance_name(value: str) -> str:
    names = {"critical": _("critical"), "important": _("important"),
             "of limited importance": _("of limited importance")}
    return names[value]


def levels_down(row: dict) -> tuple[int, int]:
    """(the levels the concerns add up to, the levels the rating could and did go down):
    very low is the floor, so concerns beyond it are said but not subtracted."""
    concerns = sum(STEPS[row[d]] for d, _ in DOMAINS)
    room = LEVELS[row["start"]] + int(row["upgrade"]) - 1
    return concerns, min(concerns, room)


def _letter(i: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[i] if i < len(letters) else letters[i // 26 - 1] + letters[i % 26]


class CertaintyTable:
    """Cells for the summary of findings and the evidence profile, and the footnotes that
    explain them: each reason once, however many outcomes and domains it concerns.
    `every_reason`: the footnotes give the reasons for every judgement (the evidence
    profile), not only for those that lowered or raised the rating (the summary)."""

    def __init__(self, data: Dataset, every_reason: bool = False, anchor: str = "certainty-note"
                 ) -> None:
        order = [r["id"] for r in rows(data["summary_outcomes"])]
        by_outcome = {r["outcome"]: r for r in rows(data["certainty"])}
        self.rows = {o: by_outcome[o] for o in order if o in by_outcome}
        self.every_reason = every_reason
        self.anchor = anchor
        self.notes: dict[tuple[str, str], Note] = {}
        for row in self.rows.values():
            for domain, text in self._reasons(row):
                if (domain, text) not in self.notes:
                    self.notes[(domain, text)] = Note(
                        _letter(len(self.notes)), self._note_text(domain, text))

    def _reasons(self, row: dict, only: str | None = None) -> list[tuple[str, str]]:
        out = []
        for domain, _label in DOMAINS:
            if only is not None and domain != only:
                continue
            if self.every_reason or STEPS[row[domain]]:
                out += [(domain, r) for r in reasons_of(row, domain)]
        if (only is None or only == "upgrade") and row["upgrade_reason"] and \
                (self.every_reason or int(row["upgrade"])):
            out.append(("upgrade", row["upgrade_reason"]))
        return out

    @staticmethod
    def _note_text(domain: str, reason: str) -> str:
        if domain == "upgrade":
            return _("Rating up: {reason}").format(reason=lower_first(reason))
        return _("{domain}: {reason}").format(domain=_domain_name(domain),
                                              reason=lower_first(reason))

    def marks(self, row: dict, only: str | None = None) -> Markup:
        out = ""
        keys = dict.fromkeys(self.notes[k].key for k in self._reasons(row, only))
        for n in sorted((n for n in self.notes.values() if n.key in keys),
                        key=lambda n: (len(n.key), n.key)):
            label = esc(_("Reason {key}").format(key=n.key))
            out += (f'<a href="#{self.anchor}-{n.key}" title="{tooltip(n.text)}"'
                    f' aria-label="{label}">{n.key}</a>')
        return Markup(f'<sup class="certainty-marks">{out}</sup>') if out else Markup("")

    def rating(self, outcome: str) -> Markup:
        row = self.rows[outcome]
        level = LEVELS[row["rating"]]
        symbols = "⊕" * level + "◯" * (4 - level)
        return Markup(
            f'<span class="certainty certainty-{row["rating"].replace(" ", "-")}">'
            f'<span class="certainty-symbols" aria-hidden="true">{symbols}</span> '
            f'{esc(rating_name(row["rating"]).capitalize())}</span>')

    def cell(self, outcome: str) -> Markup:
        """'⊕◯◯◯ Very low' and a superscript link to each reason below the table."""
        return self.rating(outcome) + self.marks(self.rows[outcome])

    def domain_cell(self, outcome: str, domain: str) -> Markup:
        """One domain of the evidence profile: the judgement and its reasons' marks."""
        row = self.rows[outcome]
        return esc(_judgement(row[domain]).capitalize()) + self.marks(row, domain)

    def steps_text(self, outcome: str) -> str:
        """How the rating was reached, in words, saying where the floor stopped it."""
        row = self.rows[outcome]
        concerns, applied = levels_down(row)
        start = rating_name(row["start"])
        if concerns == 0:
            return _("Starts at {start}; no concern lowers it.").format(start=start)
        levels = {1: _("one level"), 2: _("two levels"), 3: _("three levels")}
        if applied == concerns:
            return _("Starts at {start}; lowered {levels}.").format(
                start=start, levels=levels[applied])
        if applied == 0:
            return _("Starts at {start}, already the lowest rating: the concerns are shown but"
                     " cannot lower it.").format(start=start)
        return _("Starts at {start}; lowered {levels}, to very low, the lowest rating: the other"
                 " concerns are shown but cannot lower it further.").format(
            start=start, levels=levels[applied])

    def statement(self, outcome: str, intervention: str, label: str) -> str:
        """What the evidence shows, in the words GRADE uses for the rating."""
        row = self.rows[outcome]
        if row["rating"] == "very low":
            return _("The evidence is very uncertain about the effect of {intervention} on"
                     " {outcome}.").format(intervention=intervention, outcome=label)
        return str(row["statement"])

    def judged(self) -> str:
        """Who rated the evidence and when, in words."""
        who = sorted({r["judged_by"] for r in self.rows.values()})
        dates = sorted({r["judged_on"] for r in self.rows.values()})
        when = _and([long_date(d) for d in dates])
        return _("{who} on {when}").format(who=_and(who), when=when)

    def judged_text(self) -> Markup:
        return esc(lower_first(self.judged()))

    def note_items(self) -> Markup:
        return Markup("".join(
            f'<li id="{self.anchor}-{n.key}"><span class="note-key">{n.key}.</span>'
            f" {esc(n.text)}</li>" for n in self.notes.values()))

    def footnotes(self) -> Markup:
        return Markup(
            '\n\n<div class="certainty-notes"><p>'
            + _("Reasons for the certainty ratings (judged by {judged}):").format(
                judged=self.judged_text())
            + "</p>"
            f'<ul class="certainty-reasons">{self.note_items()}</ul></div>\n\n'
        )

    def tally(self, plain: bool = False) -> Markup:
        """'very low for all 7 outcomes', or 'low for 2 outcomes, very low for 5'; `plain`
        says 'results', the word of the summary for patients."""
        counts: dict[str, int] = {}
        for row in self.rows.values():
            counts[row["rating"]] = counts.get(row["rating"], 0) + 1
        if len(counts) == 1:
            rating, n = next(iter(counts.items()))
            every = _("{rating} for all {n} results") if plain else \
                _("{rating} for all {n} outcomes")
            return esc(every.format(rating=rating_name(rating), n=n)
                       if n > 1 else rating_name(rating))
        parts = [_("{rating} for {n}").format(rating=rating_name(r), n=counts[r])
                 for r in sorted(counts, key=LEVELS.get, reverse=True)]
        some = _("{ratings} results") if plain else _("{ratings} outcomes")
        return esc(some.format(ratings=", ".join(parts)))
