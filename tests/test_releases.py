"""Earlier data releases kept in data/releases/, and the What's new page built from them."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, build, copy_project

from macros.data.errors import DataError
from macros.evidence.releases import (
    compare,
    freeze,
    release_history,
    release_key,
    unkept_releases,
    whats_new,
)
from macros.publish.release_cli import main as release_cli

STUDY = yaml.safe_load((ROOT / "data" / "study.yml").read_text(encoding="utf-8"))


# -- editing a copy of data/ the way the study team would -------------------------------
def copy_data(tmp_path: Path) -> Path:
    """data/ as it is now, without the releases kept so far."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("releases"))
    return data


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write_rows(path: Path, rows: list[dict[str, str]]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def set_cell(path: Path, key: str, column: str, value: str) -> str:
    """Change one cell of a CSV file in data/; return what it was."""
    rows = read_rows(path)
    (row,) = [r for r in rows if r["id"] == key]
    before, row[column] = row[column], value
    write_rows(path, rows)
    return before


def set_release(data: Path, name: str, date: str) -> None:
    study = data / "study.yml"
    text = study.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^release: .*$", f'release: "{name}"', text)
    text = re.sub(r"(?m)^release_date: .*$", f"release_date: {date}", text)
    study.write_text(text, encoding="utf-8")


def next_release(name: str) -> str:
    year, number = name.split(".")
    return f"{year}.{int(number) + 1}"


def a_count_with_denominator(data: Path) -> tuple[dict[str, str], dict[str, str]]:
    """A count whose denominator is another count, and that denominator."""
    rows = {r["id"]: r for r in read_rows(data / "counts.csv")}
    for row in rows.values():
        if row["of"] and int(row["n"]) < int(rows[row["of"]]["n"]):
            return row, rows[row["of"]]
    raise AssertionError("no count with a denominator in data/counts.csv")


@pytest.fixture
def two_releases(tmp_path):
    """data/ kept as the current release, then a new release with one count raised by one."""
    data = copy_data(tmp_path)
    kept = freeze(data)
    count, total = a_count_with_denominator(data)
    new_n = int(count["n"]) + 1
    set_cell(data / "counts.csv", count["id"], "n", str(new_n))
    new_name = next_release(STUDY["release"])
    set_release(data, new_name, (STUDY["release_date"] + dt.timedelta(days=7)).isoformat())
    return data, kept, count, total, new_n


# -- the real data ------------------------------------------------------------------------
def test_the_real_data_is_the_newest_release():
    history = release_history(ROOT / "data")
    assert history[-1].name == STUDY["release"]
    assert history[-1].date == STUDY["release_date"]
    kept = sorted(p.name for p in (ROOT / "data" / "releases").glob("*")) \
        if (ROOT / "data" / "releases").is_dir() else []
    assert [r.name for r in history[:-1]] == sorted(kept, key=release_key)


def test_release_names_order_by_number_not_by_text():
    assert release_key("2026.10") > release_key("2026.9") > release_key("2025.12")


# -- keeping a release --------------------------------------------------------------------
def test_freeze_keeps_every_file_the_schema_lists(tmp_path):
    data = copy_data(tmp_path)
    kept = freeze(data)
    assert kept == data / "releases" / STUDY["release"]
    descriptor = yaml.safe_load((data / "datapackage.yml").read_text(encoding="utf-8"))
    for name in ["datapackage.yml", *(r["path"] for r in descriptor["resources"])]:
        if not (data / name).exists():  # an optional table this study does not have
            assert optional_in(descriptor, name) and not (kept / name).exists(), name
            continue
        assert (kept / name).read_bytes() == (data / name).read_bytes(), name


def optional_in(descriptor: dict, path: str) -> bool:
    return any(r["path"] == path and r.get("optional") is True
               for r in descriptor["resources"])


def test_freeze_refuses_to_overwrite_a_kept_release(tmp_path):
    data = copy_data(tmp_path)
    freeze(data)
    with pytest.raises(DataError, match="already kept"):
        freeze(data)


def test_freeze_refuses_data_that_does_not_load(tmp_path):
    data = copy_data(tmp_path)
    count, _ = a_count_with_denominator(data)
    set_cell(data / "counts.csv", count["id"], "n", "twelve")
    with pytest.raises(DataError, match="counts.csv"):
        freeze(data)
    assert not (data / "releases").exists()


# -- the history and its checks -----------------------------------------------------------
def test_a_kept_release_and_the_current_one_make_the_history(two_releases):
    data, _, _, _, _ = two_releases
    history = release_history(data)
    assert [r.name for r in history] == [STUDY["release"], next_release(STUDY["release"])]


def test_a_kept_release_must_be_named_after_its_folder(two_releases):
    data, kept, _, _, _ = two_releases
    set_release(kept, "2001.1", STUDY["release_date"].isoformat())
    with pytest.raises(DataError, match=r"releases/.*/study\.yml.*folder"):
        release_history(data)


def test_the_current_release_must_be_newer_than_every_kept_one(two_releases):
    data, _, _, _, _ = two_releases
    set_release(data, STUDY["release"], (STUDY["release_date"]).isoformat())
    with pytest.raises(DataError, match="new, higher name"):
        release_history(data)


def test_a_newer_release_cannot_be_dated_before_an_older_one(two_releases):
    data, _, _, _, _ = two_releases
    earlier = (STUDY["release_date"] - dt.timedelta(days=1)).isoformat()
    set_release(data, next_release(STUDY["release"]), earlier)
    with pytest.raises(DataError, match="dated .* before"):
        release_history(data)


def test_a_damaged_kept_release_names_its_own_file(two_releases):
    data, kept, count, _, _ = two_releases
    set_cell(kept / "counts.csv", count["id"], "n", "-")
    with pytest.raises(DataError) as caught:
        release_history(data)
    assert caught.value.file == f"data/releases/{kept.name}/counts.csv"
    assert caught.value.column == "n"


def test_a_stray_folder_in_releases_stops_the_build(two_releases):
    data, _, _, _, _ = two_releases
    (data / "releases" / "old").mkdir()
    with pytest.raises(DataError, match="named after a release"):
        release_history(data)


def test_kept_releases_sort_by_release_number(tmp_path):
    data = copy_data(tmp_path)
    year = STUDY["release_date"].year
    for number, day in ((9, 1), (10, 2)):
        set_release(data, f"{year}.{number}", dt.date(year, 1, day).isoformat())
        freeze(data)
    set_release(data, f"{year}.11", dt.date(year, 1, 3).isoformat())
    assert [r.name for r in release_history(data)] == [f"{year}.9", f"{year}.10", f"{year}.11"]


# -- comparing ----------------------------------------------------------------------------
def test_a_changed_count_shows_from_what_to_what(two_releases):
    data, _, count, total, new_n = two_releases
    older, newer = release_history(data)
    changes = {c.what: c for c in compare(older, newer)}
    change = changes[count["label"]]
    assert change.before.startswith(f"{count['n']} of {total['n']} (")
    assert change.now.startswith(f"{new_n} of {total['n']} (")
    old_pct = round(100 * int(count["n"]) / int(total["n"]))
    new_pct = round(100 * new_n / int(total["n"]))
    assert f"({old_pct}%" in change.before and f"({new_pct}%" in change.now


@pytest.mark.site
def test_counts_that_use_a_changed_count_as_denominator_change_too(tmp_path):
    data = copy_data(tmp_path)
    freeze(data)
    rows = read_rows(data / "counts.csv")
    used = {r["of"] for r in rows if r["of"]}
    total = next(r for r in rows if r["id"] in used and r["of"])
    set_cell(data / "counts.csv", total["id"], "n", str(int(total["n"]) + 1))
    set_release(data, next_release(STUDY["release"]), STUDY["release_date"].isoformat())
    older, newer = release_history(data)
    changed = {c.what for c in compare(older, newer)}
    dependants = {r["label"] for r in rows if r["of"] == total["id"]}
    assert total["label"] in changed and dependants <= changed


def test_unchanged_numbers_are_not_listed(two_releases):
    data, _, count, total, _ = two_releases
    older, newer = release_history(data)
    changed = {c.what for c in compare(older, newer)}
    rows = read_rows(data / "counts.csv")
    affected = {count["id"]} | {r["id"] for r in rows if r["of"] == count["id"]}
    assert changed == {r["label"] for r in rows if r["id"] in affected}


@pytest.mark.site
def test_added_and_removed_numbers_are_listed(two_releases):
    data, kept, _, _, _ = two_releases
    durations = read_rows(data / "durations.csv")
    extra = dict(durations[0], id="new_duration_for_test", label="A newly reported time")
    write_rows(data / "durations.csv", [*durations, extra])
    old_rows = read_rows(kept / "durations.csv")
    gone = dict(old_rows[0], id="dropped_duration_for_test", label="A time no longer reported")
    write_rows(kept / "durations.csv", [*old_rows, gone])
    older, newer = release_history(data)
    changes = {c.what: c for c in compare(older, newer)}
    assert changes["A newly reported time"].before is None
    assert changes["A newly reported time"].now.startswith(f"median {extra['median']} ")
    assert changes["A time no longer reported"].now is None
    assert changes["A time no longer reported"].before.startswith(f"median {gone['median']} ")


@pytest.mark.site
def test_a_changed_duration_range_is_listed(two_releases):
    data, _, _, _, _ = two_releases
    row = next(r for r in read_rows(data / "durations.csv") if r["high"])
    set_cell(data / "durations.csv", row["id"], "high", str(int(float(row["high"])) + 5))
    older, newer = release_history(data)
    change = {c.what: c for c in compare(older, newer)}[row["label"]]
    assert f"to {row['high']})" in change.before
    assert f"to {int(float(row['high'])) + 5})" in change.now


def test_a_changed_interval_method_is_listed(two_releases):
    data, _, _, _, _ = two_releases
    study = data / "study.yml"
    other = "wilson" if STUDY["interval_method"] != "wilson" else "clopper-pearson"
    study.write_text(re.sub(r"(?m)^interval_method: .*$", f"interval_method: {other}",
                            study.read_text(encoding="utf-8")), encoding="utf-8")
    older, newer = release_history(data)
    assert any("interval" in c.what.lower() for c in compare(older, newer))


# -- the page section ---------------------------------------------------------------------
def test_whats_new_lists_releases_newest_first_with_their_changes(two_releases):
    data, _, count, _, _ = two_releases
    text = html.unescape(str(whats_new(release_history(data))))
    new, old = next_release(STUDY["release"]), STUDY["release"]
    assert text.index(f"## Release {new} (") < text.index(f"## Release {old} (")
    assert count["label"] in text
    assert "no earlier release" in text


def test_whats_new_escapes_data_text(two_releases):
    data, kept, count, _, _ = two_releases
    label = '<img src=x onerror="alert(1)"> [link](javascript:alert(1))'
    set_cell(data / "counts.csv", count["id"], "label", label)
    out = str(whats_new(release_history(data)))
    assert "<img" not in out and "](javascript" not in out
    assert label in html.unescape(out)


def test_whats_new_says_when_no_number_changed(tmp_path):
    data = copy_data(tmp_path)
    freeze(data)
    set_release(data, next_release(STUDY["release"]), STUDY["release_date"].isoformat())
    text = html.unescape(str(whats_new(release_history(data))))
    assert f"No reported number changed since release {STUDY['release']}" in text


@pytest.mark.site
def test_the_built_page_shows_the_change(tmp_path):
    project = copy_project(tmp_path / "project")
    data = project / "data"
    shutil.rmtree(data / "releases", ignore_errors=True)
    freeze(data)
    count, total = a_count_with_denominator(data)
    set_cell(data / "counts.csv", count["id"], "n", str(int(count["n"]) + 1))
    set_release(data, next_release(STUDY["release"]), STUDY["release_date"].isoformat())
    result = build(project)
    assert result.returncode == 0, result.output
    rows = [
        [html.unescape(re.sub(r"<[^>]+>", "", cell))
         for cell in re.findall(r"<td[^>]*>(.*?)</td>", tr)]
        for tr in re.findall(r"<tr>(.*?)</tr>", result.page("whats-new/index.html"))
    ]
    (row,) = [r for r in rows if r and r[0] == count["label"]]
    assert row[1].startswith(f"{count['n']} of {total['n']} (")
    assert row[2].startswith(f"{int(count['n']) + 1} of {total['n']} (")


def test_a_damaged_kept_release_fails_the_strict_build(tmp_path):
    project = copy_project(tmp_path / "project")
    data = project / "data"
    shutil.rmtree(data / "releases", ignore_errors=True)
    kept = freeze(data)
    set_release(data, next_release(STUDY["release"]), STUDY["release_date"].isoformat())
    (kept / "counts.csv").write_text("id,n\n", encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert f"data/releases/{kept.name}/counts.csv" in result.output


# -- the commands the Makefile runs -------------------------------------------------------
def test_unkept_releases_are_the_published_ones_without_a_copy(two_releases):
    data, _, _, _, _ = two_releases
    history = release_history(data)
    current, kept = history[-1].name, history[0].name
    assert unkept_releases([kept, current], history) == []
    assert unkept_releases(["1999.2", kept, "1999.10", current], history) == ["1999.2",
                                                                                "1999.10"]


def test_cli_current_prints_the_release(capsys):
    assert release_cli(["current", str(ROOT / "data")]) == 0
    assert capsys.readouterr().out.strip() == STUDY["release"]


def test_cli_title_gives_the_release_and_its_date(capsys):
    assert release_cli(["title", str(ROOT / "data")]) == 0
    out = capsys.readouterr().out.strip()
    assert out == f"{STUDY['release']} ({STUDY['release_date'].isoformat()})"


def test_cli_without_a_command_shows_usage(capsys):
    assert release_cli([]) == 2
    assert "freeze" in capsys.readouterr().err


def test_cli_check_published(two_releases, tmp_path, capsys):
    data, _, _, _, _ = two_releases
    published = tmp_path / "versions.json"
    published.write_text(json.dumps([{"version": STUDY["release"], "aliases": []}]))
    assert release_cli(["check-published", str(published), str(data)]) == 0
    published.write_text(json.dumps([{"version": "1999.1", "aliases": ["latest"]}]))
    assert release_cli(["check-published", str(published), str(data)]) == 1
    assert "1999.1" in capsys.readouterr().err


def test_cli_reports_data_errors_without_a_traceback(tmp_path):
    data = copy_data(tmp_path)
    set_release(data, "not-a-release", STUDY["release_date"].isoformat())
    result = subprocess.run([sys.executable, "-m", "macros.publish.release_cli", "current",
                             str(data)],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "study.yml" in result.stderr and "Traceback" not in result.stderr


def test_history_from_already_loaded_data_matches_reading_the_folder():
    from macros.data.load import load_dataset

    assert release_history(ROOT / "data", current_data=load_dataset(ROOT / "data")) == \
        release_history(ROOT / "data")
