"""Rules on the study record and the glossary that no single cell's type can say."""

from __future__ import annotations

import datetime as dt
import re

from ..data.errors import DataError
from ..data.glossary_terms import term_problem
from ..data.load import Dataset
from ..data.schema import DESCRIPTOR
from ..data.tables import rows
from .stats import INTERVAL_METHODS

# A release dated tomorrow is accepted: where the build runs, today may still be yesterday.
DATE_GRACE = dt.timedelta(days=1)


def check_study(data: Dataset, today: dt.date | None = None) -> None:
    study = data.study
    shown = f"data/{data.files['study']}"

    def where(key: str) -> dict:
        line = data.lines.get("study", {}).get(key)
        return {"line": line, "column": key}

    today = today or dt.date.today()
    released = study.get("release_date")
    if isinstance(released, dt.date) and released > today + DATE_GRACE:
        raise DataError(shown, f"expected the date the data were released, today"
                        f" ({today.isoformat()}) at the latest, found {released.isoformat()},"
                        " a date still to come", **where("release_date"))

    method = study.get("interval_method")
    if method not in INTERVAL_METHODS:
        raise DataError(
            f"data/{DESCRIPTOR}", f"expected the resource 'study' to allow only interval"
            f" methods the site can compute ({', '.join(INTERVAL_METHODS)}) in its field"
            f" 'interval_method', found {method!r} allowed and used in {shown}",
            column="interval_method",
        )

    level = study.get("confidence_level")
    if not isinstance(level, int | float) or isinstance(level, bool) \
            or not float(level).is_integer() or not 0 < level < 100:
        raise DataError(shown, f"expected a confidence level in whole percent, above 0 and"
                        f" below 100 (such as 95), found {level!r}: an interval at 100% would"
                        " span every possible value",
                        **where("confidence_level"))

    cited = study.get("cited_evidence")
    if cited is not None and "context_studies" not in data.tables:
        raise DataError(shown, f"expected no cited study, as data/ has no table of other"
                        f" studies; found {cited!r}", **where("cited_evidence"))
    if cited is not None:
        known = set(data["context_studies"]["id"])
        if cited not in known:
            raise DataError(
                shown, f"expected the id of a study in data/{data.files['context_studies']}"
                f" ({', '.join(sorted(known))}), found {cited!r}", **where("cited_evidence"),
            )


def check_glossary(data: Dataset) -> None:
    if "glossary" not in data.tables:
        return
    shown = f"data/{data.files['glossary']}"
    for row in rows(data["glossary"]):
        line = data.lines["glossary"][row["term"]]
        if row["kind"] == "abbreviation":
            problem = term_problem(row["term"])
            if problem is None and row["expansion"] is None:
                raise DataError(shown, "expected what the abbreviation stands for, shown as its"
                                " tooltip; found an empty cell", line=line, row=line - 1,
                                column="expansion")
        else:  # a clinical term is never an abbreviation, but its words must be safe too
            words = [w for w in re.split(r"[ –]", row["term"]) if not w.isdigit()]
            problem = next(filter(None, map(term_problem, words)), None)
        if problem:
            raise DataError(shown, problem, line=line, row=line - 1, column="term")
