"""Convert one text cell to its declared type, or say exactly why it cannot be.

Field descriptors follow the Frictionless Table Schema vocabulary as used in
data/datapackage.yml. Every cell arrives as text; nothing is guessed: an empty cell is
missing, any other text must be a valid value of the field's type.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from .errors import shown
from .spreadsheet import is_formula

INTEGER = re.compile(r"^[+-]?[0-9]+$")
NUMBER = re.compile(r"^[+-]?[0-9]+(\.[0-9]+)?$")
THOUSANDS = re.compile(r"^[+-]?[0-9]{1,3}(,[0-9]{3})+$")  # 1,132 or 12,345,678
DECIMAL_COMMA = re.compile(r"^[+-]?[0-9]+,[0-9]+$")
LEADING_ZERO = re.compile(r"^[+-]?0[0-9]")  # 0123: a typo, or YAML 1.1's octal 83?
TYPES = ("string", "integer", "number", "date", "boolean", "list")
NUMBER_TYPES = ("integer", "number")
# Line breaks, control characters and the invisible marks that reorder text on screen.
CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# Characters that show nothing by themselves: controls, format characters (zero-width space,
# joiners, direction marks), unassigned and private code points, spaces, separators, marks
# that only combine with a letter; and the few letters and symbols drawn as blanks.
INVISIBLE_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Me"}
BLANK_LOOKING = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"}
MISSING_WORDS = {"na", "n/a", "null", "none", "nan", "-", "?", "nd", "not stated"}


class CellError(ValueError):
    """A cell that does not fit its field; the loader adds file, line and column."""


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    required: bool = False
    enum: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None
    max_length: int | None = None
    item_reference: str | None = None

    @classmethod
    def from_descriptor(cls, d: dict[str, Any]) -> Field:
        c = d.get("constraints", {}) or {}
        enum = c.get("enum")
        return cls(
            name=d["name"],
            type=d.get("type", "string"),
            required=bool(c.get("required", False)),
            enum=tuple(str(v) for v in enum) if enum is not None else None,
            minimum=c.get("minimum"),
            maximum=c.get("maximum"),
            pattern=c.get("pattern"),
            max_length=c.get("maxLength"),
            item_reference=d.get("itemReference"),
        )

    def expected(self) -> str:
        """What a valid value looks like, in words for the person editing the file."""
        if self.enum is not None:
            return "one of " + ", ".join(f"'{v}'" for v in self.enum)
        words = {
            "integer": "a whole number",
            "number": "a number written with digits and a decimal point (e.g. 12 or 12.5)",
            "date": "a date written YYYY-MM-DD",
            "boolean": "true or false",
            "list": "ids separated by single spaces",
            "string": "text",
        }[self.type]
        if self.minimum is not None and self.maximum is not None:
            words += f" from {_plain(self.minimum)} to {_plain(self.maximum)}"
        elif self.minimum is not None:
            words += f" of at least {_plain(self.minimum)}"
        if self.max_length is not None:
            words += f" of at most {self.max_length} characters"
        return words

    def convert(self, text: str) -> Any:
        """Return the typed value of one cell, None when empty and allowed."""
        if text == "":
            if self.required:
                raise CellError(f"expected {self.expected()}, found an empty cell")
            return None
        if text != text.strip():
            raise CellError(
                f"expected {self.expected()}, found {_show(text)} with spaces around it;"
                " remove the spaces"
            )
        value = self._typed(text)
        self._check_constraints(text, value)
        return value

    def _typed(self, text: str) -> Any:
        kind = self.type
        if kind in ("integer", "number"):
            if "," in text and (hint := comma_hint(kind, text)):
                raise CellError(f"expected {self.expected()}, found {_show(text)}: {hint}")
            pattern = INTEGER if kind == "integer" else NUMBER
            if not pattern.match(text):
                hint = ""
                if text.lower() in MISSING_WORDS:
                    hint = (" (to say a value is not reported, leave the cell empty where the"
                            " data dictionary allows it)")
                raise CellError(f"expected {self.expected()}, found {_show(text)}{hint}")
            if LEADING_ZERO.match(text):
                raise CellError(
                    f"expected {self.expected()} without leading zeros, found {_show(text)}"
                )
            too_long = CellError(f"expected {self.expected()}, found {_show(text)}, a number"
                                 f" of {len(text)} digits")
            try:
                value = int(text) if kind == "integer" else float(text)
            except ValueError:  # Python refuses to read whole numbers of over 4,300 digits
                raise too_long from None
            if math.isinf(value):
                raise too_long
            return value
        if kind == "date":
            try:
                if not DATE.match(text):
                    raise ValueError
                return dt.date.fromisoformat(text)
            except ValueError:
                raise CellError(f"expected {self.expected()}, found {_show(text)}") from None
        if kind == "boolean":
            if text not in ("true", "false"):
                raise CellError(f"expected {self.expected()}, found {_show(text)}")
            return text == "true"
        if kind == "list":
            items = text.split(" ")
            if any(not item for item in items):
                raise CellError(f"expected {self.expected()}, found {_show(text)}")
            return tuple(items)
        if kind == "string":
            if CONTROL.search(text):
                raise CellError(
                    f"expected {self.expected()} on one line, found a line break or a control"
                    " character"
                )
            if is_invisible(text):
                raise CellError(
                    f"expected {self.expected()}, found only invisible characters (zero-width"
                    " or blank characters, which a reader would see as nothing); write the"
                    " text, or leave the cell empty where the data dictionary allows it"
                )
            if is_formula(text):
                raise CellError(
                    f"expected {self.expected()} that does not start with =, +, -, @ or a tab,"
                    f" found {_show(text)}: a spreadsheet opening the published file would run"
                    " it as a formula; reword the start (or, for a number, write only the"
                    " number)"
                )
            return text
        raise CellError(f"the schema declares an unknown type '{kind}'")

    def _check_constraints(self, text: str, value: Any) -> None:
        if self.enum is not None and text not in self.enum:
            raise CellError(f"expected {self.expected()}, found {_show(text)}")
        if self.minimum is not None and value < self.minimum:
            raise CellError(f"expected {self.expected()}, found {_show(text)}")
        if self.maximum is not None and value > self.maximum:
            raise CellError(f"expected {self.expected()}, found {_show(text)}")
        if self.max_length is not None and len(text) > self.max_length:
            raise CellError(
                f"expected {self.expected()}, found text of {len(text)} characters"
            )
        if self.pattern is not None and not re.fullmatch(self.pattern, text):
            raise CellError(
                f"expected a value matching the pattern {self.pattern}, found {_show(text)}"
            )


def is_invisible(text: str) -> bool:
    """True for text that shows nothing on a page: only invisible or blank characters."""
    return all(unicodedata.category(c) in INVISIBLE_CATEGORIES or c in BLANK_LOOKING
               for c in text)


def _plain(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _show(text: str) -> str:
    """Quote a found value for an error message, shortened when very long."""
    return shown(text)


def comma_hint(kind: str, text: str) -> str | None:
    """What to do about a comma inside a number, without guessing which number was meant.

    "46,2" can only be a decimal comma. "1,132" may be 1132 with a thousands separator or
    1.132 with a decimal comma; the hint names neither, so that no wrong number follows it."""
    if THOUSANDS.match(text):
        if kind == "integer":
            return "write whole numbers without a thousands separator (digits only)"
        return ("a comma may separate thousands or mark decimals, and the site cannot tell"
                " which; check the source, then write the number with digits only, and a point"
                " before the decimals if it has any")
    if DECIMAL_COMMA.match(text):
        return "write the decimal separator as a point, not a comma"
    return None
