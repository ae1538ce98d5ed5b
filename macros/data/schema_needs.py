"""What the site's code relies on in data/datapackage.yml, checked before any data is read.

The schema is the study team's to edit, but some of its promises are what the computations
and pages are written against: a count is always a whole number of at least 0, every count
names its denominator by an id that exists, an interval method is one the site can compute.
An edit that takes such a promise away (a field made optional, a minimum removed, a foreign
key dropped, a new category) stops the build with a message about the schema, instead of a
Python error later. A resource the schema does not have is not checked here (the pages say
which tables they need).
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import DataError

STRING_ID = "the site looks rows up by it"


@dataclass(frozen=True)
class Need:
    type: str = "string"
    required: bool = False
    minimum: float | None = None  # the schema's minimum must be at least this
    maximum: float | None = None  # the schema's maximum must be at most this
    refers_to: str | None = None  # a foreign key (or itemReference) to this resource
    known: tuple[str, ...] | None = None  # the only values the code knows what to do with
    between: tuple[float, float] | None = None  # every value allowed lies strictly inside


def _text(*names: str) -> dict[str, Need]:
    return {name: Need(required=True) for name in names}


PERCENT = Need("number", minimum=0, maximum=100)
COUNT = Need("integer", required=True, minimum=0)

# resource -> (primary key, the fields the code reads and what it needs of each)
NEEDS: dict[str, tuple[str | None, dict[str, Need]]] = {
    "study": (None, {
        **_text("id", "short_name", "citation", "title_as_printed", "journal", "design",
                "setting", "intervention", "release", "cohort"),
        "title_verified": Need("boolean", required=True),
        "year": Need("integer", required=True),
        "interval_method": Need(required=True, known=("clopper-pearson", "wilson")),
        "confidence_level": Need("integer", required=True, between=(0, 100)),
        "release_date": Need("date", required=True),
    }),
    "counts": ("id", {
        **_text("id", "fact", "label", "source"), "n": COUNT,
        "of": Need(refers_to="counts"), "group": Need(refers_to="groups"),
        "of_basis": Need(required=True, known=("stated", "assumed", "none")),
        "printed_percent": PERCENT,
        "within": Need(refers_to="counts"), "likely_within": Need(refers_to="counts"),
        "also_of": Need(refers_to="counts"),
        "role": Need(known=("baseline", "outcome", "detail")),
    }),
    "groups": ("id", {
        **_text("id", "label", "rest_label"), "total": Need(required=True, refers_to="counts"),
        "overlap": Need(required=True, known=("no", "possible", "not stated")),
        "chart": Need(required=True, known=("bars", "stacked", "no")),
        "role": Need(required=True, known=("baseline", "outcome", "detail")),
        "rest_known": Need(required=True, known=("yes", "no")),
    }),
    "durations": ("id", {
        **_text("id", "fact", "quantity", "label", "source"),
        "median": Need("number", required=True, minimum=0),
        "low": Need("number", minimum=0), "high": Need("number", minimum=0),
        "unit": Need(required=True, known=("days", "weeks", "months", "years")),
    }),
    "claims": ("id", {
        **_text("id", "fact", "kind", "claim", "source"),
        "rests_on": Need("list", refers_to="counts"),
        "check_count": Need(refers_to="counts"), "check_of": Need(refers_to="counts"),
        "against": Need(refers_to="counts"),
    }),
    "summary_outcomes": ("id", {
        **_text("id", "outcome"),
        "count": Need(required=True, refers_to="counts"),
        "of": Need(required=True, refers_to="counts"),
    }),
    "open_questions": ("id", {
        **_text("id", "question", "why_it_matters", "what_this_study_shows", "study_needed"),
        "evidence": Need("list", refers_to="counts"),
    }),
    "glossary": ("term", {**_text("term", "definition"), "expansion": Need(),
                          "kind": Need(required=True, known=("abbreviation", "term"))}),
    "context_studies": ("id", {
        **_text("id", "label", "citation", "intervention", "design", "setting", "phase_mix",
                "follow_up"),
        "n": Need("integer", required=True, minimum=1),
    }),
    "context_outcomes": ("id", {
        **_text("id", "reported_as", "timepoint"),
        "study": Need(required=True, refers_to="context_studies"),
        "outcome": Need(required=True, refers_to="context_outcome_kinds"),
        "n": Need("integer", minimum=0), "total": Need("integer", minimum=1),
        "printed_percent": PERCENT,
    }),
    "percentages": ("id", {
        **_text("id", "fact", "label", "source"),
        "printed_percent": Need("number", required=True, minimum=0, maximum=100),
        "role": Need(required=True, known=("baseline", "outcome", "detail")),
    }),
    "estimates": ("id", {
        **_text("id", "fact", "label", "source"),
        "at": Need("number", required=True, minimum=0),
        "at_unit": Need(required=True, known=("days", "weeks", "months", "years")),
        "estimate": Need("number", required=True, minimum=0, maximum=100),
        "low": PERCENT, "high": PERCENT,
        "level": Need("integer", between=(0, 100)),
    }),
    "doses": ("id", {
        **_text("id", "fact", "drug", "unit", "schedule", "source"),
        "dose": Need("number", required=True, minimum=0),
        "dose_high": Need("number", minimum=0),
    }),
}


def check_schema_needs(descriptor: dict, lines: dict[tuple, int], shown: str) -> None:
    for i, res in enumerate(descriptor["resources"]):
        if res["name"] not in NEEDS:
            continue
        name = res["name"]
        key, needs = NEEDS[name]
        schema = res["schema"]
        fields = {f["name"]: (j, f) for j, f in enumerate(schema["fields"])}
        if key is not None and schema.get("primaryKey") != key:
            raise DataError(shown, f"expected the resource '{name}' to keep '{key}' as its"
                            f" primaryKey ({STRING_ID}), found {schema.get('primaryKey')!r}",
                            line=lines.get((i,)), column="primaryKey")
        references = _references(schema)
        for fname, need in needs.items():
            if fname not in fields:
                raise DataError(shown, f"expected the resource '{name}' to keep its field"
                                f" '{fname}', which the site reads; it is gone",
                                line=lines.get((i,)), column=fname)
            j, fld = fields[fname]
            problem = _problem(need, fld, references.get(fname))
            if problem:
                raise DataError(shown, f"expected the field '{fname}' of the resource '{name}'"
                                f" {problem}", line=lines.get((i, j)), column=fname)


def _references(schema: dict) -> dict[str, str]:
    found = {fk["fields"]: fk["reference"]["resource"]
             for fk in schema.get("foreignKeys", []) or []}
    found.update({f["name"]: f["itemReference"] for f in schema["fields"]
                  if f.get("itemReference")})
    return found


def _problem(need: Need, fld: dict, refers_to: str | None) -> str | None:
    c = fld.get("constraints") or {}
    kind = fld.get("type", "string")
    if kind != need.type:
        return f"to be of type {need.type}, as the site computes with it; found {kind}"
    if need.required and not c.get("required"):
        return ("to be required (required: true): the pages show or compute with it in every"
                " row; found it optional")
    if need.minimum is not None and (c.get("minimum") is None or c["minimum"] < need.minimum):
        return (f"to have a minimum of at least {need.minimum:g}, found"
                f" {'none' if c.get('minimum') is None else format(c['minimum'], 'g')}")
    if need.maximum is not None and (c.get("maximum") is None or c["maximum"] > need.maximum):
        return (f"to have a maximum of at most {need.maximum:g}, found"
                f" {'none' if c.get('maximum') is None else format(c['maximum'], 'g')}")
    if need.refers_to is not None and refers_to != need.refers_to:
        return (f"to refer to the resource '{need.refers_to}' (a foreign key), so that every"
                f" value is checked there before the pages look it up; found"
                f" {'no reference' if refers_to is None else repr(refers_to)}")
    if need.between is not None:
        low, high = need.between
        enum = c.get("enum")
        bounded = (all(isinstance(v, int | float) and low < v < high for v in enum) if enum
                   else c.get("minimum") is not None and c.get("maximum") is not None
                   and low < c["minimum"] and c["maximum"] < high)
        if not bounded:
            return (f"to allow only values above {low:g} and below {high:g} (a list such as"
                    f" 90, 95, 99, or a minimum and a maximum), found"
                    f" {', '.join(map(str, enum)) if enum else 'values outside'}")
    if need.known is not None:
        enum = [str(v) for v in c.get("enum") or []]
        unknown = [v for v in enum if v not in need.known]
        if not enum or unknown:
            found = "no list of values" if not enum else ", ".join(repr(v) for v in unknown)
            return (f"to allow only values the site knows what to do with"
                    f" ({', '.join(need.known)}), found {found}")
    return None
