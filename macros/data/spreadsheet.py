"""Text that a spreadsheet would run as a formula, and how to make a CSV cell safe to open.

A cell starting with =, +, -, @, a tab or a carriage return is read by Excel, LibreOffice
and Google Sheets as a formula (CSV or formula injection). The data files refuse such text
unless it is a number (macros/data/fields.py); every CSV the site writes passes its cells through
`safe_cell`, which neutralises them the way OWASP describes: a single quote in front, so the
spreadsheet shows the text instead of running it.
"""

from __future__ import annotations

import re
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A plain number ("-3", "+2.5") is the one such text a spreadsheet reads as what it is.
PLAIN_NUMBER = re.compile(r"^[+-]?[0-9]+(\.[0-9]+)?$")


def is_formula(text: str) -> bool:
    """True for text a spreadsheet would run as a formula, not read as a number."""
    return text.startswith(FORMULA_START) and not PLAIN_NUMBER.match(text)


def safe_cell(value: Any) -> Any:
    """`value` as a CSV cell that no spreadsheet runs: numbers and ordinary text unchanged,
    text starting with a formula character prefixed with a single quote."""
    if isinstance(value, str) and is_formula(value):
        return "'" + value
    return value
