"""Certainty of the evidence (GRADE) for each row of the summary of findings.

The ratings are the study team's judgements, kept in data/certainty.csv. The build checks
that they add up: the starting level, less one level for each serious concern and two for
each very serious one, plus any upgrade, gives the rating (never below very low). A
downgrade or an upgrade without its reason stops the build.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from .errors import DataError
from .i18n import _, long_date
from .load import Dataset
from .render import esc, lower_first, tooltip
from .tables import rows

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


@dataclass(frozen=True)
class Note:
    key: str      # a, b, c...
    text: str


def _reasons(row: dict) -> list[str]:
    """The reasons for each step down or up: what changed the rating."""
    out = []
    for domain, _label in DOMAINS:
        steps, reason = STEPS[row[domain]], row[f"{domain}_reason"]
        if reason and steps:
            text = (_("{domain}, {judgement} (rated down one level): {reason}") if steps == 1
                    else _("{domain}, {judgement} (rated down two levels): {reason}"))
            out.append(text.format(domain=_domain_name(domain),
                                   judgement=_judgement(row[domain]),
                                   reason=lower_first(reason)))
    if row["upgrade_reason"]:
        up = int(row["upgrade"])
        text = {0: _("Not rated up: {reason}"), 1: _("Rated up one level: {reason}"),
                2: _("Rated up two levels: {reason}")}[up]  # at most two: the schema says so
        out.append(text.format(reason=lower_first(row["upgrade_reason"])))
    return out


def _letter(i: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[i] if i < len(letters) else letters[i // 26 - 1] + letters[i % 26]


class CertaintyTable:
    """Cells for the summary of findings and the footnotes that explain them."""

    def __init__(self, data: Dataset) -> None:
        order = [r["id"] for r in rows(data["summary_outcomes"])]
        by_outcome = {r["outcome"]: r for r in rows(data["certainty"])}
        self.rows = {o: by_outcome[o] for o in order if o in by_outcome}
        self.notes: dict[str, Note] = {}  # the same reason shared by rows: one footnote
        for row in self.rows.values():
            for text in _reasons(row):
                if text not in self.notes:
                    self.notes[text] = Note(_letter(len(self.notes)), text)

    def cell(self, outcome: str) -> Markup:
        """'⊕◯◯◯ Very low' and a superscript link to each reason below the table."""
        row = self.rows[outcome]
        level = LEVELS[row["rating"]]
        symbols = "⊕" * level + "◯" * (4 - level)
        marks = ""
        for n in (self.notes[t] for t in _reasons(row)):
            label = esc(_("Reason {key}").format(key=n.key))
            marks += (f'<a href="#certainty-note-{n.key}" title="{tooltip(n.text)}"'
                      f' aria-label="{label}">{n.key}</a>')
        return Markup(
            f'<span class="certainty certainty-{row["rating"].replace(" ", "-")}">'
            f'<span class="certainty-symbols" aria-hidden="true">{symbols}</span> '
            f'{esc(rating_name(row["rating"]).capitalize())}</span>'
            + (f'<sup class="certainty-marks">{marks}</sup>' if marks else "")
        )

    def judged(self) -> str:
        """Who rated the evidence and when, in words."""
        who = sorted({r["judged_by"] for r in self.rows.values()})
        dates = sorted({r["judged_on"] for r in self.rows.values()})
        when = _and([long_date(d) for d in dates])
        return _("{who} on {when}").format(who=_and(who), when=when)

    def judged_text(self) -> Markup:
        return esc(lower_first(self.judged()))

    def footnotes(self) -> Markup:
        items = "".join(f'<li id="certainty-note-{n.key}"><span class="note-key">{n.key}.</span>'
                        f" {esc(n.text)}</li>" for n in self.notes.values())
        return Markup(
            '\n\n<div class="certainty-notes"><p>'
            + _("Reasons for the certainty ratings (judged by {judged}):").format(
                judged=self.judged_text())
            + "</p>"
            f'<ul class="certainty-reasons">{items}</ul></div>\n\n'
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
