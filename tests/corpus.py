"""Bad data and hostile input: each case is the real data/ with one fault in it.

A case says what the fault is (a function that edits the data folder of a project copy)
and which of two outcomes the build must end in:

- `Fails`: the build stops before writing a site, with one message naming the file, the
  line and the column, and saying what was expected;
- `Shows`: the site builds and shows the value as it was typed, on the page named.

The line a message must name is looked up in the real data file, by the key of the row
the fault is put in, so the cases follow the data when it changes.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from macros.data.load import MAY_BE_EMPTY

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SCHEMA = yaml.safe_load((DATA / "datapackage.yml").read_text(encoding="utf-8"))
# The CSV files this study has (optional tables it lacks are not among them).
CSV_FILES = tuple(r["path"] for r in SCHEMA["resources"]
                  if r["path"].endswith(".csv") and (DATA / r["path"]).is_file())
ALL_FILES = (*CSV_FILES, "study.yml", "datapackage.yml")

Fault = Callable[[Path], None]


@dataclass(frozen=True)
class Fails:
    file: str                  # as the message names it, e.g. "data/counts.csv"
    expected: str              # words that say what was expected, e.g. "a whole number"
    line: int | None = None
    column: str | None = None
    also: tuple[str, ...] = ()  # more words the message must hold


@dataclass(frozen=True)
class Shows:
    page: str                  # e.g. "index.html"
    text: str                  # the value as a reader must see it, literally
    audit: str | None = None   # words the audit page must hold about it, if any


@dataclass(frozen=True)
class Case:
    id: str
    fault: Fault
    outcome: Fails | Shows
    why: str = field(default="", compare=False)


# -- reading the real data ------------------------------------------------------------------

def real_rows(file: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO((DATA / file).read_text(encoding="utf-8"))))


def header(file: str) -> list[str]:
    return real_rows(file)[0]


def line_of(file: str, key: str) -> int:
    """The line (header is line 1) of the row whose first cell is `key` in the real file."""
    for number, row in enumerate(real_rows(file), start=1):
        if row and row[0] == key:
            return number
    raise KeyError(f"no row {key!r} in data/{file}")


def yaml_line_of(file: str, key: str) -> int:
    for number, text in enumerate((DATA / file).read_text(encoding="utf-8").splitlines(), 1):
        if text.startswith(f"{key}:"):
            return number
    raise KeyError(f"no key {key!r} in data/{file}")


def cell(file: str, key: str, column: str) -> str:
    rows = real_rows(file)
    return rows[line_of(file, key) - 1][rows[0].index(column)]


def fails_at(file: str, key: str, column: str, expected: str, *also: str) -> Fails:
    return Fails(f"data/{file}", expected, line_of(file, key), column, also)


# -- faults -------------------------------------------------------------------------------

def read_table(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def write_table(path: Path, rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def set_cell(file: str, key: str, column: str, value: str) -> Fault:
    def fault(data: Path) -> None:
        rows = read_table(data / file)
        at = rows[0].index(column)
        for row in rows[1:]:
            if row[0] == key:
                row[at] = value
                break
        else:
            raise KeyError(key)
        write_table(data / file, rows)
    return fault


def edit_text(file: str, old: str, new: str) -> Fault:
    def fault(data: Path) -> None:
        text = (data / file).read_text(encoding="utf-8")
        assert old in text, (file, old)
        (data / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    return fault


def edit_columns(file: str, change: Callable[[list[list[str]]], list[list[str]]]) -> Fault:
    def fault(data: Path) -> None:
        write_table(data / file, change(read_table(data / file)))
    return fault


def drop_column(name: str) -> Callable[[list[list[str]]], list[list[str]]]:
    def change(rows: list[list[str]]) -> list[list[str]]:
        at = rows[0].index(name)
        return [r[:at] + r[at + 1:] for r in rows]
    return change


def add_column(name: str, value: str = "x") -> Callable[[list[list[str]]], list[list[str]]]:
    def change(rows: list[list[str]]) -> list[list[str]]:
        return [rows[0] + [name]] + [r + [value] for r in rows[1:]]
    return change


def rename_column(old: str, new: str) -> Callable[[list[list[str]]], list[list[str]]]:
    def change(rows: list[list[str]]) -> list[list[str]]:
        return [[new if c == old else c for c in rows[0]]] + rows[1:]
    return change


def repeat_column(name: str) -> Callable[[list[list[str]]], list[list[str]]]:
    def change(rows: list[list[str]]) -> list[list[str]]:
        at = rows[0].index(name)
        return [r[: at + 1] + [r[at]] + r[at + 1:] for r in rows]
    return change


def swap_columns(a: str, b: str) -> Callable[[list[list[str]]], list[list[str]]]:
    def change(rows: list[list[str]]) -> list[list[str]]:
        i, j = rows[0].index(a), rows[0].index(b)
        out = []
        for r in rows:
            r = list(r)
            r[i], r[j] = r[j], r[i]
            out.append(r)
        return out
    return change


def remove(file: str) -> Fault:
    return lambda data: (data / file).unlink()


def write(file: str, content: str | bytes) -> Fault:
    def fault(data: Path) -> None:
        if isinstance(content, bytes):
            (data / file).write_bytes(content)
        else:
            (data / file).write_text(content, encoding="utf-8")
    return fault


def header_only(file: str) -> Fault:
    return write(file, ",".join(header(file)) + "\n")


# The end of the study's own citation, which the references page shows whatever else it has.
CITATION_END = " ".join(str(yaml.safe_load((DATA / "study.yml").read_text(encoding="utf-8"))
                            ["citation"]).split())[-30:]


def no_rows_of(file: str) -> Fault:
    """A table that may be empty left with its header alone, and with it whatever refers to
    its rows: no other studies means none of their outcomes or harms, and no cited one."""
    def fault(data: Path) -> None:
        emptied = [file]
        if file == "context_harm_kinds.csv":  # no kinds of harm: no harms to list
            emptied = [file, "context_harms.csv"]
        if file == "context_studies.csv":
            emptied = [f"{name}.csv" for name in sorted(MAY_BE_EMPTY)]
            study = data / "study.yml"
            study.write_text("".join(line for line in study.read_text(encoding="utf-8")
                                     .splitlines(keepends=True)
                                     if not line.startswith("cited_evidence:")),
                             encoding="utf-8")
            # and no DOI or PubMed number of another study
            study_id = str(yaml.safe_load(study.read_text(encoding="utf-8"))["id"])
            refs = data / "references.csv"
            if refs.exists():
                rows = read_table(refs)
                write_table(refs, [rows[0], *[r for r in rows[1:] if r[0] == study_id]])
        for name in emptied:
            header_only(name)(data)
        kept = [r for r in read_table(data / "translations_fr.csv")
                if r[0] not in emptied]
        write_table(data / "translations_fr.csv", kept)
    return fault


def recode(file: str, change: Callable[[bytes], bytes]) -> Fault:
    def fault(data: Path) -> None:
        (data / file).write_bytes(change((data / file).read_bytes()))
    return fault


def add_row(file: str, cells: list[str]) -> Fault:
    def fault(data: Path) -> None:
        rows = read_table(data / file)
        write_table(data / file, rows + [cells])
    return fault


def with_line(file: str, key: str, text: str) -> Fault:
    """Replace the whole line of row `key` by raw text (for faults csv cannot write)."""
    def fault(data: Path) -> None:
        lines = (data / file).read_text(encoding="utf-8").split("\n")
        at = line_of(file, key) - 1
        lines[at] = text
        (data / file).write_text("\n".join(lines), encoding="utf-8")
    return fault


def drop_row(file: str, key: str) -> Fault:
    def fault(data: Path) -> None:
        rows = read_table(data / file)
        write_table(data / file, [r for r in rows if not r or r[0] != key])
    return fault


def raw_line(file: str, key: str) -> str:
    return (DATA / file).read_text(encoding="utf-8").split("\n")[line_of(file, key) - 1]


def both(*faults: Fault) -> Fault:
    def fault(data: Path) -> None:
        for f in faults:
            f(data)
    return fault


def set_yaml(key: str, raw_value: str) -> Fault:
    """Replace the value of a top-level key in study.yml by raw YAML text."""
    def fault(data: Path) -> None:
        path = data / "study.yml"
        lines = path.read_text(encoding="utf-8").split("\n")
        at = next(i for i, ln in enumerate(lines) if ln.startswith(f"{key}:"))
        end = at + 1
        while end < len(lines) and lines[end].startswith("  "):
            end += 1  # a folded value continues on indented lines
        lines[at:end] = [f"{key}: {raw_value}"]
        path.write_text("\n".join(lines), encoding="utf-8")
    return fault


def edit_descriptor(change: Callable[[dict], None]) -> Fault:
    def fault(data: Path) -> None:
        path = data / "datapackage.yml"
        descriptor = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(descriptor)
        path.write_text(yaml.safe_dump(descriptor, sort_keys=False, allow_unicode=True),
                        encoding="utf-8")
    return fault


def add_field(resource: str, spec: dict) -> Callable[[dict], None]:
    def change(descriptor: dict) -> None:
        res = next(r for r in descriptor["resources"] if r["name"] == resource)
        res["schema"]["fields"].append(spec)
    return change


# -- the corpus ---------------------------------------------------------------------------

def _file_cases() -> list[Case]:
    cases = []
    for file in ALL_FILES:
        cases.append(Case(f"{file} missing", remove(file), Fails(f"data/{file}", "missing")))
        cases.append(Case(f"{file} empty", write(file, ""), Fails(f"data/{file}", "empty")))
    for file in CSV_FILES:
        if file.removesuffix(".csv") in MAY_BE_EMPTY:
            # a header alone says there is nothing of this kind: the site is built
            cases.append(Case(f"{file} header only", no_rows_of(file),
                              Shows("references/index.html", CITATION_END)))
            continue
        cases.append(Case(f"{file} header only", header_only(file),
                          Fails(f"data/{file}", "no data rows", line=1)))
    cases.append(Case("study.yml only a comment", write("study.yml", "# nothing yet\n"),
                      Fails("data/study.yml", "empty")))
    cases.append(Case("counts.csv blank lines only", write("counts.csv", "\n\n  \n"),
                      Fails("data/counts.csv", "empty")))
    return cases


def _column_cases() -> list[Case]:
    return [
        Case("column missing", edit_columns("counts.csv", drop_column("printed_percent")),
             Fails("data/counts.csv", "expected the columns", 1, "printed_percent",
                   ("missing",))),
        Case("column extra", edit_columns("groups.csv", add_column("notes")),
             Fails("data/groups.csv", "expected the columns", 1, "notes", ("unexpected",))),
        Case("column duplicated", edit_columns("durations.csv", repeat_column("median")),
             Fails("data/durations.csv", "keep one", 1, "median", ("twice",))),
        Case("column misspelled", edit_columns("claims.csv", rename_column("claim", "cliam")),
             Fails("data/claims.csv", "did you mean 'claim'", 1, "cliam")),
        Case("column name with spaces", edit_columns(
                 "glossary.csv", rename_column("definition", " definition ")),
             Fails("data/glossary.csv", "remove them", 1, "definition", ("spaces",))),
        Case("column name in capitals", edit_columns(
                 "open_questions.csv", rename_column("question", "Question")),
             Fails("data/open_questions.csv", "did you mean 'question'", 1, "Question")),
        Case("columns in another order", edit_columns(
                 "summary_outcomes.csv", swap_columns("count", "outcome")),
             Shows("index.html", cell("summary_outcomes.csv", "sof_chimerism", "outcome"))),
    ]


def _count_cases() -> list[Case]:
    key = "response_ccr"

    def bad_n(case_id: str, value: str, expected: str, *also: str) -> Case:
        return Case(case_id, set_cell("counts.csv", key, "n", value),
                    fails_at("counts.csv", key, "n", expected, *also))

    return [
        bad_n("count as a word", "twelve", "a whole number", "'twelve'"),
        bad_n("count with decimals", "12.5", "a whole number", "'12.5'"),
        bad_n("count in exponent form", "1e3", "a whole number", "'1e3'"),
        bad_n("count negative", "-1", "a whole number from 0", "'-1'"),
        bad_n("count empty", "", "a whole number", "empty"),
        bad_n("count NA", "NA", "a whole number", "'NA'", "leave the cell empty"),
        bad_n("count N/A", "N/A", "a whole number", "'N/A'"),
        bad_n("count null", "null", "a whole number", "'null'"),
        bad_n("count with a space", "12 ", "a whole number", "spaces"),
        bad_n("count with a thousands space", "1 000", "a whole number"),
        bad_n("count with a leading zero", "012", "without leading zeros"),
        bad_n("count huge", "1" + "0" * 30, "a whole number from 0 to"),
        Case("count above its denominator", set_cell("counts.csv", key, "n", "27"),
             fails_at("counts.csv", key, "n", "no larger than its denominator", "27")),
        Case("part above its stated denominator",
             set_cell("counts.csv", "chimerism_full_donor", "n", "12"),
             fails_at("counts.csv", "chimerism_full_donor", "n",
                      "no larger than its denominator")),
        Case("denominator of zero", both(
                 set_cell("counts.csv", "chimerism_evaluable", "n", "0"),
                 set_cell("counts.csv", "chimerism_full_donor", "n", "0")),
             fails_at("counts.csv", "chimerism_full_donor", "of",
                      "a denominator of at least 1")),
        Case("count its own denominator", set_cell("counts.csv", "stopped", "of", "stopped"),
             fails_at("counts.csv", "stopped", "of", "own denominator")),
        Case("percentage with decimal comma, quoted",
             set_cell("counts.csv", "response_ccr", "printed_percent", "46,2"),
             fails_at("counts.csv", "response_ccr", "printed_percent", "decimal",
                      "point, not a comma")),
        Case("percentage with decimal comma, unquoted", with_line(
                 "counts.csv", "response_ccr",
                 raw_line("counts.csv", "response_ccr").replace(",46,", ",46,2,")),
             fails_at("counts.csv", "response_ccr", "printed_percent", "decimal",
                      "point, not a comma")),
        Case("median with decimal comma, unquoted", with_line(
                 "durations.csv", "follow_up",
                 raw_line("durations.csv", "follow_up").replace(",32,", ",32,5,")),
             fails_at("durations.csv", "follow_up", "median", "decimal")),
        Case("percentage NA", set_cell("counts.csv", "response_ccr", "printed_percent", "NA"),
             fails_at("counts.csv", "response_ccr", "printed_percent", "a number",
                      "leave the cell empty")),
        Case("range end N/A", set_cell("durations.csv", "follow_up", "low", "N/A"),
             fails_at("durations.csv", "follow_up", "low", "a number")),
        Case("percentage huge", set_cell("counts.csv", "response_ccr", "printed_percent",
                                         "9" * 400),
             fails_at("counts.csv", "response_ccr", "printed_percent", "from 0 to 100")),
        Case("median huge", set_cell("durations.csv", "follow_up", "median", "1" + "0" * 400),
             fails_at("durations.csv", "follow_up", "median", "from 0 to 100000")),
        Case("range with one end", set_cell("durations.csv", "follow_up", "high", ""),
             fails_at("durations.csv", "follow_up", "high", "both ends of the range")),
        Case("median outside its range", set_cell("durations.csv", "follow_up", "median", "50"),
             Shows("survival/index.html", "50", audit="outside its own range")),
        Case("range upside down", both(set_cell("durations.csv", "follow_up", "low", "44"),
                                       set_cell("durations.csv", "follow_up", "high", "16")),
             Shows("survival/index.html", "44 to 16", audit="runs backwards")),
    ]


def _category_and_key_cases() -> list[Case]:
    return [
        Case("unknown denominator basis", set_cell("counts.csv", "prior_dli", "of_basis",
                                                   "maybe"),
             fails_at("counts.csv", "prior_dli", "of_basis", "one of 'stated', 'assumed'")),
        Case("unknown unit", set_cell("durations.csv", "follow_up", "unit", "fortnights"),
             fails_at("durations.csv", "follow_up", "unit", "one of 'days'")),
        Case("unit in capitals", set_cell("durations.csv", "follow_up", "unit", "Months"),
             fails_at("durations.csv", "follow_up", "unit", "one of 'days'", "'Months'")),
        Case("unknown overlap", set_cell("groups.csv", "donor", "overlap", "yes"),
             fails_at("groups.csv", "donor", "overlap", "one of 'no', 'possible'")),
        Case("unknown claim kind", set_cell("claims.csv", "A2", "kind", "opinion"),
             fails_at("claims.csv", "A2", "kind", "one of 'background'")),
        Case("unknown group", set_cell("counts.csv", "donor_cord", "group", "donors"),
             fails_at("counts.csv", "donor_cord", "group", "the id of a row in data/groups.csv",
                      "'donors'")),
        Case("denominator null", set_cell("counts.csv", "ccr_molecular", "of", "null"),
             fails_at("counts.csv", "ccr_molecular", "of", "the id of a row in data/counts.csv",
                      "'null'")),
        Case("unknown id in a list", set_cell("claims.csv", "A4", "rests_on",
                                              "stop_relapse stoped"),
             fails_at("claims.csv", "A4", "rests_on", "the id of a row in data/counts.csv",
                      "'stoped'")),
        Case("list with two spaces", set_cell("open_questions.csv", "Q2", "evidence",
                                              "stopped_remission  stop_relapse"),
             fails_at("open_questions.csv", "Q2", "evidence", "separated by single spaces")),
        Case("duplicated count id", set_cell("counts.csv", "donor_unrelated", "id",
                                             "donor_sibling"),
             fails_at("counts.csv", "donor_unrelated", "id", "unique", "'donor_sibling'",
                      f"line {line_of('counts.csv', 'donor_sibling')}")),
        Case("duplicated glossary term", set_cell("glossary.csv", "PCR", "term", "HSCT"),
             fails_at("glossary.csv", "PCR", "term", "unique", "'HSCT'")),
        Case("id with a space", set_cell("counts.csv", "donor_cord", "id", "donor cord"),
             fails_at("counts.csv", "donor_cord", "id", "matching the pattern")),
        Case("claim check that cannot be read",
             set_cell("claims.csv", "A2", "check", "proportion > 0.5.1"),
             fails_at("claims.csv", "A2", "check", "a number")),
        Case("proportion check on a count with no denominator", both(
                 set_cell("claims.csv", "A1", "check_count", "patients"),
                 set_cell("claims.csv", "A1", "check", "proportion < 0.5")),
             fails_at("claims.csv", "A1", "check_of", "the id of the denominator")),
        Case("summary row out of a zero count", both(
                 set_cell("counts.csv", "retreated_remission", "n", "0"),
                 set_cell("summary_outcomes.csv", "sof_gvhd", "count", "retreated_remission"),
                 set_cell("summary_outcomes.csv", "sof_gvhd", "of", "retreated_remission")),
             fails_at("summary_outcomes.csv", "sof_gvhd", "of", "a denominator of at least 1")),
        Case("row a page shows is removed", drop_row("counts.csv", "phase_molecular"),
             Fails("data/counts.csv", "a row with id 'phase_molecular'", column="id")),
        Case("group with no categories", both(
                 set_cell("counts.csv", "relapse_blastic", "group", ""),
                 set_cell("counts.csv", "relapse_molecular", "group", "")),
             fails_at("groups.csv", "relapse_kind", "id", "at least one count")),
    ]


def _encoding_and_format_cases() -> list[Case]:
    latin1_key = "donor_sibling"
    return [
        Case("byte-order mark", recode("counts.csv", lambda b: codecs.BOM_UTF8 + b),
             Shows("patients/index.html", cell("counts.csv", "donor_sibling", "label"))),
        Case("Windows line endings", recode("groups.csv", lambda b: b.replace(b"\n", b"\r\n")),
             Shows("patients/index.html", cell("groups.csv", "donor", "label"))),
        Case("Latin-1 bytes", both(
                 set_cell("counts.csv", latin1_key, "label", "Donneur apparenté"),
                 recode("counts.csv", lambda b: b.decode("utf-8").encode("latin-1"))),
             Fails("data/counts.csv", "UTF-8", line_of("counts.csv", latin1_key),
                   also=("Latin-1",))),
        Case("UTF-16", recode("glossary.csv", lambda b: b.decode("utf-8").encode("utf-16")),
             Fails("data/glossary.csv", "UTF-8", 1, also=("UTF-16",))),
        Case("semicolons", recode("groups.csv", lambda b: b.replace(b",", b";")),
             Fails("data/groups.csv", "commas", 1, also=("semicolons",))),
        Case("semicolons in one row", with_line(
                 "groups.csv", "phase", raw_line("groups.csv", "phase").replace(",", ";")),
             Fails("data/groups.csv", "separated by commas", line_of("groups.csv", "phase"),
                   also=("semicolons",))),
        Case("comma at the end of the header", edit_text(
                 "groups.csv", ",".join(header("groups.csv")) + "\n",
                 ",".join(header("groups.csv")) + ",\n"),
             Fails("data/groups.csv", "empty one", 1)),
        Case("blank line in the middle", with_line("glossary.csv", "DLI", ""),
             Fails("data/glossary.csv", "remove it", line_of("glossary.csv", "DLI"),
                   also=("blank",))),
        Case("row with a cell too many", with_line(
                 "groups.csv", "phase", raw_line("groups.csv", "phase") + ",extra"),
             Fails("data/groups.csv", "cells as in the header", line_of("groups.csv", "phase"))),
        Case("row with a cell too few", with_line(
                 "groups.csv", "phase", raw_line("groups.csv", "phase").rsplit(",", 1)[0]),
             Fails("data/groups.csv", "cells as in the header", line_of("groups.csv", "phase"))),
        Case("unclosed quote", with_line(
                 "claims.csv", "B2", raw_line("claims.csv", "B2").replace('frequent, serious',
                                                                          'frequent serious"')),
             Fails("data/claims.csv", "double quote", line_of("claims.csv", "B2"), "claim")),
        Case("line break inside a cell", set_cell("claims.csv", "A5", "claim",
                                                  "Two lines\nin one cell"),
             fails_at("claims.csv", "A5", "claim", "one line")),
        Case("control character in text", set_cell("glossary.csv", "IM", "definition",
                                                   "bell \x07 here"),
             fails_at("glossary.csv", "IM", "definition", "control character")),
        Case("very long text", set_cell("claims.csv", "A5", "claim", ("very long " * 500).strip()),
             fails_at("claims.csv", "A5", "claim", "at most 1000 characters", "4999")),
        Case("non-Latin text", set_cell("counts.csv", "donor_sibling", "label",
                                        "Frère ou sœur — 兄弟姉妹 — أخ أو أخت — брат"),
             Shows("patients/index.html", "Frère ou sœur — 兄弟姉妹 — أخ أو أخت — брат")),
        Case("NA as text", set_cell("summary_outcomes.csv", "sof_cytopenia", "comment", "NA"),
             Shows("index.html", "NA")),
        Case("null as text", set_cell("counts.csv", "donor_cord", "label", "null"),
             Shows("patients/index.html", "null")),
    ]


def _yaml_cases() -> list[Case]:
    def line(key: str) -> int:
        return yaml_line_of("study.yml", key)

    return [
        Case("YAML syntax error", set_yaml("journal", "Blood: 2004"),
             Fails("data/study.yml", "valid YAML", line("journal"))),
        Case("YAML unclosed quote", set_yaml("design", '"retrospective'),
             Fails("data/study.yml", "valid YAML")),
        Case("YAML duplicated key", edit_text("study.yml", "year: 2004", "year: 2004\nyear: 2005"),
             Fails("data/study.yml", "keep one", line("year") + 1, "year", ("twice",))),
        Case("YAML key misspelled", edit_text("study.yml", "journal:", "jounral:"),
             Fails("data/study.yml", "did you mean 'journal'", line("journal"), "jounral")),
        Case("YAML key missing", edit_text("study.yml", "design:", "# design:"),
             Fails("data/study.yml", "missing", None, "design")),
        Case("YAML NO as a boolean", set_yaml("title_verified", "NO"),
             Fails("data/study.yml", "true or false", line("title_verified"), "title_verified",
                   ("'NO'",))),
        Case("YAML NO as text", set_yaml("design", "NO"),
             Shows("methods/index.html", "Design: NO.")),
        Case("YAML 0123 as a number", set_yaml("volume", "0123"),
             Fails("data/study.yml", "without leading zeros", line("volume"), "volume")),
        Case("YAML 1.10 as a version", set_yaml("release", "2026.10"),
             Shows("methods/index.html", "Release 2026.10, dated")),
        Case("YAML 12:30 as text", set_yaml("setting", "12:30"),
             Shows("methods/index.html", "Setting: 12:30.")),
        Case("YAML 12:30 as a date", set_yaml("release_date", "12:30"),
             Fails("data/study.yml", "a date written YYYY-MM-DD", line("release_date"),
                   "release_date")),
        Case("YAML list for text", set_yaml("design", "[a, b]"),
             Fails("data/study.yml", "text", line("design"), "design", ("a list",))),
        Case("YAML object tag", set_yaml("design", "!!python/object/apply:os.system ['true']"),
             Fails("data/study.yml", "plain", line("design"), "design", ("tag",))),
        Case("YAML tag on text", set_yaml("journal", "!!binary aGVsbG8="),
             Fails("data/study.yml", "plain", line("journal"), "journal", ("tag",))),
        Case("YAML two documents", edit_text("study.yml", "journal:", "---\njournal:"),
             Fails("data/study.yml", "valid YAML")),
        Case("YAML confidence level with decimals", set_yaml("confidence_level", "95.0"),
             Fails("data/study.yml", "one of '90', '95', '99'", line("confidence_level"),
                   "confidence_level")),
        Case("schema not YAML", write("datapackage.yml", "resources: [\n"),
             Fails("data/datapackage.yml", "cannot be read")),
        Case("schema resource without fields", edit_descriptor(
                 lambda d: d["resources"][1]["schema"].pop("fields")),
             Fails("data/datapackage.yml", "fields")),
        Case("schema enum with no unquoted", edit_text(
                 "datapackage.yml", 'enum: [bars, stacked, "no"]', "enum: [bars, stacked, no]"),
             Fails("data/datapackage.yml", "in quotes", column="chart")),
        Case("schema path outside data", edit_descriptor(
                 lambda d: d["resources"][2].update(path="../mkdocs.yml")),
             Fails("data/datapackage.yml", "a file name in data/", column="path")),
        Case("table removed with its schema entry", both(
                 remove("glossary.csv"),
                 edit_descriptor(lambda d: d["resources"].remove(
                     next(r for r in d["resources"] if r["name"] == "glossary")))),
             Fails("data/datapackage.yml", "a resource 'glossary'")),
        Case("schema entry of a table removed", edit_descriptor(
                 lambda d: d["resources"].remove(
                     next(r for r in d["resources"] if r["name"] == "open_questions"))),
             Fails("data/open_questions.csv", "described in data/datapackage.yml")),
        Case("schema field of unknown type", edit_descriptor(
                 lambda d: d["resources"][1]["schema"]["fields"][3].update(type="text")),
             Fails("data/datapackage.yml", "type")),
    ]


PATIENT_WORDS = ("aggregate", "public")


def _patient_level_cases() -> list[Case]:
    return [
        Case("patient identifier column", edit_columns("counts.csv", add_column("patient_id")),
             Fails("data/counts.csv", "aggregate", 1, "patient_id", PATIENT_WORDS)),
        Case("date of birth column", edit_columns("durations.csv",
                                                  add_column("date_of_birth", "1950-01-01")),
             Fails("data/durations.csv", "aggregate", 1, "date_of_birth", PATIENT_WORDS)),
        Case("initials column", edit_columns("groups.csv", add_column("initials", "J.D.")),
             Fails("data/groups.csv", "aggregate", 1, "initials", PATIENT_WORDS)),
        Case("name column", edit_columns("claims.csv", add_column("name", "Jean Dupont")),
             Fails("data/claims.csv", "aggregate", 1, "name", PATIENT_WORDS)),
        Case("relapse date column", edit_columns("counts.csv",
                                                 add_column("relapse_date", "2003-04-01")),
             Fails("data/counts.csv", "aggregate", 1, "relapse_date", PATIENT_WORDS)),
        Case("patient key in study record", edit_text(
                 "study.yml", "journal:", "patient_names: J. Dupont, M. Martin\njournal:"),
             Fails("data/study.yml", "aggregate", yaml_line_of("study.yml", "journal"),
                   "patient_names", PATIENT_WORDS)),
        Case("patient-level column declared in the schema", both(
                 edit_descriptor(add_field("counts", {"name": "subject_id", "type": "string"})),
                 edit_columns("counts.csv", add_column("subject_id", "S01"))),
             Fails("data/datapackage.yml", "aggregate", None, "subject_id", PATIENT_WORDS)),
        Case("patient file added to data", write(
                 "patients.csv", "patient_id,initials,birth_date,relapse_date\n"
                 "P01,J.D.,1950-01-01,2003-04-01\n"),
             Fails("data/patients.csv", "aggregate", 1, "patient_id", PATIENT_WORDS)),
        Case("file not in the schema added to data", write("extra.csv", "a,b\n1,2\n"),
             Fails("data/extra.csv", "described in data/datapackage.yml")),
        Case("spreadsheet lock file in data", write("~$counts.csv", b"\x0bJean Dupont   "),
             Fails("data/~$counts.csv", "lock file")),
    ]


def link(file: str, target: Callable[[Path], Path]) -> Fault:
    """Replace data/<file> by a symbolic link to target(data folder)."""
    def fault(data: Path) -> None:
        to = target(data)
        (data / file).unlink(missing_ok=True)
        (data / file).symlink_to(to)
    return fault


def moved_outside(file: str) -> Callable[[Path], Path]:
    def target(data: Path) -> Path:
        outside = data.parent / f"outside-{file}"
        (data / file).rename(outside)
        return outside
    return target


def _link_cases() -> list[Case]:
    return [
        Case("README is a link to a file of the machine",
             link("README.md", lambda data: Path("/etc/passwd")),
             Fails("data/README.md", "a plain file", also=("symbolic link",))),
        Case("README is a link to the environment",
             link("README.md", lambda data: Path("/proc/self/environ")),
             Fails("data/README.md", "a plain file", also=("symbolic link",))),
        Case("data file is a link to a valid copy elsewhere",
             link("counts.csv", moved_outside("counts.csv")),
             Fails("data/counts.csv", "a plain file", also=("symbolic link",))),
    ]


FORMULA = "=HYPERLINK(\"http://example.org\",\"see\")"


def _spreadsheet_cases() -> list[Case]:
    return [
        Case("label starting with =", set_cell("counts.csv", "donor_cord", "label", FORMULA),
             fails_at("counts.csv", "donor_cord", "label", "does not start with =",
                      "formula")),
        Case("definition starting with @", set_cell("glossary.csv", "IM", "definition",
                                                    "@SUM(A1:A9)"),
             fails_at("glossary.csv", "IM", "definition", "does not start with", "formula")),
        Case("claim starting with +", set_cell("claims.csv", "A5", "claim", "+1+1"),
             fails_at("claims.csv", "A5", "claim", "does not start with", "formula")),
        Case("study text starting with -", set_yaml("setting", '"-2+3 centres"'),
             Fails("data/study.yml", "does not start with", yaml_line_of("study.yml", "setting"),
                   "setting", ("formula",))),
    ]


def _markdown_word_cases() -> list[Case]:
    def term(case_id: str, value: str, expected: str) -> Case:
        return Case(case_id, set_cell("glossary.csv", "PCR", "term", value),
                    fails_at("glossary.csv", "PCR", "term", expected))

    return [
        term("glossary term is Markdown's HTML placeholder word", "wzxhzdk",
             "an abbreviation a reader would look up"),
        term("glossary term is Markdown's inline placeholder word", "klzzwxh",
             "an abbreviation a reader would look up"),
        term("glossary term is Markdown's ampersand word", "amp",
             "an abbreviation a reader would look up"),
        Case("glossary term not a plain word once the schema allows it", both(
                 edit_descriptor(lambda d: next(
                     r for r in d["resources"] if r["name"] == "glossary"
                 )["schema"]["fields"][0]["constraints"].pop("pattern")),
                 set_cell("glossary.csv", "PCR", "term", "S.C.T")),
             fails_at("glossary.csv", "PCR", "term", "letters and digits")),
    ]


def _loop_rows() -> Fault:
    """Two counts, each the denominator of the other: 6/6, 100% on every page."""
    columns = len((DATA / "counts.csv").read_text(encoding="utf-8").splitlines()[0].split(","))

    def row(cid: str, of: str) -> list[str]:
        cells = [cid, "X1", "", cid.replace("_", " "), "6", of, "stated", "", "results"]
        return cells + [""] * (columns - len(cells))

    return both(add_row("counts.csv", row("loop_a", "loop_b")),
                add_row("counts.csv", row("loop_b", "loop_a")))


def _semantic_cases() -> list[Case]:
    new_count_line = len(real_rows("counts.csv")) + 1

    def allow_level(value: int) -> Fault:
        def change(d: dict) -> None:
            study = next(r for r in d["resources"] if r["name"] == "study")
            fld = next(f for f in study["schema"]["fields"] if f["name"] == "confidence_level")
            fld["constraints"]["enum"].append(value)
        return edit_descriptor(change)

    return [
        Case("context outcome larger than its study", both(
                 set_cell("context_outcomes.csv", "k_alive", "n", "90"),
                 set_cell("context_outcomes.csv", "k_alive", "total", "280")),
             fails_at("context_outcomes.csv", "k_alive", "n",
                      "no larger than the number of patients in study K2002", "(28")),
        Case("context total larger than its study",
             set_cell("context_outcomes.csv", "k_alive", "total", "30"),
             fails_at("context_outcomes.csv", "k_alive", "total", "no larger than the number")),
        Case("context printed percentage against its counts",
             set_cell("context_outcomes.csv", "k_ccr", "printed_percent", "85"),
             fails_at("context_outcomes.csv", "k_ccr", "printed_percent",
                      "a printed percentage that matches n and total", "9/26")),
        Case("context printed percentage truncated by the source is accepted",
             set_cell("context_outcomes.csv", "e_chim", "printed_percent", "56"),
             Shows("context/index.html", "EBMT imatinib registry (Leukemia)")),
        Case("cyclic denominators", _loop_rows(),
             Fails("data/counts.csv", "lead to a count with none of its own", new_count_line,
                   "of", ("loop_a → loop_b → loop_a",))),
        Case("longer cycle of denominators",
             set_cell("counts.csv", "stopped", "of", "stop_relapse_late"),
             fails_at("counts.csv", "stopped", "of", "lead to a count with none of its own",
                      "stopped → stop_relapse_late → stop_relapse → stopped")),
        Case("printed percentage at full precision",
             set_cell("counts.csv", "response_ccr", "printed_percent", "46.153846"),
             fails_at("counts.csv", "response_ccr", "printed_percent",
                      "as the source printed it", "46.1538")),
        Case("context percentage at full precision",
             set_cell("context_outcomes.csv", "g_surv5", "printed_percent", "34.2345"),
             fails_at("context_outcomes.csv", "g_surv5", "printed_percent",
                      "as the source printed it")),
        Case("claim check with reversed bounds",
             set_cell("claims.csv", "A3", "check", "proportion between 0.42 and 0.25"),
             fails_at("claims.csv", "A3", "check", "the lower bound first",
                      "between 0.25 and 0.42")),
        Case("label of zero-width characters only",
             set_cell("counts.csv", "donor_cord", "label", "\u200b\u200d\u2060"),
             fails_at("counts.csv", "donor_cord", "label", "only invisible characters")),
        Case("definition of a blank-looking letter only",
             set_cell("glossary.csv", "IM", "definition", "\u3164"),
             fails_at("glossary.csv", "IM", "definition", "only invisible characters")),
        Case("study text of zero-width characters only", set_yaml("journal", '"\\u200b"'),
             Fails("data/study.yml", "only invisible characters",
                   yaml_line_of("study.yml", "journal"), "journal")),
        Case("release date in the future", set_yaml("release_date", "2999-01-01"),
             Fails("data/study.yml", "a date still to come",
                   yaml_line_of("study.yml", "release_date"), "release_date")),
        Case("cited evidence not among the context studies", set_yaml("cited_evidence", "X1999"),
             Fails("data/study.yml", "the id of a study in data/context_studies.csv",
                   yaml_line_of("study.yml", "cited_evidence"), "cited_evidence", ("'X1999'",))),
        Case("confidence level of 100 allowed by the schema",
             both(allow_level(100), set_yaml("confidence_level", "100")),
             Fails("data/datapackage.yml", "below 100", None, "confidence_level")),
        Case("confidence level of 0 allowed by the schema",
             both(allow_level(0), set_yaml("confidence_level", "0")),
             Fails("data/datapackage.yml", "above 0", None, "confidence_level")),
    ]


def schema_field(resource: str, name: str, change: Callable[[dict], None]) -> Fault:
    def edit(d: dict) -> None:
        res = next(r for r in d["resources"] if r["name"] == resource)
        change(next(f for f in res["schema"]["fields"] if f["name"] == name))
    return edit_descriptor(edit)


def drop_foreign_key(resource: str, name: str) -> Fault:
    def edit(d: dict) -> None:
        schema = next(r for r in d["resources"] if r["name"] == resource)["schema"]
        schema["foreignKeys"] = [fk for fk in schema["foreignKeys"] if fk["fields"] != name]
    return edit_descriptor(edit)


def drop_schema_field(resource: str, name: str) -> Fault:
    def edit(d: dict) -> None:
        schema = next(r for r in d["resources"] if r["name"] == resource)["schema"]
        schema["fields"] = [f for f in schema["fields"] if f["name"] != name]
    return edit_descriptor(edit)


def _schema_edit_cases() -> list[Case]:
    schema = "data/datapackage.yml"
    return [
        Case("count made optional in the schema, then emptied", both(
                 schema_field("counts", "n", lambda f: f["constraints"].update(required=False)),
                 set_cell("counts.csv", "stopped", "n", "")),
             Fails(schema, "to be required", None, "n", ("resource 'counts'",))),
        Case("denominator's foreign key removed from the schema", both(
                 drop_foreign_key("counts", "of"), set_cell("counts.csv", "stopped", "of", "x")),
             Fails(schema, "to refer to the resource 'counts'", None, "of")),
        Case("new interval method allowed and used", both(
                 schema_field("study", "interval_method",
                              lambda f: f["constraints"]["enum"].append("agresti-coull")),
                 set_yaml("interval_method", "agresti-coull")),
             Fails(schema, "values the site knows what to do with", None, "interval_method",
                   ("'agresti-coull'",))),
        Case("column dropped from the schema and the data", both(
                 drop_schema_field("counts", "printed_percent"),
                 edit_columns("counts.csv", drop_column("printed_percent"))),
             Fails(schema, "to keep its field 'printed_percent'", None, "printed_percent")),
        Case("minimum of counts removed, then a negative count", both(
                 schema_field("counts", "n", lambda f: f["constraints"].pop("minimum")),
                 set_cell("counts.csv", "stopped", "n", "-6")),
             Fails(schema, "a minimum of at least 0", None, "n")),
        Case("percentage allowed above 100", schema_field(
                 "counts", "printed_percent", lambda f: f["constraints"].update(maximum=1000)),
             Fails(schema, "a maximum of at most 100", None, "printed_percent")),
        Case("count typed as a number with decimals", schema_field(
                 "counts", "n", lambda f: f.update(type="number")),
             Fails(schema, "to be of type integer", None, "n")),
        Case("unit allowed that the site cannot convert", schema_field(
                 "durations", "unit", lambda f: f["constraints"]["enum"].append("fortnights")),
             Fails(schema, "values the site knows", None, "unit", ("'fortnights'",))),
        Case("primary key of the counts changed", edit_descriptor(
                 lambda d: d["resources"][1]["schema"].update(primaryKey="label")),
             Fails(schema, "to keep 'id' as its primaryKey", None, "primaryKey")),
    ]


def _denominator_gone_cases() -> list[Case]:
    def gone(cid: str) -> Case:
        return Case(f"denominator of {cid} emptied where a page needs it", both(
                        set_cell("counts.csv", cid, "of", ""),
                        set_cell("counts.csv", cid, "of_basis", "none")),
                    fails_at("counts.csv", cid, "of", "the id of the denominator",
                             "as a proportion"))

    return [gone("ccr_molecular"), gone("chimerism_evaluable")]


def _message_cases() -> list[Case]:
    return [
        Case("count with a thousands separator, quoted",
             set_cell("counts.csv", "response_ccr", "n", "1,132"),
             fails_at("counts.csv", "response_ccr", "n", "a whole number",
                      "without a thousands separator")),
        Case("count with a thousands separator, unquoted", with_line(
                 "counts.csv", "response_ccr",
                 raw_line("counts.csv", "response_ccr").replace(",12,", ",1,132,")),
             fails_at("counts.csv", "response_ccr", "n", "a whole number",
                      "without a thousands separator")),
        Case("median with a thousands separator",
             set_cell("durations.csv", "follow_up", "median", "1,132"),
             fails_at("durations.csv", "follow_up", "median", "a number",
                      "cannot tell which")),
        Case("tab-separated file", recode(
                 "groups.csv", lambda b: b.decode("utf-8").replace(",", "\t").encode("utf-8")),
             Fails("data/groups.csv", "separated by commas", 1, None, ("tabs",))),
        Case("very long value is cut in the message",
             set_cell("counts.csv", "response_ccr", "n", "9" * 10_000),
             fails_at("counts.csv", "response_ccr", "n", "a whole number", "9" * 80 + "…")),
        Case("very long unknown id is cut in the message",
             set_cell("counts.csv", "ccr_molecular", "of", "x" * 10_000),
             fails_at("counts.csv", "ccr_molecular", "of", "the id of a row",
                      "x" * 80 + "…")),
    ]


def _guideline_cases() -> list[Case]:
    """The certainty ratings and the verbatim source, checked across files."""
    three_down = both(
        set_cell("certainty.csv", "sof_ccr", "start", "high"),
        set_cell("certainty.csv", "sof_ccr", "indirectness", "serious"),
        set_cell("certainty.csv", "sof_ccr", "indirectness_reason", "Another measure."),
        set_cell("certainty.csv", "sof_ccr", "rating", "high"))
    return [
        Case("provenance names a sentence the abstract lacks",
             set_cell("counts.csv", "alive", "source", "Abstract sentence 99"),
             fails_at("counts.csv", "alive", "source", "expected a sentence of the abstract")),
        Case("claim quote not in its sentence",
             set_cell("claims.csv", "A4", "verbatim", "molecular relapse is rare"),
             fails_at("claims.csv", "A4", "verbatim", "expected the verbatim words")),
        Case("certainty high after three downgrades", three_down,
             fails_at("certainty.csv", "sof_ccr", "rating", "expected the rating 'very low'",
                      "found 'high'")),
        Case("certainty downgrade without reason",
             set_cell("certainty.csv", "sof_gvhd", "indirectness_reason", ""),
             fails_at("certainty.csv", "sof_gvhd", "indirectness_reason",
                      "expected the reason")),
    ]


def _all_cases() -> list[Case]:
    return [
        *_file_cases(),
        *_column_cases(),
        *_count_cases(),
        *_category_and_key_cases(),
        *_encoding_and_format_cases(),
        *_yaml_cases(),
        *_patient_level_cases(),
        *_link_cases(),
        *_spreadsheet_cases(),
        *_markdown_word_cases(),
        *_semantic_cases(),
        *_denominator_gone_cases(),
        *_schema_edit_cases(),
        *_message_cases(),
        *_guideline_cases(),
    ]


# The cases put their faults in this site's rows (by key): in a site for another study, whose
# data has none of those rows, there are none, and the tests that take them are this site's
# (marked `site`, skipped there and saying so).
try:
    CASES: list[Case] = _all_cases()
except KeyError:
    CASES = []
FAILING = [c for c in CASES if isinstance(c.outcome, Fails)]
SHOWING = [c for c in CASES if isinstance(c.outcome, Shows)]

assert len({c.id for c in CASES}) == len(CASES), "case ids must be unique"


# -- hostile text in every free-text field --------------------------------------------------

PAYLOADS = (
    "</script><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "{{ 7*7 }}",
    "{% include 'mkdocs.yml' %}",
    "\" onmouseover=alert(1) x=\"",
    "<!--",
    "&lt;b&gt;",
)


def text_fields() -> tuple[tuple[str, str], ...]:
    """Every free-text field of the schema: (file, column).

    A free-text field is text with no pattern, no list of allowed values and no reference
    to another table; every other field is an id, a number or a category that lets no
    markup through (the bad-data cases check those)."""
    found = []
    for res in SCHEMA["resources"]:
        if not present(res):
            continue
        references = {fk["fields"] for fk in res["schema"].get("foreignKeys", [])}
        for f in res["schema"]["fields"]:
            c = f.get("constraints") or {}
            if res["name"].startswith("translations_") and f["name"] in TRANSLATION_KEYS:
                continue
            if f.get("type", "string") == "string" and "pattern" not in c and "enum" not in c \
                    and f["name"] not in references and not f.get("itemReference") \
                    and (res["path"], f["name"]) not in SENTENCE_NAMED \
                    and (res.get("format") != "yaml" or f["name"] in STUDY_KEYS):
                found.append((res["path"], f["name"]))
    return tuple(found)


# The keys this study's record gives (optional ones it leaves out, such as authors, are not
# made hostile: there is no value to show).
STUDY_KEYS = set(yaml.safe_load((DATA / "study.yml").read_text(encoding="utf-8")))


def present(res: dict) -> bool:
    """Whether this study's data/ has the resource's file (an optional table may be absent)."""
    return (DATA / res["path"]).is_file()


# A claim's source stays the sentence its verbatim words are checked against: the hostile
# site adds those words to that sentence (a source by table or section is free text, as
# counts.csv's source, whose hostile text is checked).
SENTENCE_NAMED = {("claims.csv", "source")}

# A translation's id and English name the cell it translates: copies of another file's key
# and text, never text of their own (make_hostile writes them from the hostile cells).
TRANSLATION_KEYS = ("id", "english")
TRANSLATIONS = "translations_fr.csv"


TEXT_FIELDS = (*text_fields(), ("datapackage.yml", "description"))


def max_lengths() -> dict[tuple[str, str], int]:
    out = {}
    for res in SCHEMA["resources"]:
        for f in res["schema"]["fields"]:
            limit = (f.get("constraints") or {}).get("maxLength")
            if limit:
                out[(res["path"], f["name"])] = limit
    return out


def marker(file: str, column: str) -> str:
    """A lowercase tag naming the field, so a page shows which field a payload came from."""
    return f"{file.split('.')[0]}-{column}".replace("_", "-")


def hostile_text(file: str, column: str, row: int = 0) -> str:
    """The field's marker and as many payloads as its length limit allows.

    Payloads rotate with the row, so that where a field is short, each payload still lands
    in some row."""
    limit = max_lengths().get((file, column), 10_000)
    tag = marker(file, column) + (f" r{row}" if row else "")
    order = PAYLOADS[row % len(PAYLOADS):] + PAYLOADS[: row % len(PAYLOADS)]
    text = tag
    for p in order:
        if len(text) + 1 + len(p) <= limit:
            text += " " + p
    return text


def make_hostile(data: Path) -> dict[tuple[str, str], list[str]]:
    """Put hostile text in every free-text field of every row; return what was written."""
    written: dict[tuple[str, str], list[str]] = {}
    for file in CSV_FILES:
        rows = read_table(data / file)
        for column in [c for f, c in TEXT_FIELDS if f == file]:
            at = rows[0].index(column)
            values = []
            for i, row in enumerate(rows[1:], start=1):
                row[at] = hostile_text(file, column, i)
                values.append(row[at])
            written[(file, column)] = values
        write_table(data / file, rows)
    _quote_hostile_sentences(data)
    study = data / "study.yml"
    for column in [c for f, c in TEXT_FIELDS if f == "study.yml"]:
        value = hostile_text("study.yml", column)
        set_yaml(column, json.dumps(value, ensure_ascii=False))(data)
        written[("study.yml", column)] = [value]
    assert yaml.safe_load(study.read_text(encoding="utf-8"))["design"] \
        == written[("study.yml", "design")][0]

    def describe(descriptor: dict) -> None:
        for i, res in enumerate(descriptor["resources"]):
            res["description"] = hostile_text("datapackage.yml", "description", i)
    edit_descriptor(describe)(data)
    written[("datapackage.yml", "description")] = [
        hostile_text("datapackage.yml", "description", i)
        for i, res in enumerate(SCHEMA["resources"]) if present(res)
    ]
    if (data / TRANSLATIONS).is_file():  # a site with French pages
        written[(TRANSLATIONS, "french")] = _translate_hostile(data)
    return written


def _translate_hostile(data: Path) -> list[str]:
    """The French of every translated cell, now hostile English: hostile French of its own
    (a glossary term, which must stay an abbreviation, keeps its English)."""
    rows = [["file", "id", "column", "english", "french"]]
    french = []
    for res in SCHEMA["resources"]:
        columns = [f["name"] for f in res["schema"]["fields"] if f.get("translated")]
        if not columns or not present(res):
            continue
        if res.get("format") == "yaml":
            record = yaml.safe_load((data / res["path"]).read_text(encoding="utf-8"))
            cells = [("study", c, record.get(c)) for c in columns]
        else:
            table = read_table(data / res["path"])
            key = table[0].index(res["schema"]["primaryKey"])
            cells = [(row[key], c, row[table[0].index(c)]) for row in table[1:] for c in columns]
        for row_id, column, english in cells:
            if english in (None, ""):
                continue
            if column == res["schema"].get("primaryKey"):
                text = english
            else:
                text = hostile_text(TRANSLATIONS, "french", len(french))
                french.append(text)
            rows.append([res["path"], row_id, column, str(english), text])
    # each file's description, shown on the page for the study team
    descriptor = yaml.safe_load((data / "datapackage.yml").read_text(encoding="utf-8"))
    for res in filter(present, descriptor["resources"]):
        text = hostile_text(TRANSLATIONS, "french", len(french))
        french.append(text)
        rows.append(["datapackage.yml", res["name"], "description", res["description"], text])
    write_table(data / TRANSLATIONS, rows)
    return french


def _quote_hostile_sentences(data: Path) -> None:
    """Keep the build's rule that a claim quotes its sentence: each claim's (hostile)
    verbatim words are added to the (hostile) sentence it names; no printing error is
    listed, as the hostile sentences hold none of the real ones. (A study whose source text
    or claims are not in its data has nothing to keep.)"""
    if not ((data / "abstract.csv").is_file() and (data / "claims.csv").is_file()):
        return
    abstract = read_table(data / "abstract.csv")
    at_text, at_sic = abstract[0].index("text"), abstract[0].index("sic")
    sentences = {row[0]: row for row in abstract[1:]}
    claims = read_table(data / "claims.csv")
    at_verbatim, at_source = claims[0].index("verbatim"), claims[0].index("source")
    for row in claims[1:]:
        sentences[row[at_source].rsplit(" ", 1)[1]][at_text] += " " + row[at_verbatim]
    for row in abstract[1:]:
        row[at_sic] = ""
    write_table(data / "abstract.csv", abstract)


def strip_markup(text: str) -> str:
    return re.sub(r"<[^>]*>", "", text)


# -- random faults --------------------------------------------------------------------------

ODD_CELLS = ("", " ", "NA", "-1", "0", "1", "27", "101", "1e9", "abc", "x y", "2026-02-30",
             "true", "yes", "none", "stated", "patients", "response", "x" * 2000, "é", "<b>",
             "1.5", "00", "+3", "-0", "count == 0", "proportion > 0.5", "proportion == 2",
             "proportion between 0.9 and 0.1", "response_ccr", "K2002", "ccr", "months", "Q1",
             "CML", "a", "\u202e")
ODD_YAML = ("", "~", "null", "[]", "{}", "yes", "0", "-5", "2026-02-30", "1e3", "!!int 5",
            "&a x", "|\n  two\n  lines", "'quoted'", "wilson", "90", "2025.1", "2100-01-01",
            "K2002", "x" * 700, "@x", "? x", "- x")
ODD_BYTES = (b'"', b",", b"\n", b"\r", b"\x00", b"\xff", b"\t", b"'", b":", b"- ", b"{", b"[")


def random_fault(rng) -> tuple[str, Fault]:
    """One random fault: a cell, a row, a key of study.yml or a few bytes of any file."""
    kind = rng.random()
    if kind < 0.2:
        key = rng.choice([ln.split(":")[0] for ln in (DATA / "study.yml").read_text(
            encoding="utf-8").splitlines() if ln[:1].isalpha()])
        value = rng.choice(ODD_YAML)
        return f"study.yml {key}: {value[:20]!r}", set_yaml(key, value)
    if kind < 0.35:
        file = rng.choice([*CSV_FILES, "study.yml", "datapackage.yml"])
        size = len((DATA / file).read_bytes())
        at, insert = rng.randrange(size), rng.choice(ODD_BYTES)
        cut = rng.random() < 0.3
        return f"{file} bytes at {at}", recode(
            file, lambda b: b[:at] if cut else b[:at] + insert + b[at:])
    file = rng.choice(CSV_FILES)
    rows = real_rows(file)
    row = rng.randrange(1, len(rows))
    if kind < 0.45:
        return f"{file} without line {row + 1}", drop_row(file, rows[row][0])
    column = rng.choice(rows[0])
    value = rng.choice([*ODD_CELLS, *(r[rows[0].index(column)] for r in rows[1:])])
    return f"{file} line {row + 1} {column}={value[:20]!r}", \
        set_cell(file, rows[row][0], column, value)
