"""The metadata Zenodo accepts for a deposit, as a JSON Schema for the tests: what the GitHub
integration sends from .zenodo.json.

Zenodo publishes its "legacy deposit" schema (legacyrecord.json in the zenodo/zenodo
repository) but no package of it that an installer can fetch. This schema restates its facts:
every field it names, with the same types and the same lists of allowed values, and no other
field. To them it adds what the deposit API documents beyond that file: the fields a deposit
requires, a licence when access is open or embargoed, an ISO 8601 date, and `language` (an
ISO 639-2 or 639-3 code, which the API accepts and the legacy file does not list).
"""

from __future__ import annotations

_TEXT = {"type": "string"}
_PERSON = {"type": "object", "required": ["name"], "additionalProperties": False,
           "properties": {"name": {"type": "string", "minLength": 1}, "affiliation": _TEXT,
                          "orcid": _TEXT, "gnd": _TEXT}}
_CONTRIBUTOR_TYPES = [
    "ContactPerson", "DataCollector", "DataCurator", "DataManager", "Distributor", "Editor",
    "Funder", "HostingInstitution", "Other", "Producer", "ProjectLeader", "ProjectManager",
    "ProjectMember", "RegistrationAgency", "RegistrationAuthority", "RelatedPerson",
    "ResearchGroup", "RightsHolder", "Researcher", "Sponsor", "Supervisor",
    "WorkPackageLeader"]
_RELATIONS = [
    "isCitedBy", "cites", "isSupplementTo", "isSupplementedBy", "isContinuedBy", "continues",
    "hasMetadata", "isMetadataFor", "isNewVersionOf", "isPreviousVersionOf", "isPartOf",
    "hasPart", "isReferencedBy", "references", "isDocumentedBy", "documents", "isCompiledBy",
    "compiles", "isVariantFormOf", "isOrignialFormOf", "isIdenticalTo",
    "isAlternateIdentifier", "isReviewedBy", "reviews", "isDerivedFrom", "isSourceOf"]
_SCHEMES = [
    "ads", "ark", "arxiv", "bibcode", "doi", "ean13", "ean8", "eissn", "gnd", "handle", "isbn",
    "issn", "istc", "lissn", "lsid", "orcid", "pmcid", "pmid", "purl", "upc", "url", "urn"]


def _list_of(item: dict) -> dict:
    return {"type": "array", "items": item}


def _keyed(*names: str) -> dict:
    return {"type": "object", "additionalProperties": False,
            "properties": {name: _TEXT for name in names}}


ZENODO_DEPOSIT = {
    "type": "object",
    "required": ["upload_type", "publication_date", "title", "creators", "description",
                 "access_right"],
    "additionalProperties": False,
    "properties": {
        "$schema": _TEXT,
        "access_conditions": _TEXT,
        "access_right": {"enum": ["open", "embargoed", "restricted", "closed"]},
        "communities": _list_of(_keyed("identifier")),
        "conference_acronym": _TEXT, "conference_dates": _TEXT, "conference_place": _TEXT,
        "conference_session": _TEXT, "conference_session_part": _TEXT,
        "conference_title": _TEXT, "conference_url": _TEXT,
        "contributors": _list_of({**_PERSON, "properties": {
            **_PERSON["properties"], "type": {"enum": _CONTRIBUTOR_TYPES}}}),
        "creators": {**_list_of(_PERSON), "minItems": 1},
        "description": {"type": "string", "minLength": 1},
        "doi": _TEXT,
        "embargo_date": _TEXT,
        "grants": _list_of(_keyed("id")),
        "image_type": {"enum": ["figure", "plot", "drawing", "diagram", "photo", "other"]},
        "imprint_isbn": _TEXT, "imprint_place": _TEXT, "imprint_publisher": _TEXT,
        "journal_issue": _TEXT, "journal_pages": _TEXT, "journal_title": _TEXT,
        "journal_volume": _TEXT,
        "keywords": _list_of(_TEXT),
        "language": {"type": "string", "pattern": "^[a-z]{3}$"},
        "license": {"type": "string", "minLength": 1},
        "notes": _TEXT,
        "openaire_type": _TEXT,
        "partof_pages": _TEXT, "partof_title": _TEXT,
        "publication_date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "publication_type": {"enum": [
            "book", "section", "conferencepaper", "article", "patent", "preprint", "report",
            "deliverable", "milestone", "proposal", "softwaredocumentation", "thesis",
            "technicalnote", "workingpaper", "other", "part"]},
        "references": _list_of(_TEXT),
        "related_identifiers": _list_of({
            "type": "object", "required": ["identifier", "relation"],
            "properties": {"identifier": _TEXT, "relation": {"enum": _RELATIONS},
                           "scheme": {"enum": _SCHEMES}}}),
        "subjects": _list_of(_keyed("identifier", "scheme", "term")),
        "thesis_supervisors": _list_of(_PERSON),
        "thesis_university": _TEXT,
        "title": {"type": "string", "minLength": 1},
        "upload_type": {"enum": ["publication", "poster", "presentation", "dataset", "image",
                                 "video", "software", "lesson", "other"]},
        "version": _TEXT,
    },
    "allOf": [
        {"if": {"properties": {"access_right": {"enum": ["open", "embargoed"]}}},
         "then": {"required": ["license"]}},
        {"if": {"properties": {"upload_type": {"const": "publication"}}},
         "then": {"required": ["publication_type"]}},
    ],
}
