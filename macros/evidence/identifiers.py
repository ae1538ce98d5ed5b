"""DOIs and PubMed numbers of the references (data/references.csv), as links that resolve.

The schema checks their form (a DOI begins with '10.', a PubMed number is digits); here each
row is checked to name a reference the site cites: the study or one of the other studies.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ..data.errors import DataError
from ..i18n import _
from .evidence import Evidence
from .render import esc

DOI_RESOLVER = "https://doi.org/"
PUBMED = "https://pubmed.ncbi.nlm.nih.gov/"


def doi_url(doi: str) -> str:
    return DOI_RESOLVER + doi


def pmid_url(pmid: str) -> str:
    return f"{PUBMED}{pmid}/"


def identifiers(ev: Evidence) -> dict[str, dict[str, Any]]:
    """Each reference's row of identifiers, by the reference's id."""
    if not ev.has("references"):
        return {}
    known = {ev.study["id"], *(c["id"] for c in ev.rows("context_studies"))} \
        if ev.has("context_studies") else {ev.study["id"]}
    rows = {}
    for row in ev.rows("references"):
        if row["id"] not in known:
            line = ev.data.lines["references"][row["id"]]
            raise DataError(f"data/{ev.data.files['references']}",
                            f"'{row['id']}' is not a reference of the site; expected the"
                            f" study's id or an id of context_studies.csv"
                            f" ({', '.join(sorted(known))})", line=line, row=line - 1,
                            column="id")
        rows[row["id"]] = row
    return rows


def links(row: dict[str, Any] | None) -> Markup:
    """' doi:… PMID …' as links, or nothing when the reference has neither."""
    if not row:
        return Markup("")
    out = []
    if row.get("doi"):
        out.append(f'<a class="ref-id" href="{esc(doi_url(row["doi"]))}">doi:{esc(row["doi"])}</a>')
    if row.get("pmid"):
        out.append(f'<a class="ref-id" href="{esc(pmid_url(row["pmid"]))}">PMID'
                   f' {esc(row["pmid"])}</a>')
    return Markup(" " + " ".join(out)) if out else Markup("")


def missing_note(count_without: int, total: int) -> Markup:
    """Said once above the list when no reference has an identifier; beside each reference
    otherwise (see `missing_mark`)."""
    if count_without and count_without == total:
        return Markup("<p>") + esc(_("No DOI or PubMed number is recorded for these references"
                                     " in this release.")) + Markup("</p>")
    return Markup("")


def missing_mark() -> Markup:
    return Markup(" <em>") + esc(_("No DOI or PubMed number recorded.")) + Markup("</em>")
