"""The one error a data problem raises: it names the file, the place and what was expected."""

from __future__ import annotations

# A value quoted in a message is cut to this many characters: a message names the place and
# what was found, it does not repeat a whole paragraph (or a 10,000-character cell).
SHOWN_LENGTH = 80


def shorten(text: str, limit: int = SHOWN_LENGTH) -> str:
    """`text` cut at `limit` characters, with an ellipsis when it was longer."""
    return text if len(text) <= limit else text[:limit] + "…"


def shown(value: object, limit: int = SHOWN_LENGTH) -> str:
    """A found value as a message quotes it: in quotes, cut when long."""
    return repr(shorten(value, limit)) if isinstance(value, str) else repr(value)


class DataError(ValueError):
    """A problem in data/ that must stop the build.

    The message is written for the person who edits the data: which file, which line
    (the header is line 1), which column, what was expected and what was found.
    """

    def __init__(
        self,
        file: str,
        message: str,
        *,
        line: int | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        file, column = shorten(file), shorten(column) if column is not None else None
        self.file = file
        self.line = line
        self.row = row
        self.column = column
        self.detail = message
        place = [file]
        if line is not None:
            place.append(f"line {line}" + (f" (row {row})" if row is not None else ""))
        if column is not None:
            place.append(f"column '{column}'")
        super().__init__(f"Data error in {', '.join(place)}: {message}")
