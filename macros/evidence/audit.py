"""Consistency audit: general rules that find where a study's numbers disagree.

Every rule works on plain tables (the counts, groups, durations and claims of data/) and
knows nothing of this particular study. A finding names its rule, a severity, the ids of
the numbers involved, the numbers themselves, and one plain sentence. The rules on counts,
percentages and durations are in audit_numbers, those on the authors' claims in audit_claims.
"""

from __future__ import annotations

import pandas as pd

from .audit_claims import check_claims, check_effect_claims
from .audit_numbers import (
    check_parts_against_totals,
    check_printed_percentages,
    check_ranges,
    check_stated_twice,
)
from .finding import SEVERITIES, Finding


def audit(
    counts: pd.DataFrame,
    groups: pd.DataFrame,
    durations: pd.DataFrame,
    claims: pd.DataFrame,
) -> list[Finding]:
    """Run every rule; findings come back most severe first, each with a stable key."""
    found = [
        *check_printed_percentages(counts),
        *check_parts_against_totals(counts, groups),
        *check_ranges(durations),
        *check_stated_twice(durations),
        *check_claims(counts, claims),
        *check_effect_claims(claims),
    ]
    found.sort(key=lambda f: SEVERITIES.index(f.severity))
    return [
        Finding(**{**f.__dict__, "key": f"finding-{i}"}) for i, f in enumerate(found, start=1)
    ]
