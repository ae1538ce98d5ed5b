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


def _css_string(text: str) -> str:
    """A CSS string literal of plain text."""
    return '"' + "".join(c if c.isalnum() or c in " .,:;/-_#()" else f"\\{ord(c):06x}"
                         for c in text) + '"'


@page_macro
def brief_paper_notes(v: View, site_address: str) -> Markup:
    """On paper a link cannot be followed: where the audit is, said once, and the number of
    the audit finding printed after each mark and link that leads to one."""
    audit = str(site_address) + "audit/"
    rules = ""
    for f in v.ev.findings:
        said = " (" + _("audit finding {n}").format(n=f.key.rsplit("-", 1)[1]) + ")"
        rules += (f'.md-typeset a[href$="#{f.key}"]::after{{content:{_css_string(said)};'
                  "font-size:1em;color:inherit}")
    link = Markup(f'<a href="{esc(audit)}">{esc(audit)}</a>')
    text = words(_("On paper: audit notes and links to the audit refer to the numbered"
                   " findings of the consistency audit, at {address}. The letters beside"
                   " the certainty ratings lead to the reasons printed below the table."),
                 address=link)
    return Markup(f'<style media="print">{rules}</style>'
                  f'<p class="brief-paper address-shown">{text}</p>')
