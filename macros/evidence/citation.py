"""Citations ready to paste: of each page, of the site (BibTeX, RIS), of the source study.

Everything comes from the site's configuration (its title and address) and the study record
(data/study.yml: the release, its date, what is known of the source). Nothing is invented:
authors, pages, DOI and PMID are cited only where the study record gives them.

The BibTeX and RIS files are written into the site by MkDocs' own files mechanism (the hook
macros/publish/cite_files.py adds them as generated files), not by a plugin's post-build step, so
they are part of the build that link checking sees.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

from markupsafe import Markup

from .. import i18n
from ..i18n import _, long_date
from .address import placeholder_reason, release_url
from .render import esc

FILES = {"bib": "cite/site.bib", "ris": "cite/site.ris"}
KEY = "cite"  # config.extra[KEY]: what the theme template and the hook read
_BIBTEX_SPECIAL = re.compile(r"([\\{}%&#_$^~])")


def study_citation(study: dict[str, Any]) -> Markup:
    """The study's citation, escaped; on pages in another language its printed English title
    is marked as English, so that it is read (and spoken) as English."""
    text, title = esc(study["citation"]), study.get("title_as_printed")
    if not title or i18n.language() == "en":
        return text
    return Markup(str(text).replace(str(esc(title)), f'<span lang="en">{esc(title)}</span>', 1))


def version_url(site_url: str, release: str, page_url: str = "") -> str:
    """The address of a page in one data release: releases are published each at its own
    path below the site's address (make deploy; macros/evidence/address.py)."""
    return release_url(site_url, release) + page_url.lstrip("/")


def preview_note() -> str:
    return _("Local preview, not published: it has no address to cite.")


def _bib(value: object) -> str:
    text = str(value)
    return _BIBTEX_SPECIAL.sub(lambda m: "{\\textbackslash}" if m.group(1) == "\\"
                               else "\\" + m.group(1), text)


def _title(value: object) -> str:
    """Escaped, with acronyms (CML, IM) in braces so that no style lower-cases them."""
    return re.sub(r"\b([A-Z][A-Z0-9]+)\b", r"{\1}", _bib(value))


def _ris_line(tag: str, value: object) -> str:
    return f"{tag}  - {' '.join(str(value).split())}"


def _source_title(study: dict[str, Any]) -> str:
    return str(study["title_as_printed"])  # a reference manager imports it as the title


def _source_note(study: dict[str, Any]) -> str:
    kind = str(study.get("source_kind") or _("publication"))
    kind = kind[:1].upper() + kind[1:]
    number = study.get("abstract_number")
    note = _("{kind}, abstract {number}.").format(kind=kind, number=number) if number \
        else _("{kind}.").format(kind=kind)
    if not study.get("authors"):
        note += " " + _("Authors not recorded in this summary's data.")
    if not study["title_verified"]:
        note += " " + _("Only the beginning of the title could be checked.")
    return note


def _authors(study: dict[str, Any]) -> list[str]:
    """The authors as the study record lists them, comma-separated ('Kantarjian HM, ...')."""
    return [a.strip() for a in str(study.get("authors") or "").split(",") if a.strip()]


def _pages(study: dict[str, Any]) -> list[str]:
    return str(study.get("pages") or "").split("–") if study.get("pages") else []


def _is_article(study: dict[str, Any]) -> bool:
    return study.get("source_noun") in ("article", "paper")


def bibtex(site_name: str, site_url: str | None, study: dict[str, Any]) -> str:
    """`site_url` None: a local preview, which has no address."""
    release, date = study["release"], study["release_date"]
    site_key = f"{study['id'].lower()}-summary-{release}"
    site = [
        f"@misc{{{site_key},",
        f"  title = {{{_title(site_name)}}},",
        "  note = {" + _("Evidence summary, data release {release} of {date}. Summarises"
                         " {citation}").format(release=_bib(release), date=_bib(long_date(date)),
                                               citation=_bib(study["citation"]))
        + ("" if site_url else " " + _bib(preview_note())) + "},",
        f"  version = {{{_bib(release)}}},",
        f"  year = {{{date.year}}},",
        f"  date = {{{date.isoformat()}}},",
        *([f"  url = {{{version_url(site_url, release)}}},"] if site_url else []),
        "}",
    ]
    source = [
        f"@article{{{study['id'].lower()},",
        f"  title = {{{_title(_source_title(study))}}},",
        f"  journal = {{{_bib(study['journal'])}}},",
        f"  year = {{{study['year']}}},",
        *([f"  volume = {{{study['volume']}}},"] if study.get("volume") else []),
        *([f"  number = {{{study['issue']}}},"] if study.get("issue") else []),
        *([f"  pages = {{{'--'.join(_pages(study))}}},"] if study.get("pages") else []),
        *(["  author = {" + " and ".join(_bib(a) for a in _authors(study)) + "},"]
          if study.get("authors") else []),
        *([f"  doi = {{{_bib(study['doi'])}}},"] if study.get("doi") else []),
        *([f"  pmid = {{{study['pmid']}}},"] if study.get("pmid") else []),
        f"  note = {{{_bib(_source_note(study))}}},",
        "}",
    ]
    return "\n".join(site) + "\n\n" + "\n".join(source) + "\n"


def ris(site_name: str, site_url: str | None, study: dict[str, Any]) -> str:
    release, date = study["release"], study["release_date"]
    site = [
        _ris_line("TY", "ELEC"),
        _ris_line("TI", site_name),
        _ris_line("ET", release),
        _ris_line("PY", date.year),
        _ris_line("DA", date.strftime("%Y/%m/%d")),
        *([_ris_line("UR", version_url(site_url, release))] if site_url else []),
        _ris_line("N1", _("Evidence summary, data release {release}. Summarises {citation}"
                          ).format(release=release, citation=study["citation"])
                  + ("" if site_url else " " + preview_note())),
        "ER  - ",
    ]
    source = [
        _ris_line("TY", "JOUR" if _is_article(study) else "ABST"),
        *(_ris_line("AU", a) for a in _authors(study)),
        _ris_line("TI", _source_title(study)),
        _ris_line("JO", study["journal"]),
        _ris_line("PY", study["year"]),
        *([_ris_line("VL", study["volume"])] if study.get("volume") else []),
        *([_ris_line("IS", study["issue"])] if study.get("issue") else []),
        *(_ris_line(tag, page) for tag, page in zip(("SP", "EP"), _pages(study), strict=False)),
        *([_ris_line("DO", study["doi"])] if study.get("doi") else []),
        *([_ris_line("AN", f"PMID {study['pmid']}")] if study.get("pmid") else []),
        _ris_line("N1", _source_note(study)),
        "ER  - ",
    ]
    return "\n".join(site) + "\n\n" + "\n".join(source) + "\n"


def configure(config: Any, study: dict[str, Any]) -> None:
    """Put what the theme's 'Cite this page' and the cite files need into config.extra."""
    date: dt.date = study["release_date"]
    name, url = config["site_name"], config["site_url"] or ""
    # No address, the preview's, or a name reserved for examples: a local preview.
    preview = placeholder_reason(url) is not None
    if preview:
        url = None
    config["extra"][KEY] = {
        "release": study["release"],
        "release_date": long_date(date),
        # None in a local preview: pages say so instead of printing an address.
        "version_url": version_url(url, study["release"]) if url else None,
        "local_preview": preview,
        "preview_note": preview_note(),
        "preview_banner": _("Local preview: this copy of the summary is not published."
                            " Its links lead to this computer, and its citations give no"
                            " address."),
        "files": {FILES["bib"]: bibtex(name, url, study), FILES["ris"]: ris(name, url, study)},
        "files_bib": FILES["bib"],
        "files_ris": FILES["ris"],
    }


def cite_file(config: Any, kind: str) -> Markup:
    """The text of a citation file (kind 'bib' or 'ris'), to read or copy on a page."""
    text = config["extra"][KEY]["files"][FILES[kind]]
    return Markup(f'\n\n<pre class="cite-file"><code>{esc(text)}</code></pre>\n\n')


def release_link(config: Any, page: str = "") -> Markup:
    """A page's address in this release as a Markdown link that shows the address; in a local
    preview, a sentence saying there is none."""
    cite = config["extra"][KEY]
    if not cite["version_url"]:
        return Markup(f'<strong class="local-preview">{esc(cite["preview_note"])}</strong>')
    url = html.escape(cite["version_url"] + page.lstrip("/"))
    return Markup(f'<a href="{url}">{url}</a>')
