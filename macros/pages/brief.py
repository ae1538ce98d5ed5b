"""The evidence brief: a chart as one small static picture, for a page laid out for the
printed sheets it declares. The full chart, with its table and interactive version, stays on
its own page; the picture here is the same figure, drawn by the same exporter."""

from __future__ import annotations

import json

from markupsafe import Markup, escape

from ..data.errors import DataError
from ..evidence.render import esc, lower_first, words
from ..figures import static_charts
from ..figures.figure_block import svg_data_url
from ..figures.figures import figure_json
from ..i18n import _, ngettext
from .brief_files import PDFS
from .charts import CHART_KINDS, axis_title, group_summary
from .registry import page_macro
from .view import View

WIDTH = 360  # px: two pictures side by side fill the printed column


def _alt(v: View, gid: str) -> str:
    """The picture's numbers in words, for a reader who cannot see it."""
    parts = [p for p in v.ev.breakdown(gid) if p.nested_in is None]
    return _("; ").join(_("{label}: {n} of {total}").format(label=p.label, n=p.n, total=p.total)
                        for p in parts)


@page_macro
def brief_picture(v: View, gid: str, page: str) -> Markup:
    """A group's chart as a small static picture (light and dark palette), its title, and a
    link to `page` ('response/'), where the chart is shown whole with its table."""
    group = v.ev.group(gid)
    draw = CHART_KINDS.get(str(group["chart"]))
    if draw is None:
        line = v.ev.data.lines["groups"][gid]
        raise DataError(f"data/{v.ev.data.files['groups']}", f"the brief draws a chart of"
                        f" '{gid}', whose chart is '{group['chart']}'; expected one of"
                        f" {', '.join(CHART_KINDS)}", column="chart", line=line, row=line - 1)
    total = v.ev.breakdown(gid)[0].total
    total_label = lower_first(v.ev.measure(group["total"]).label)
    fig = draw(group_summary(v, gid), group["label"], axis_title(total_label, total))
    pictures = static_charts.current().pictures(json.loads(figure_json(fig)), widths=(WIDTH,))
    alt = _("Chart: {title}. {numbers}.").format(title=group["label"], numbers=_alt(v, gid))
    link = Markup(f'<a href="{esc(v.url(page))}">') + esc(_("the full chart and its table")) \
        + Markup("</a>")
    caption = words(_("{label}: {link}."), label=group["label"], link=link)
    imgs = "".join(
        f'<img class="brief-{p.palette}" width="{p.width}" height="{p.height}"'
        f' alt="{esc(alt)}"'
        f' src="{escape(svg_data_url(p.svg))}">'
        for p in pictures)
    return Markup(
        f'<figure class="brief-chart" id="brief-{esc(gid)}">{imgs}'
        f'<figcaption>{caption}</figcaption></figure>')


# What each paper size is called on a page, in the active language.
def paper_words() -> dict[str, str]:
    return {"A4": "A4", "Letter": _("US Letter")}


@page_macro
def brief_pdfs(v: View) -> Markup:
    """Markdown links to the brief's PDFs, one per paper size, for a page at the top of docs/
    (MkDocs checks them and makes them relative to the page)."""
    link = {paper: f"[{name}]({PDFS[paper]})" for paper, name in paper_words().items()}
    return Markup(_("{a4} or {letter}").format(a4=link["A4"], letter=link["Letter"]))


@page_macro
def brief_sheets(v: View, sheets: int) -> Markup:
    """What the brief takes on paper, said on the page, on screen and on paper alike. The
    print (macros/publish/brief_pdf.py) must take exactly the sheets declared here
    (data-brief-sheets)."""
    if sheets == 1:
        text = _("This brief is laid out to print on one sheet of A4 or US Letter.")
    else:
        text = ngettext(
            "This brief is laid out to print on {n} sheet of A4 or US Letter.",
            "This brief takes {n} sheets of A4 or US Letter: printed at a size that can be"
            " read on paper, the summary of findings and the reasons for its certainty"
            " ratings do not fit on one.", sheets).format(n=sheets)
    return Markup(f'<p class="brief-sheets" data-brief-sheets="{int(sheets)}">{esc(text)}</p>')


@page_macro
def brief_sheet_count(v: View, sheets: int) -> Markup:
    """How many sheets the brief is laid out for, as a sentence says it: '2 sheets of A4 or
    US Letter'."""
    return esc(ngettext("{n} sheet of A4 or US Letter", "{n} sheets of A4 or US Letter",
                        int(sheets)).format(n=int(sheets)))


def _css_string(text: str) -> str:
    """A CSS string literal of plain text."""
    return '"' + "".join(c if c.isalnum() or c in " .,:;/-_#()" else f"\\{ord(c):06x}"
                         for c in text) + '"'


SAID_IN_TABLE = ("printed percentage", "parts and total")


def cited_findings(v: View) -> list:
    """The audit findings the brief links to: those about the numbers of its summary of
    findings (the key messages speak of the same numbers)."""
    ids = [i for row in v.ev.rows("summary_outcomes") for i in (row["count"], row["of"]) if i]
    groups = {str(r["id"]): r["group"] for r in v.ev.rows("counts")}
    found = v.ev.findings_for(*ids, *(groups[i] for i in ids if groups.get(i)))
    return [f for f in found if f.rule != "parts and total" or f.ids[0] in groups.values()]


@page_macro
def brief_paper_notes(v: View, site_address: str | None) -> Markup:
    """On paper a link cannot be followed: each audit finding the brief links to is printed
    in full, numbered on the sheet, and each link to one is followed by that number; then
    where the audit is, in words when the site has no address yet."""
    cited = cited_findings(v)
    # what these findings say is printed already, by the table's footnotes (a printed
    # percentage that does not fit) and comments (patients in no category): on paper their
    # marks go, and the rest are printed in full
    found = [f for f in cited if f.rule not in SAID_IN_TABLE]
    number = {f.key: i for i, f in enumerate(found, start=1)}
    rules = "".join(f'.md-typeset a.audit-mark[href$="#{f.key}"]{{display:none}}'
                    for f in cited if f.rule in SAID_IN_TABLE)
    for key, n in number.items():
        said = " [" + _("audit {n}").format(n=n) + "]"
        rules += (f'.md-typeset a[href$="#{key}"]::after{{content:{_css_string(said)};'
                  "font-size:1em;color:inherit}")
    items = Markup(" ").join(
        words(_("[audit {n}] {text}"), n=str(number[f.key]), text=v.glossary.text(f.message))
        for f in found)
    if site_address:
        audit = str(site_address) + "audit/"
        where = Markup(f'<a href="{esc(audit)}">{esc(audit)}</a>')
        text = words(_("On paper: the audit findings cited above. The whole audit:"
                       " {address}."), address=where)
    else:
        text = esc(_("On paper: the audit findings cited above. The whole audit: the site's"
                     " Audit page (a local preview, not published, has no address)."))
    return Markup(f'<style media="print">{rules}</style>'
                  f'<div class="brief-paper brief-findings"><p>{text} {items}</p></div>')
