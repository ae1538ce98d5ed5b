"""Proportions, their confidence intervals and the rounding habits of printed percentages."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from scipy import special

from ..i18n import _
from ..i18n.rounding import round_half_up, truncate  # noqa: F401 - round_half_up: read from here too

# Names in data/study.yml -> (scipy's method name, the name shown on the site)
INTERVAL_METHODS = {
    "clopper-pearson": ("exact", "Clopper–Pearson exact"),
    "wilson": ("wilson", "Wilson score"),
}


@dataclass(frozen=True)
class Proportion:
    n: int
    total: int
    low: float | None  # interval bounds as fractions, None when total is 0
    high: float | None
    method: str
    level: int

    @property
    def value(self) -> float | None:
        return self.n / self.total if self.total else None


@functools.cache
def proportion(n: int, total: int, method: str = "clopper-pearson", level: int = 95) -> Proportion:
    """n of total with its two-sided confidence interval, computed by scipy.

    Clopper–Pearson bounds are quantiles of beta distributions, taken from scipy.special's
    inverse regularised incomplete beta functions (what scipy.stats.binomtest uses, without
    importing scipy.stats, which costs a second or more of every build). Wilson bounds come
    from binomtest itself. Each distinct proportion is computed once per build."""
    if not 0 <= n <= total:
        raise ValueError(f"a proportion needs 0 <= n <= total, got {n}/{total}")
    if total == 0:
        return Proportion(n, total, None, None, method, level)
    if method not in INTERVAL_METHODS:
        raise KeyError(f"unknown interval method {method!r}")
    confidence = level / 100
    if method == "clopper-pearson":  # quantiles of beta distributions
        tail = (1 - confidence) / 2
        low = 0.0 if n == 0 else float(special.betaincinv(n, total - n + 1, tail))
        high = 1.0 if n == total else float(special.betainccinv(n + 1, total - n, tail))
    else:  # scipy.stats is imported only here: it adds a second or more to every build
        from scipy.stats import binomtest

        ci = binomtest(n, total).proportion_ci(confidence_level=confidence, method="wilson")
        low, high = float(ci.low), float(ci.high)
    return Proportion(n, total, low, high, method, level)


def method_label(method: str) -> str:
    """The method's name as the site shows it, in the language being built; in a sentence
    it follows the word 'method' in French ('méthode exacte de Clopper–Pearson')."""
    shown = {"clopper-pearson": _("Clopper–Pearson exact"), "wilson": _("Wilson score")}
    return shown[method] if method in shown else INTERVAL_METHODS[method][1]


def decimals_of(printed: float) -> int:
    text = f"{printed:g}"
    return len(text.split(".")[1]) if "." in text else 0


def rounding_habits(n: int, total: int, printed: float) -> list[str]:
    """The rounding habits under which n/total prints as `printed` percent.

    The number of decimals is the printed one's: 72 is checked to whole percents,
    72.7 to one decimal.
    """
    exact = 100 * n / total
    digits = decimals_of(printed)
    habits = []
    if round_half_up(exact, digits) == printed:
        habits.append("rounding half up")
    if truncate(exact, digits) == printed:
        habits.append("truncation")
    return habits


def reproducing_denominators(n: int, printed: float, limit: int) -> list[int]:
    """Denominators from n to `limit` for which n/N prints as `printed` by usual rounding."""
    return [total for total in range(max(n, 1), limit + 1)
            if "rounding half up" in rounding_habits(n, total, printed)]
