"""Pages about the site: the glossary, and the data dictionary for the study team."""

from __future__ import annotations

from markupsafe import Markup

from .registry import page_macro
from .render import esc, table, tooltip
from .view import View


@page_macro
def glossary_table(v: View) -> Markup:
    rows = v.ev.rows("glossary")
    abbreviations = [[Markup(f'<abbr title="{tooltip(g["expansion"])}">{esc(g["term"])}</abbr>'),
                      esc(g["expansion"]), esc(g["definition"])]
                     for g in rows if g["kind"] == "abbreviation"]
    terms = [[esc(g["term"]), v.glossary.text(g["definition"])]
             for g in rows if g["kind"] == "term"]
    return table(["Abbreviation", "Stands for", "Meaning"], abbreviations, "Abbreviations") \
        + table(["Term", "Meaning"], terms, "Clinical terms")


@page_macro
def data_dictionary(v: View) -> Markup:
    descriptor = v.ev.data.descriptor
    out = []
    for res in descriptor["resources"]:
        rows = []
        for f in res["schema"]["fields"]:
            c = f.get("constraints", {})
            rules = []
            if c.get("required"):
                rules.append("required")
            if "enum" in c:
                rules.append("one of: " + ", ".join(map(str, c["enum"])))
            if "minimum" in c or "maximum" in c:
                rules.append(f"from {c.get('minimum', '…')} to {c.get('maximum', '…')}")
            if "pattern" in c:
                rules.append(f"pattern {c['pattern']}")
            if "maxLength" in c:
                rules.append(f"at most {c['maxLength']} characters")
            if f.get("itemReference"):
                rules.append(f"ids from {f['itemReference']}")
            rows.append([esc(f["name"]), esc(f.get("type", "string")), esc("; ".join(rules))])
        for fk in res["schema"].get("foreignKeys", []):
            rows.append([esc(fk["fields"]), esc("reference"),
                         esc(f"an id in {fk['reference']['resource']}")])
        key = res["schema"].get("primaryKey")
        intro = Markup(
            f'\n\n<h2 id="file-{esc(res["name"])}">data/{esc(res["path"])}</h2>\n\n'
            f'<p>{esc(res.get("description", ""))}'
            + (f" Key: <code>{esc(key)}</code>." if key else "")
            + f' <a href="{v.url("data/" + res["path"])}" download>'
            f"Download {esc(res['path'])}</a></p>\n"
        )
        columns = table(["Column", "Type", "Rules"], rows, f"Columns of {res['path']}")
        out.append(intro + columns)
    return Markup("".join(out))
