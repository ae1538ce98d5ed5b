"""Rounding as printed numbers are rounded: school rounding and truncation."""

from __future__ import annotations

import math


def round_half_up(x: float, digits: int = 0) -> float:
    """School rounding (2.5 -> 3), unlike Python's round-half-to-even."""
    factor = 10**digits
    return math.floor(x * factor + 0.5 + 1e-9) / factor


def truncate(x: float, digits: int = 0) -> float:
    factor = 10**digits
    return math.floor(x * factor + 1e-9) / factor
