"""The HTML of one figure: caption, the chart (static pictures, and the figure the page
script draws interactively on demand), the table of its numbers and a CSV of them."""

from __future__ import annotations

import functools
import json

from markupsafe import Markup, escape

from ..evidence.render import esc
from ..i18n import _
from . import static_charts
from .figures import figure_json

# Characters kept as they are in a data: address of an SVG; all others are %-encoded
# (quotes, <, >, & and # among them), so nothing in it can close the attribute or start
# markup, and gzip still sees the repeated text of the pictures side by side.
_SAFE = " /:;=,()!*-._~?"
# urllib.parse.quote(svg, safe=_SAFE), table-driven: quote() calls Python once per byte,
# which was most of a build's time for the large pictures of a big data set. Each byte of
# the UTF-8 text, read as one Latin-1 character, becomes itself or its %XX.
_QUOTED = {byte: chr(byte) if chr(byte) in _SAFE or chr(byte).isascii() and chr(byte).isalnum()
           else f"%{byte:02X}" for byte in range(256)}


@functools.lru_cache(maxsize=256)  # the same pictures come back in every build of a test run
def svg_data_url(svg: str) -> str:
    return "data:image/svg+xml," + svg.encode("utf-8").decode("latin-1").translate(_QUOTED)


def pictures_html(pictures: list[static_charts.Picture]) -> Markup:
    """The static pictures; the stylesheet shows the one for the palette and the width."""
    imgs = [
        f'<img class="static-{p.palette} static-w{p.width}" width="{p.width}"'
        f' height="{p.height}" alt="" src="{escape(svg_data_url(p.svg))}">'
        for p in pictures
    ]
    return Markup(f'<div class="static-chart">{"".join(imgs)}</div>')


def figure_html(key: str, title: str, caption: str, fig, table_markup: str, csv_href: str,
                exporter: static_charts.Exporter | None = None) -> Markup:
    """A figure: caption, chart, table, CSV link. `fig` is a Plotly figure; `table_markup`
    is already-escaped HTML; `csv_href` a data: address of the numbers."""
    data = figure_json(fig)
    pictures = (exporter or static_charts.current()).pictures(json.loads(data))
    # What assistive technology announces for the interactive chart once drawn.
    drawn = _("Chart. {title}. {caption} The table below gives its numbers.").format(
        title=title, caption=caption)
    name = _("Chart: {title}").format(title=title)
    download = _("Download these numbers (CSV)")
    return Markup(
        # Out of the search index, which every first visit downloads: the page's own text
        # and headings say what the chart shows.
        f'\n\n<figure class="evidence-chart" id="fig-{esc(key)}" data-search-exclude>'
        f'<figcaption><strong>{esc(title)}.</strong> {esc(caption)}</figcaption>'
        # Focusable, so that a keyboard reaches for the chart as a pointer does; the page
        # script then draws the interactive chart in place of the pictures. No role="img":
        # the drawn chart holds the toolbar's buttons.
        f'<div class="plotly-chart" data-figure="{esc(data)}" tabindex="0" role="group"'
        f' aria-label="{esc(name)}"'
        f' data-drawn-label="{esc(drawn)}">{pictures_html(pictures)}</div>'
        f'{str(table_markup).strip()}'
        f'<p class="chart-download"><a download="{esc(key)}.csv" href="{esc(csv_href)}">'
        f"{esc(download)}</a></p></figure>\n\n"
    )
