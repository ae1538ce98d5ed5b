"""The one-page evidence brief: a chart as one small static picture, for a page that must
fit one printed sheet. The full chart, with its table and interactive version, stays on its
own page; the picture here is the same figure, drawn by the same exporter."""

from __future__ import annotations

import json

from markupsafe import Markup, escape

from . import static_charts
from .brief_files import PDFS
from .charts import CHART_KINDS, axis_title, group_summary
from .errors import DataError
from .figure_block import svg_data_url
from .figures import figure_json
from .i18n import _
from .registry import page_macro
from .render import esc, lower_first, words
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
