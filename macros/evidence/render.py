"""The one place that turns values into HTML. Data text is always escaped here.

Pages are Markdown, and Markdown still interprets text inside inline HTML: a label such as
`[x](javascript:...)` would become a link. So text from data/ is escaped for HTML and,
beyond that, every ASCII punctuation character becomes a numeric character reference:
neither Markdown, nor attribute lists, nor Jinja can read anything into it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from markupsafe import Markup

from .. import i18n

if TYPE_CHECKING:  # the statistics' libraries are not needed to print text
    from .stats import Proportion

_PUNCTUATION = {ord(c): f"&#{ord(c)};" for c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"}


def esc(value: object) -> Markup:
    """Escape any value for HTML text or a quoted attribute, inert to Markdown and Jinja."""
    return Markup(str(value).translate(_PUNCTUATION))


def html_id(value: object) -> Markup:
    """An element id made from data: lower-case letters, digits and hyphens only, so that it
    needs no escaping and every builder's anchor check reads it as the links write it."""
    return Markup(re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-"))


def tooltip(value: object) -> Markup:
    """Escape a value for a title attribute.

    The theme draws a title as a styled tooltip by putting the attribute's text into the
    page as HTML, so the text is escaped for HTML first, and then for the attribute. The
    result also suits the Markdown abbr extension, which keeps character references."""
    return esc(html.escape(str(value), quote=False))


class Glossary:
    """Wraps known abbreviations in escaped text with <abbr> tooltips."""

    # Abbreviations are single words of letters and digits (the glossary's schema says so):
    # each word of the text is looked up, so the cost does not grow with the glossary.
    WORD = re.compile(r"\b[^\W\d_][^\W_]*\b")

    def __init__(self, terms: dict[str, str]) -> None:
        self.terms = {term: f'<abbr title="{tooltip(expansion)}">{term}</abbr>'
                      for term, expansion in terms.items()}

    def text(self, value: object) -> Markup:
        escaped = str(esc(value))
        if not self.terms:
            return Markup(escaped)
        return Markup(self.WORD.sub(lambda m: self.terms.get(m.group(), m.group()), escaped))


def lower_first(label: str) -> str:
    """'Patients treated' -> 'patients treated', "L'étude" -> "l'étude" (an elided
    article); abbreviations such as 'CCR' and names such as "O'Brien" stay."""
    elided = label[1:2] in ("'", "’") and label[2:3].islower()
    # a one-letter first word that is a word, not an initial: 'A', French 'À'
    one_letter = label[:2] in ("A ", "À ")
    if len(label) > 1 and label[0].isupper() and (label[1].islower() or elided or one_letter):
        return label[0].lower() + label[1:]
    return label


percent = i18n.percent
printed_percent = i18n.printed_percent


def bound(fraction: float) -> str:
    """A bound of an interval as a whole percentage, never rounded onto a limit it does not
    reach: 0.9987 is '>99%', not '100%'; 0.002 is '<1%', not '0%'."""
    shown = percent(fraction)
    if fraction < 1 and shown == percent(1):
        return i18n._(">{percent}").format(percent=percent(0.99))
    if fraction > 0 and shown == percent(0):
        return i18n._("<{percent}").format(percent=percent(0.01))
    return shown


def interval(p: Proportion) -> str:
    """'27% to 67%': the bounds of a confidence interval, for a table's interval column."""
    if p.low is None:
        return "–"
    return i18n._("{low} to {high}").format(low=bound(p.low), high=bound(p.high))


_PLACE = re.compile(r"\{([a-z_]+)\}")


def words(message: str, **values: str | Markup) -> Markup:
    """A sentence of the site's own words, already in the active language, with values in
    its {named} places: the words are escaped for HTML (they may contain no markup), each
    value is escaped as data text unless it is Markup already."""
    out, at = [], 0
    for place in _PLACE.finditer(message):
        value = values[place.group(1)]
        out += [html.escape(message[at:place.start()], quote=False),
                str(value if isinstance(value, Markup) else esc(value))]
        at = place.end()
    out.append(html.escape(message[at:], quote=False))
    return Markup("".join(out))


def ci_header(level: int) -> str:
    """'95% CI', 'IC à 95 %': the heading of an interval column."""
    return i18n._("{level} CI").format(level=percent(level / 100))


def provenance(source: str, study: str) -> str:
    return i18n._("Source: {study}, {source}").format(study=study, source=source)


def span(content: str | Markup, css: str, title: str | None = None, **data: str) -> Markup:
    attrs = f' class="{css}"'
    if title:
        attrs += f' title="{tooltip(title)}"'
    for key, value in data.items():  # ids, checked against ^[a-z][a-z0-9_]*$ by the schema
        attrs += f' data-{key}="{html.escape(value, quote=True)}"'
    return Markup(f"<span{attrs}>{content}</span>")


def finding_marks(findings: Iterable, audit_url: str) -> Markup:
    """Superscript links from a number to the audit findings that concern it."""
    word = i18n._("audit note")
    marks = [
        f'<a class="audit-mark audit-{f.severity}" href="{audit_url}#{f.key}"'
        f' title="{tooltip(f.message)}">{esc(word)}</a>'
        for f in findings
    ]
    return Markup(f'<sup class="audit-marks">{" ".join(marks)}</sup>') if marks else Markup("")


def table(
    headers: Sequence[str], rows: Iterable[Sequence[str | Markup]], caption: str | Markup = "",
    css: str = "evidence-table", notes: Sequence[Markup] = (), searched: bool = True,
) -> Markup:
    """A table on one line per row and no blank lines, so Markdown leaves it alone.

    Header strings are the project's own; cells must already be Markup (escaped) or are
    escaped here. Each cell carries its column's name (data-label), which narrow screens
    show beside the value when the rows are stacked as cards. Notes follow the table.
    searched=False keeps the table out of the site's search index, which every page's first
    visit downloads.
    """
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    body = "\n".join(
        "<tr>" + "".join(
            f'<td data-label="{esc(h)}">{c if isinstance(c, Markup) else esc(c)}</td>'
            for h, c in zip(headers, row, strict=True))
        + "</tr>"
        for row in rows
    )
    cap = f"<caption>{caption if isinstance(caption, Markup) else esc(caption)}</caption>" \
        if caption else ""
    foot = ("<div class=\"table-notes\">" + "".join(f"<p>{n}</p>" for n in notes) + "</div>"
            if notes else "")
    return Markup(
        f'\n\n<div class="table-wrap {css}"{"" if searched else " data-search-exclude"}>'
        f'<table>{cap}\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n'
        f"</tbody></table>{foot}</div>\n\n"
    )
