import math

import pytest
from scipy.stats import beta

from macros.evidence.stats import (
    proportion,
    reproducing_denominators,
    round_half_up,
    rounding_habits,
    truncate,
)


@pytest.mark.parametrize("n,total", [(12, 26), (0, 11), (11, 11), (8, 19)])
def test_clopper_pearson_matches_beta_quantiles(n, total):
    # The exact interval is defined by quantiles of beta distributions.
    low = 0.0 if n == 0 else beta.ppf(0.025, n, total - n + 1)
    high = 1.0 if n == total else beta.ppf(0.975, n + 1, total - n)
    p = proportion(n, total, "clopper-pearson", 95)
    assert p.low == pytest.approx(low, abs=1e-9)
    assert p.high == pytest.approx(high, abs=1e-9)
    assert p.value == n / total


def test_wilson_matches_its_formula():
    n, total, z = 12, 26, 1.959963984540054
    phat = n / total
    centre = (phat + z * z / (2 * total)) / (1 + z * z / total)
    half = z / (1 + z * z / total) * math.sqrt(phat * (1 - phat) / total + z * z / (4 * total**2))
    p = proportion(n, total, "wilson", 95)
    assert p.low == pytest.approx(centre - half, abs=1e-9)
    assert p.high == pytest.approx(centre + half, abs=1e-9)


def test_wider_level_gives_wider_interval():
    narrow, wide = proportion(9, 26, level=90), proportion(9, 26, level=99)
    assert wide.low < narrow.low and wide.high > narrow.high


def test_impossible_proportion_is_refused():
    with pytest.raises(ValueError):
        proportion(13, 12)


def test_rounding_helpers():
    assert round_half_up(11.5) == 12 and round(11.5 + 1) == 12  # not banker's rounding
    assert round_half_up(2.5) == 3
    assert truncate(72.73) == 72
    assert round_half_up(72.727, 1) == 72.7


def test_rounding_habits_name_what_reproduces_a_printed_figure():
    assert rounding_habits(12, 26, 46) == ["rounding half up", "truncation"]
    assert rounding_habits(3, 26, 11) == ["truncation"]
    assert rounding_habits(8, 26, 42) == []
    assert rounding_habits(8, 11, 72.7) == ["rounding half up", "truncation"]


def test_reproducing_denominators():
    found = reproducing_denominators(8, 42, 100)
    assert all(round_half_up(800 / d) == 42 for d in found)
    assert 19 in found and 26 not in found
