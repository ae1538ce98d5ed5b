"""Data releases: the earlier ones kept in data/releases/, and which numbers changed.

The current release is data/ itself (its name and date are in data/study.yml). Each earlier
release is kept as it was published, in data/releases/<release>/: a copy of its data files
and of the schema they were checked against. Both are read by the same strict loader, so a
damaged copy stops the build like damaged data does.

`freeze` makes that copy just before the data of a new release is edited (see
macros/publish/release_cli.py for the commands).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from markupsafe import Markup

from ..data.errors import DataError
from ..data.load import Dataset, load_dataset
from ..data.schema import DESCRIPTOR, load_descriptor
from ..data.tables import by_key, rows
from ..i18n import _, decimal, long_date, printed_percent, unit_name
from .render import esc, lower_first, percent, table
from .stats import method_label

RELEASES = "releases"
RELEASE_NAME = re.compile(r"^[0-9]{4}\.[0-9]+$")

# Study settings that change every interval on the site when they change.
STUDY_SETTINGS = ("confidence_level", "interval_method")


def _setting_name(key: str) -> str:
    names = {"confidence_level": _("Confidence level of every interval (%)"),
             "interval_method": _("Method of every confidence interval")}
    return names[key]


def release_key(name: str) -> tuple[int, int]:
    """Order of release names YEAR.NUMBER: 2026.10 comes after 2026.9."""
    year, number = name.split(".")
    return int(year), int(number)


@dataclass(frozen=True)
class Release:
    """The numbers of one release, as text a clinician reads, keyed by what they measure."""

    name: str
    date: dt.date
    folder: str  # where it is kept, as shown in messages: data/ or data/releases/<name>/
    numbers: dict[str, tuple[str, str]]  # key -> (what is measured, value as shown)

    @property
    def title(self) -> str:
        return _("Release {name} ({date})").format(name=self.name, date=long_date(self.date))


@dataclass(frozen=True)
class Change:
    what: str
    before: str | None  # None: not in the earlier release
    now: str | None  # None: no longer in this release


# -- reading releases ---------------------------------------------------------------------
def load_release(folder: Path, shown: str) -> Release:
    """One release from a folder holding datapackage.yml and the files it lists."""
    try:
        data = load_dataset(folder)
    except DataError as error:
        # The loader names files by their folder only; say which release folder it was.
        name = error.file.split("/", 1)[1] if "/" in error.file else error.file
        raise DataError(f"{shown}{name}", error.detail, line=error.line, row=error.row,
                        column=error.column) from None
    return release_of(data, shown)


def release_of(data: Dataset, shown: str) -> Release:
    return Release(
        name=str(data.study["release"]),
        date=data.study["release_date"],
        folder=shown,
        numbers=release_numbers(data),
    )


def release_history(data_dir: Path, current_data: Dataset | None = None) -> list[Release]:
    """Every release, oldest first, the current one (data/) last. The current release is
    read from `current_data` when the caller has already loaded it.

    Stops with a DataError when a kept release is misnamed or not older than the current one.
    """
    data_dir = Path(data_dir)
    current = (release_of(current_data, f"{data_dir.name}/") if current_data is not None
               else load_release(data_dir, f"{data_dir.name}/"))
    kept: list[Release] = []
    root = data_dir / RELEASES
    for folder in sorted(root.iterdir()) if root.is_dir() else ():
        shown = f"{data_dir.name}/{RELEASES}/{folder.name}/"
        if not folder.is_dir():
            raise DataError(shown.rstrip("/"), "expected only folders named after releases here")
        if not RELEASE_NAME.match(folder.name):
            raise DataError(
                shown, "expected a folder named after a release, such as 2026.1",
            )
        release = load_release(folder, shown)
        if release.name != folder.name:
            raise DataError(
                f"{shown}study.yml",
                f"this copy is of release {release.name}, but its folder is named"
                f" {folder.name}; the folder must carry the release's name",
                column="release",
            )
        kept.append(release)
    kept.sort(key=lambda r: release_key(r.name))
    for release in kept:
        if release_key(release.name) >= release_key(current.name):
            raise DataError(
                f"{data_dir.name}/study.yml",
                f"the release is {current.name}, but {release.folder} already keeps release"
                f" {release.name} as an earlier one. A new release needs a new, higher name"
                " (and its own date) here",
                column="release",
            )
    history = [*kept, current]
    for older, newer in zip(history, history[1:], strict=False):
        if newer.date < older.date:
            raise DataError(
                f"{newer.folder}study.yml",
                f"release {newer.name} is dated {newer.date.isoformat()}, before the earlier"
                f" release {older.name} ({older.date.isoformat()})",
                column="release_date",
            )
    return history


def release_numbers(data: Dataset) -> dict[str, tuple[str, str]]:
    """Every number a release reports, as (what, shown value), under a stable key."""
    numbers: dict[str, tuple[str, str]] = {}
    counts = by_key(data["counts"])
    for cid, row in counts.items():
        numbers[f"count:{cid}"] = (row["label"], _count_text(row, counts))
    for row in rows(data.tables.get("durations", pd.DataFrame())):
        numbers[f"duration:{row['id']}"] = (row["label"], _duration_text(row))
    for key in STUDY_SETTINGS:
        value = data.study[key]
        shown = method_label(value) if key == "interval_method" else str(value)
        numbers[f"study:{key}"] = (_setting_name(key), shown)
    return numbers


def _count_text(row, counts: dict) -> str:
    n = int(row["n"])
    if not row["of"]:
        return str(n)
    of = counts[row["of"]]
    total = int(of["n"])
    printed = row["printed_percent"] is not None
    if total:
        text = (_("{n} of {total} ({share}), printed as {printed}; among: {denominator}")
                if printed else _("{n} of {total} ({share}); among: {denominator}"))
    else:
        text = (_("{n} of {total}, printed as {printed}; among: {denominator}")
                if printed else _("{n} of {total}; among: {denominator}"))
    return text.format(
        n=n, total=total, share=percent(n / total) if total else "",
        printed=printed_percent(row["printed_percent"]) if printed else "",
        denominator=lower_first(of["label"]))


def _duration_text(row) -> str:
    words = {"median": decimal(row["median"]), "unit": unit_name(row["unit"])}
    if row["low"] is None and row["high"] is None:
        return _("median {median} {unit}").format(**words)
    low = "?" if row["low"] is None else decimal(row["low"])
    high = "?" if row["high"] is None else decimal(row["high"])
    return _("median {median} {unit} (range {low} to {high})").format(
        low=low, high=high, **words)


# -- comparing ----------------------------------------------------------------------------
def compare(older: Release, newer: Release) -> list[Change]:
    """Numbers that changed, appeared or disappeared from one release to the next,
    in the order the newer release lists them (removed ones last)."""
    changes = []
    for key, (what, now) in newer.numbers.items():
        before = older.numbers.get(key)
        if before is None:
            changes.append(Change(what, None, now))
        elif before[1] != now:
            changes.append(Change(what, before[1], now))
    for key, (what, before) in older.numbers.items():
        if key not in newer.numbers:
            changes.append(Change(what, before, None))
    return changes


def unkept_releases(published: Iterable[str], history: list[Release]) -> list[str]:
    """Published releases, other than the current one, with no copy in data/releases/.

    Without that copy, What's new could not say what changed since them."""
    known = {r.name for r in history}
    return sorted((v for v in published if v not in known and RELEASE_NAME.match(v)),
                  key=release_key)


# -- the What's new page ------------------------------------------------------------------
def whats_new(history: list[Release]) -> Markup:
    """One section per release, newest first, with a table of the numbers that changed."""
    out = []
    for index in range(len(history) - 1, -1, -1):
        release = history[index]
        out.append(f"\n\n## {esc(release.title)}\n\n")
        if index == 0:
            out.append("<p>" + _(
                "The first release of this summary: there is no earlier release to compare it"
                " with.") + "</p>\n")
            continue
        older = history[index - 1]
        changes = compare(older, release)
        if not changes:
            out.append("<p>" + _("No reported number changed since release {name}.").format(
                name=esc(older.name)) + "</p>\n")
            continue
        rows = [
            [esc(c.what), esc(c.before or _("not reported then")),
             esc(c.now or _("no longer reported"))]
            for c in changes
        ]
        out.append(str(table(
            [_("What"), _("Release {name}").format(name=older.name),
             _("Release {name}").format(name=release.name)], rows,
            caption=_("Numbers that changed from release {older} to release {newer}").format(
                older=older.name, newer=release.name),
        )))
    return Markup("".join(out))


# -- keeping a release --------------------------------------------------------------------
def freeze(data_dir: Path) -> Path:
    """Copy the current release (data/) into data/releases/<release>/ and return that folder.

    The data are checked first: only a release that loads is kept."""
    data_dir = Path(data_dir)
    release = load_release(data_dir, f"{data_dir.name}/")
    target = data_dir / RELEASES / release.name
    if target.exists():
        raise DataError(
            f"{data_dir.name}/{RELEASES}/{release.name}",
            f"release {release.name} is already kept here; give the new release its name"
            f" in {data_dir.name}/study.yml instead",
        )
    files = [DESCRIPTOR, *(r["path"] for r in load_descriptor(data_dir)["resources"])]
    target.mkdir(parents=True)
    for name in files:
        shutil.copyfile(data_dir / name, target / name)
    return target
