"""The data's reader-facing text in another language: data/translations_<language>.csv.

The schema marks each field readers see with `translated: true`. The translations file has
one line per such cell (file, the row's id, column), with the English it translates and the
translation, and one line per file's description in the schema (datapackage.yml, the file's
name, description). For a French build every marked cell is swapped for its French; the build
stops on a cell without French (naming the cell's file, line and column), on French whose
English has changed since, and on a line naming a cell that does not exist. All the cells
without their translation (or whose English has changed) are named in one message, each with
its file, line and column, as is every sentence of the code the catalogue lacks:

    python -m macros.publish.translations_cli --missing fr     (make translations)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import DataError, shown
from .load import Dataset, load_dataset

LANGUAGE_NAMES = {"fr": "French"}
STUDY_ROW = "study"  # the id of study.yml's one record in the translations file
SCHEMA_FILE = "datapackage.yml"  # its lines translate the files' descriptions (id: the file)


def resource_name(language: str) -> str:
    return f"translations_{language}"


def translated_fields(resource: dict[str, Any]) -> list[str]:
    return [f["name"] for f in resource["schema"]["fields"] if f.get("translated")]


def translate(data: Dataset, language: str, source: str = "en") -> Dataset:
    """`data` with its marked text in `language` (the data's own language `source`: `data`
    itself). Every cell without its translation is named in the one error raised."""
    if language == source:
        return data
    words = LANGUAGE_NAMES.get(language, language)
    name = resource_name(language)
    if name not in data.tables:
        raise DataError("data/datapackage.yml", f"no resource '{name}': the {words} pages "
                        f"take the data's text from data/{name}.csv")
    shown_file = f"data/{data.files[name]}"
    given: dict[tuple[str, str, str], tuple[int, str, str]] = {}
    for row in data[name].to_dict("records"):
        key = (row["file"], row["id"], row["column"])
        if key in given:
            raise DataError(shown_file, f"a second line for {', '.join(key)} (the first is "
                            f"line {given[key][0]})", line=row["_line"], column="id")
        given[key] = (row["_line"], row["english"], row["french"])
    used: set[tuple[str, str, str]] = set()
    problems: list[DataError] = []

    def french(file: str, row_id: str, column: str, english: Any, line: int | None) -> Any:
        if english is None or english == "":
            return english
        key = (file, str(row_id), column)
        if key not in given:
            problems.append(DataError(
                f"data/{file}", f"{shown(str(english))} has no {words}: add a line to "
                f"{shown_file} with file {file}, id {row_id}, column {column}",
                line=line, column=column))
            return english
        at, was, text = given[key]
        if was != str(english):
            problems.append(DataError(
                shown_file, f"the English of {file}, id {row_id}, column {column} is now "
                f"{shown(str(english))}: check the {words} and copy the new English here",
                line=at, column="english"))
        used.add(key)
        return text

    resources = {r["name"]: r for r in data.descriptor["resources"]}
    study = dict(data.study)
    tables = dict(data.tables)
    lines = {k: dict(v) for k, v in data.lines.items()}
    for rname, resource in resources.items():
        columns = translated_fields(resource)
        if not columns:
            continue
        file = data.files[rname]
        if resource.get("format") == "yaml":
            for column in columns:
                study[column] = french(file, STUDY_ROW, column, study.get(column),
                                       data.lines.get(rname, {}).get(column))
            continue
        if rname not in tables:
            continue
        key = resource["schema"]["primaryKey"]
        table = tables[rname].copy()
        for index, row in table.iterrows():
            for column in columns:
                table.at[index, column] = french(file, row[key], column, row[column],
                                                 row["_line"])
        tables[rname] = table
        if key in columns:  # the id itself is translated (a glossary term)
            lines[rname] = dict(zip(table[key], table["_line"], strict=True))
    # Each file's description, shown on the page for the study team, is translated too.
    described = [dict(r, description=french(SCHEMA_FILE, r["name"], "description",
                                            r["description"], None))
                 if r.get("description") else r for r in data.descriptor["resources"]]
    descriptor = dict(data.descriptor, resources=described)
    if problems:
        raise all_at_once(problems)
    for key, (line, _english, _text) in given.items():
        if key not in used:
            raise DataError(shown_file, f"no translated cell {', '.join(key)} in the data: "
                            "remove this line or correct its file, id or column", line=line)
    return Dataset(study=study, tables=tables, files=data.files, lines=lines,
                   descriptor=descriptor, left_out=data.left_out)


class Untranslated(DataError):
    """Several cells without their translation: the first names the place, all are listed."""

    def __init__(self, problems: list[DataError]) -> None:
        first = problems[0]
        super().__init__(first.file, first.detail, line=first.line, column=first.column)
        self.problems = problems
        listed = "\n".join(f"  {p}" for p in problems)
        self.args = (f"{len(problems)} translation problems in data/, each to be put right "
                     f"(make translations lists them again):\n{listed}",)


def all_at_once(problems: list[DataError]) -> DataError:
    """One error for the build: the problem itself when alone, else all of them listed."""
    return problems[0] if len(problems) == 1 else Untranslated(problems)


def missing(data_dir: Path, language: str) -> list[str]:
    """Every text of `language` still to write: the data's cells (file, line, column) and
    the code's sentences the catalogue lacks. [] when nothing is missing."""
    from .. import i18n

    lines: list[str] = []
    try:
        translate(load_dataset(data_dir, language), language)
    except Untranslated as error:
        lines += [str(p) for p in error.problems]
    except DataError as error:
        lines.append(str(error))
    catalogue = f"macros/i18n/locale/{language}/LC_MESSAGES/{i18n.DOMAIN}.po"
    lines += [f"{catalogue} has no translation of {m}" for m in i18n.untranslated(language)]
    return lines

