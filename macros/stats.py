"""Proportions, their confidence intervals and the rounding habits of printed percentages."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from statistics import NormalDist

# Names in data/study.yml -> (a short name, the name shown on the site)
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


def _incomplete_beta(x: float, a: float, b: float) -> float:
    """The regularised incomplete beta function I_x(a, b), by its continued fraction
    (modified Lentz's method), accurate to about 1e-15."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    if x > (a + 1) / (a + b + 2):  # the fraction converges fast only below this point
        return 1.0 - _incomplete_beta(1.0 - x, b, a)
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
                     + a * math.log(x) + b * math.log1p(-x))
    tiny, eps = 1e-300, 1e-16
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    fraction = d
    for m in range(1, 10_000):
        for numerator in (m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
                          -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + numerator / c
            c = c if abs(c) > tiny else tiny
            fraction *= c * d
        if abs(c * d - 1.0) < eps:
            break
    return front * fraction / a


def _beta_quantile(q: float, a: float, b: float) -> float:
    """The x in [0, 1] with I_x(a, b) = q: Newton's steps on the beta density, kept inside
    a bracket that bisection narrows whenever a step would leave it."""
    log_norm = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
    low, high, x = 0.0, 1.0, a / (a + b)
    for _ in range(200):
        gap = _incomplete_beta(x, a, b) - q
        if gap == 0:
            return x
        if gap < 0:
            low = x
        else:
            high = x
        density = math.exp(log_norm + (a - 1) * math.log(x) + (b - 1) * math.log1p(-x))
        step = x - gap / density if density > 0 else low - 1
        if not low < step < high:
            step = (low + high) / 2
        if abs(step - x) <= 1e-15 * max(x, 1e-300) or step in (low, high):
            return step
        x = step
    return x


@functools.cache
def proportion(n: int, total: int, method: str = "clopper-pearson", level: int = 95) -> Proportion:
    """n of total with its two-sided confidence interval.

    Clopper–Pearson bounds are quantiles of beta distributions; Wilson bounds have a closed
    form around the normal quantile. Both are computed here with the standard library
    (the tests check them against scipy.stats): importing scipy cost a fifth of a second of
    every build. Each distinct proportion is computed once per build."""
    if not 0 <= n <= total:
        raise ValueError(f"a proportion needs 0 <= n <= total, got {n}/{total}")
    if total == 0:
        return Proportion(n, total, None, None, method, level)
    if method not in INTERVAL_METHODS:
        raise KeyError(f"unknown interval method {method!r}")
    tail = (1 - level / 100) / 2
    if method == "clopper-pearson":  # quantiles of beta distributions
        low = 0.0 if n == 0 else _beta_quantile(tail, n, total - n + 1)
        # the upper bound's upper tail, I_{1-x}(total - n, n + 1) = tail, solved as it is
        high = 1.0 if n == total else 1.0 - _beta_quantile(tail, total - n, n + 1)
    else:  # Wilson score interval
        z = NormalDist().inv_cdf(1 - tail)
        share = n / total
        centre = (share + z * z / (2 * total)) / (1 + z * z / total)
        half = (z / (1 + z * z / total)
                * math.sqrt(share * (1 - share) / total + z * z / (4 * total * total)))
        low, high = max(0.0, centre - half), min(1.0, centre + half)
    return Proportion(n, total, low, high, method, level)


def method_label(method: str) -> str:
    """The method's name as the site shows it, in the language being built; in a sentence
    it follows the word 'method' in French ('méthode exacte de Clopper–Pearson')."""
    from .i18n import _  # here, not at the top: the i18n module rounds with this one

    shown = {"clopper-pearson": _("Clopper–Pearson exact"), "wilson": _("Wilson score")}
    return shown[method] if method in shown else INTERVAL_METHODS[method][1]


def round_half_up(x: float, digits: int = 0) -> float:
    """School rounding (2.5 -> 3), unlike Python's round-half-to-even."""
    factor = 10**digits
    return math.floor(x * factor + 0.5 + 1e-9) / factor


def truncate(x: float, digits: int = 0) -> float:
    factor = 10**digits
    return math.floor(x * factor + 1e-9) / factor


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
