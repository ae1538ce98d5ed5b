"""Pages about the site: the glossary, and the data dictionary for the study team."""

from __future__ import annotations

import re

from markupsafe import Markup

from ..evidence.render import esc, table, tooltip
from ..i18n import _, and_list, bound
from .registry import page_macro
from .view import View


@page_macro
def glossary_table(v: View) -> Markup:
    rows = v.ev.rows("glossary")
    abbreviations = [[Markup(f'<abbr title="{tooltip(g["expansion"])}">{esc(g["term"])}</abbr>'),
                      esc(g["expansion"]), esc(g["definition"])]
                     for g in rows if g["kind"] == "abbreviation"]
    terms = [[esc(g["term"]), v.glossary.text(g["definition"])]
             for g in rows if g["kind"] == "term"]
    return table([_("Abbreviation"), _("Stands for"), _("Meaning")], abbreviations,
                 _("Abbreviations")) \
        + table([_("Term"), _("Meaning")], terms, _("Clinical terms"))


# Where a name or a pattern may wrap in a narrow column: after these, never inside a word.
_BREAK_AFTER = "_/])}|"


def _code(text: str) -> str:
    """A name or pattern as code, escaped, with a line-break opportunity after each of
    _BREAK_AFTER (table code does not break elsewhere: site.css)."""
    pieces = re.split(f"(?<=[{re.escape(_BREAK_AFTER)}])", str(text))
    return "<code>" + "<wbr>".join(str(esc(piece)) for piece in pieces if piece) + "</code>"


def _listed(items: list[str]) -> str:
    """'a; b; c', with the language's spacing around the semicolon."""
    text = items[0] if items else ""
    for item in items[1:]:
        text = _("{first}; {second}").format(first=text, second=item)
    return text


@page_macro
def data_dictionary(v: View) -> Markup:
    descriptor = v.ev.data.descriptor
    out = [left_out_note(v)]
    for res in descriptor["resources"]:
        rows = []
        for f in res["schema"]["fields"]:
            c = f.get("constraints", {})
            rules = []
            if c.get("required"):
                rules.append(_("required"))
            if "enum" in c:
                rules.append(_("one of: {values}").format(
                    values=", ".join(_code(value) for value in c["enum"])))
            if "minimum" in c or "maximum" in c:
                rules.append(_("from {minimum} to {maximum}").format(
                    minimum=bound(c["minimum"]) if "minimum" in c else "…",
                    maximum=bound(c["maximum"]) if "maximum" in c else "…"))
            if "pattern" in c:
                rules.append(_("pattern {pattern}").format(
                    pattern=_code(c["pattern"])))
            if "maxLength" in c:
                rules.append(_("at most {n} characters").format(n=bound(c["maxLength"])))
            if f.get("itemReference"):
                rules.append(_("ids from {file}").format(file=f["itemReference"]))
            # Rules are the code's words around escaped values (codes in <code>).
            rows.append([Markup(_code(f["name"])),
                         Markup(_code(f.get("type", "string"))),
                         Markup(_listed([esc(r) if "<code>" not in r else r for r in rules]))])
        for fk in res["schema"].get("foreignKeys", []):
            rows.append([esc(fk["fields"]), esc(_("reference")),
                         esc(_("an id in {file}").format(file=fk["reference"]["resource"]))])
        key = res["schema"].get("primaryKey")
        intro = Markup(
            f'\n\n<h2 id="file-{esc(res["name"])}">data/{esc(res["path"])}</h2>\n\n'
            f'<p>{esc(res.get("description", ""))}'
            + (" " + _("Key: {key}.").format(key=f"<code>{esc(key)}</code>") if key else "")
            + f' <a href="{v.url("data/" + res["path"])}" download>'
            + _("Download {file}").format(file=esc(res["path"])) + "</a></p>\n"
        )
        columns = table([_("Column"), _("Type"), _("Rules")], rows,
                        _("Columns of {file}").format(file=res["path"]))
        out.append(intro + columns)
    return Markup("".join(out))


@page_macro
def left_out_note(v: View) -> Markup:
    """The optional tables this study has no rows of, and the pages left out for them."""
    missing = v.ev.data.left_out
    if not missing:
        return Markup("")
    items = []
    for name, how in missing.items():
        file = v.ev.data.files.get(name, name + ".csv")
        said = (_("{file} is not in data/") if how == "absent"
                else _("{file} has a header line and no rows")).format(file=f"data/{file}")
        pages = [g.title for g in v.left_out if g.table == name]
        if pages:
            said = _("{said}, so these pages are left out of the site: {pages}").format(
                said=said, pages=and_list(pages))
        items.append(f"<li>{esc(said)}</li>")
    intro = esc(_("Optional tables this study does not have:"))
    return Markup(f'\n\n<div class="left-out"><p>{intro}</p><ul>{"".join(items)}</ul>'
                  '</div>\n\n')
