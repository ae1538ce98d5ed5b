"""The one error a data problem raises: it names the file, the place and what was expected."""

from __future__ import annotations


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
