"""The live preview's error page: what a data error says, where a page would be.

In the preview (`mkdocs serve`) a data problem does not stop the server: every page, or the
page that met the problem, shows the message instead, and the next good save brings the
pages back. The page carries a marker that the output check refuses, so an error page can
never be published.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from markupsafe import Markup

from ..data.errors import DataError
from ..evidence.render import esc

# The attribute that marks an error page; the output check refuses any page carrying it.
PREVIEW_ERROR = "data-preview-error"


class PreviewErrors:
    """The data errors met while the current page renders (or while loading, for all)."""

    def __init__(self, loading: DataError | None = None) -> None:
        self.loading = loading
        self.page: list[DataError] = []

    def guard(self, macro: Callable) -> Callable:
        """The macro, with a data error kept for the page instead of raised."""

        @wraps(macro)
        def guarded(*args, **kwargs):
            try:
                return macro(*args, **kwargs)
            except DataError as error:
                self.page.append(error)
                return Markup("")

        return guarded

    def start_page(self) -> None:
        self.page = []

    def current(self) -> DataError | None:
        return self.loading or (self.page[0] if self.page else None)


def error_page(error: DataError, page: str) -> str:
    """The Markdown of a page that cannot be shown: the message, escaped, and what to do."""
    return (
        f'<div class="admonition failure" {PREVIEW_ERROR}="">\n'
        '<p class="admonition-title">This page cannot be shown until the data are fixed</p>\n'
        f"<p>{esc(error)}</p>\n"
        f"<p>Page: {esc(page)}. Correct the file named above and save it: the preview "
        "rebuilds and this page comes back by itself.</p>\n</div>\n"
    )
