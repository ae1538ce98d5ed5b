"""Whole page sections from data: summary of findings, claims, open questions, glossary,
audit findings and the data dictionary."""

from __future__ import annotations

from markupsafe import Markup

from .certainty import CertaintyTable
from .pages import Pages
from .render import esc, interval, lower_first, percent, table, tooltip


class SitePages(Pages):
    def summary_of_findings(self) -> Markup:
        certainty = CertaintyTable(self.ev.data)
        rows = []
        for row in self.ev.rows("summary_outcomes"):
            m = self.ev.measure(row["count"], row["of"])
            p = m.proportion
            notes = []
            own = self.ev.measure(row["count"])
            if row["of"] == own.of and own.basis == "assumed":
                notes.append("The source states no denominator; the whole cohort is assumed.")
            if row["of"] != own.of and own.of:
                notes.append(f"Reported as {own.n} of {self.ev.count(own.of)}"
                             f" ({lower_first(own.label)}); shown here out of"
                             f" {lower_first(self.ev.measure(row['of']).label)}.")
            if own.printed is not None and row["of"] == own.of \
                    and f"{own.printed:g}%" != percent(p.value):
                notes.append(f"Printed as {own.printed:g}%.")
            for f in self.ev.findings_for(row["count"]):  # the full sentence is on the audit page
                notes.append(f"Audit ({f.severity}, {f.rule}): {f.numbers}.")
            if row["comment"]:
                notes.append(row["comment"])
            rows.append([
                self.glossary.text(row["outcome"]),
                esc(f"{p.n}/{p.total}") + self._marks(row["count"]),
                esc(percent(p.value)),
                esc(interval(p).split(" ", 2)[2]),
                certainty.cell(row["id"]),
                Markup(" ".join(str(self.glossary.text(n)) for n in notes)) if notes
                else esc("–"),
            ])
        caption = (f"Summary of findings: imatinib, single-arm cohort, no comparator."
                   f" {self.ev.level}% confidence intervals by the {self.ev.method_name} method.")
        return table(["Outcome", "n/N", "%", self._ci_header(), "Certainty", "Comment"], rows,
                     caption) + certainty.footnotes()

    def _numbers_line(self, cid: str, of: str | None = None) -> Markup:
        m = self.ev.measure(cid, of)
        return (self.glossary.text(m.label) + Markup(": ") + self._prop_text(m)
                + self._marks(cid))

    def claims_table(self, kind: str) -> Markup:
        rows = []
        for c in (c for c in self.ev.rows("claims") if c["kind"] == kind):
            lines = [self._numbers_line(cid) for cid in (c["rests_on"] or ())]
            if c["check_of"]:  # the claim is about a share of another total: show that share
                lines.insert(0, self._numbers_line(c["check_count"], c["check_of"]))
            empty = ("Reported from other studies, not a result of this cohort."
                     if kind == "background" else "No number in the source bears on it.")
            rows.append([
                esc(c["id"]),
                self.glossary.text(c["claim"]) + self._marks(c["id"]),
                Markup("<br>").join(lines) or esc(empty),
                esc(c["source"]),
            ])
        caption = {"conclusion": "The authors' conclusions and the numbers they rest on",
                   "background": "Background statements made by the source",
                   "judgement": "The authors' judgements"}[kind]
        return table(["Claim", "What the authors claim (in our words)", "Reported numbers",
                      "Where"], rows, caption)

    def open_questions(self) -> Markup:
        blocks = []
        for q in self.ev.rows("open_questions"):
            evidence = Markup("; ").join(
                self.glossary.text(self.ev.measure(cid).label) + Markup(": ")
                + self._prop_text(self.ev.measure(cid))
                for cid in (q["evidence"] or ())
            )
            blocks.append(
                f'<section class="open-question" id="{esc(q["id"].lower())}">'
                f'<h2>{esc(q["id"])}. {self.glossary.text(q["question"])}</h2>'
                f'<dl><dt>Why it matters</dt><dd>{self.glossary.text(q["why_it_matters"])}</dd>'
                "<dt>What this study shows</dt>"
                f'<dd>{self.glossary.text(q["what_this_study_shows"])}'
                + (f'<br><span class="evidence-numbers">{evidence}</span>' if evidence else "")
                + f'</dd><dt>What kind of study would answer it</dt>'
                f'<dd>{self.glossary.text(q["study_needed"])}</dd></dl></section>'
            )
        return Markup("\n\n" + "\n".join(blocks) + "\n\n")

    def glossary_table(self) -> Markup:
        rows = [[Markup(f'<abbr title="{tooltip(g["expansion"])}">{esc(g["term"])}</abbr>'),
                 esc(g["expansion"]), esc(g["definition"])]
                for g in self.ev.rows("glossary")]
        return table(["Abbreviation", "Stands for", "Meaning"], rows, "Glossary")

    def abbreviations(self) -> str:
        """Markdown abbreviation definitions for the abbr extension (appended to pages
        after macros have run, so the text is never templated)."""
        return "\n".join(
            f"*[{g['term']}]: {tooltip(g['expansion'])}"
            for g in self.ev.rows("glossary")
        )

    # -- audit ----------------------------------------------------------------------------
    def audit_table(self) -> Markup:
        if not self.ev.findings:
            return Markup("\n\n<p>The audit found no inconsistency.</p>\n\n")
        rows = [[Markup(f'<span id="{f.key}">{esc(f.key.split("-")[1])}</span>'),
                 esc(f.severity), esc(f.rule), self.glossary.text(f.message), esc(f.numbers),
                 esc("; ".join(f.sources))]
                for f in self.ev.findings]
        return table(["#", "Severity", "Rule", "Finding", "Numbers", "Where"], rows,
                     "Consistency audit findings")

    def audit_count(self, severity: str = "all") -> Markup:
        tally = self.ev.findings_by_severity()
        return esc(sum(tally.values()) if severity == "all" else tally[severity])

    # -- data -----------------------------------------------------------------------------
    def data_dictionary(self) -> Markup:
        descriptor = self.ev.data.descriptor
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
                f'\n\n<h3 id="file-{esc(res["name"])}">{esc(res["path"])}</h3>\n\n'
                f'<p>{esc(res.get("description", ""))}'
                + (f" Key: <code>{esc(key)}</code>." if key else "")
                + f' <a href="{self.url("data/" + res["path"])}" download>'
                f"Download {esc(res['path'])}</a></p>\n"
            )
            columns = table(["Column", "Type", "Rules"], rows, f"Columns of {res['path']}")
            out.append(intro + columns)
        return Markup("".join(out))
