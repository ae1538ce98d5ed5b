"""Small synthetic tables, in the shape the loader produces, for testing rules in isolation."""

from __future__ import annotations

import pandas as pd

COUNT_COLUMNS = ["id", "fact", "group", "label", "n", "of", "of_basis", "printed_percent",
                 "source"]


def counts(*rows: tuple) -> pd.DataFrame:
    """Rows of (id, group, n, of, of_basis, printed_percent)."""
    records = [
        {"id": cid, "fact": "X1", "group": group, "label": cid.replace("_", " "), "n": n,
         "of": of, "of_basis": basis, "printed_percent": printed, "source": f"part {i}"}
        for i, (cid, group, n, of, basis, printed) in enumerate(rows, start=1)
    ]
    return pd.DataFrame(records, columns=COUNT_COLUMNS, dtype=object)


def groups(*rows: tuple) -> pd.DataFrame:
    """Rows of (id, total, overlap)."""
    return pd.DataFrame(
        [{"id": g, "label": g, "total": t, "overlap": o, "chart": "no"} for g, t, o in rows],
        dtype=object,
    )


def durations(*rows: tuple) -> pd.DataFrame:
    """Rows of (id, quantity, median, low, high, unit)."""
    return pd.DataFrame(
        [{"id": d, "fact": "X1", "quantity": q, "label": d, "median": m, "low": lo,
          "high": hi, "unit": u, "source": "part 1"} for d, q, m, lo, hi, u in rows],
        dtype=object,
    )


def claims(*rows: tuple) -> pd.DataFrame:
    """Rows of (id, check_count, check_of, check)."""
    return pd.DataFrame(
        [{"id": c, "fact": c, "kind": "conclusion", "claim": f"claim {c}", "rests_on": None,
          "check_count": cc, "check_of": co, "check": chk, "source": "part 9"}
         for c, cc, co, chk in rows],
        dtype=object,
    )


def clean() -> dict[str, pd.DataFrame]:
    """A small study whose numbers all agree with each other."""
    return {
        "counts": counts(
            ("cohort", None, 40, None, "none", None),
            ("resp_yes", "resp", 30, "cohort", "assumed", 75),
            ("resp_no", "resp", 10, "cohort", "assumed", 25),
            ("evaluable", None, 20, "cohort", "assumed", None),
            ("full", None, 15, "evaluable", "stated", 75),
            ("harm", None, 0, "cohort", "assumed", None),
            ("prior_a", "prior", 25, "cohort", "assumed", None),
            ("prior_b", "prior", 15, "cohort", "assumed", None),
        ),
        "groups": groups(("resp", "cohort", "no"), ("prior", "cohort", "possible")),
        "durations": durations(
            ("fu", "follow_up", 24, 12, 36, "months"),
            ("fu_years", "follow_up", 2, None, None, "years"),
        ),
        "claims": claims(
            ("A1", "harm", None, "count == 0"),
            ("A2", "full", None, "proportion > 0.5"),
            ("A3", "resp_yes", "cohort", "proportion between 0.7 and 0.8"),
            ("A4", None, None, None),
        ),
    }
