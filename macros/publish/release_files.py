"""CITATION.cff and .zenodo.json, made from data/ for each data release, so that a release of
the repository on GitHub can be archived by Zenodo with a DOI of its own.

The title and description are the English site's (mkdocs.yml), the version and date the
study record's release (data/study.yml), the authors the summary's maintainers
(data/contributors.csv), the licence the project's (pyproject.toml). The source study is
cited as a reference with what the data hold of it; its authors are not recorded, and the
files say so once. The files name no address: the deploy decides where the site is served.

    python -m macros.publish.release_files write [PROJECT_DIR]   write both files
    python -m macros.publish.release_files check [PROJECT_DIR]   exit 1 if either is out of date
"""

from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path
from typing import Any

import yaml

from .. import i18n
from ..data.errors import DataError
from ..evidence.citation import _source_note
from ..evidence.evidence import Evidence
from ..evidence.identifiers import identifiers
from ..evidence.people import maintainer_names

FILES = ("CITATION.cff", ".zenodo.json")
NOT_RECORDED = "Authors not recorded in this summary's data"
# The Citation File Format's reference types for the source kinds the data may name.
CFF_TYPES = {"conference abstract": "conference-paper", "journal article": "article"}


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml: its !ENV tags give their default."""


_Loader.add_constructor("!ENV", lambda loader, node: (
    loader.construct_sequence(node)[-1] if isinstance(node, yaml.SequenceNode) else None))


def _site(project: Path) -> dict[str, Any]:
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader with one tag added


def _licence(project: Path) -> str:
    with (project / "pyproject.toml").open("rb") as f:
        return str(tomllib.load(f)["project"]["license"])


def _evidence(project: Path) -> Evidence:
    i18n.use("en")
    return Evidence.from_folder(project / "data", "en")


def citation_cff(project: Path) -> str:
    ev, site = _evidence(project), _site(project)
    study = ev.english_study
    ids = identifiers(ev).get(study["id"]) or {}
    source: dict[str, Any] = {
        "type": CFF_TYPES.get(str(study["source_kind"]), "generic"),
        "title": str(study["title_as_printed"]),
        "authors": [{"name": NOT_RECORDED}],
        "journal": str(study["journal"]),
        "year": int(study["year"]),
        "volume": int(study["volume"]),
        "issue": int(study["issue"]),
        # Its authors are said to be not recorded once, as its author above.
        "notes": _source_note(study).replace(f" {NOT_RECORDED}.", ""),
    }
    if ids.get("doi"):
        source["doi"] = ids["doi"]
    if ids.get("pmid"):
        source["identifiers"] = [{"type": "other", "value": f"pmid:{ids['pmid']}",
                                  "description": "PubMed"}]
    cff = {
        "cff-version": "1.2.0",
        "message": ("If you cite this evidence summary, cite the data release you read (each"
                    " page ends with a citation naming it and its address) and the original"
                    " study listed below."),
        "title": str(site["site_name"]),
        "abstract": " ".join(str(site["site_description"]).split()),
        "type": "dataset",
        "authors": [{"name": name} for name in maintainer_names(ev)],
        "version": str(study["release"]),
        "date-released": study["release_date"].isoformat(),
        "license": _licence(project),
        "references": [source],
    }
    header = "# Made from data/ by `make release-files`: edit the data, not this file.\n"
    return header + yaml.safe_dump(cff, sort_keys=False, allow_unicode=True, width=88)


def zenodo_json(project: Path) -> str:
    ev, site = _evidence(project), _site(project)
    study = ev.english_study
    ids = identifiers(ev).get(study["id"]) or {}
    related = []
    if ids.get("doi"):
        related.append({"identifier": ids["doi"], "relation": "references",
                        "scheme": "doi", "resource_type": "publication-conferencepaper"})
    if ids.get("pmid"):
        related.append({"identifier": ids["pmid"], "relation": "references", "scheme": "pmid"})
    meta: dict[str, Any] = {
        "title": str(site["site_name"]),
        "upload_type": "dataset",
        "description": " ".join(str(site["site_description"]).split()),
        "creators": [{"name": name} for name in maintainer_names(ev)],
        "version": str(study["release"]),
        "publication_date": study["release_date"].isoformat(),
        "access_right": "open",
        "license": _licence(project).lower(),
        "language": "eng",
        "notes": (f"Data release {study['release']}. Summarises: {study['citation']}"
                  f" {NOT_RECORDED}."),
    }
    if related:
        meta["related_identifiers"] = related
    return json.dumps(meta, indent=2, ensure_ascii=False) + "\n"


def generate(project: Path) -> dict[str, str]:
    return {"CITATION.cff": citation_cff(project), ".zenodo.json": zenodo_json(project)}


def stale(project: Path) -> list[str]:
    """The files whose committed text differs from a fresh generation."""
    fresh = generate(project)
    return [name for name in FILES
            if not (project / name).is_file()
            or (project / name).read_text(encoding="utf-8") != fresh[name]]


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("write", "check"):
        print(__doc__, file=sys.stderr)
        return 2
    project = Path(argv[1] if len(argv) > 1 else ".")
    try:
        if argv[0] == "write":
            for name, text in generate(project).items():
                (project / name).write_text(text, encoding="utf-8")
            print(f"Wrote {' and '.join(FILES)} for the current data release.")
            return 0
        old = stale(project)
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    if old:
        print(f"{' and '.join(old)} do not match data/: run make release-files and commit"
              " the result.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
