"""Build the real site with `mkdocs build --strict` and read what a visitor would get."""

from __future__ import annotations

import csv
import html
import json
import re

import pytest
from conftest import ROOT, build, copy_project, real_data, without_pictures
from scipy.stats import beta

from macros.data.tables import rows

# This site's pages, numbers and data rows (the generator's own build: test_fictional_study.py).
pytestmark = pytest.mark.site

DATA = real_data()
PAGES = sorted(p for p in (ROOT / "docs").rglob("*.md"))


def html_pages(site, folder: str = ""):
    """The built pages of one language: the English ones, or those in `folder` ('fr')."""
    root = site / folder if folder else site
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
            for p in root.rglob("index.html") if "search" not in p.parts
            and (folder or p.relative_to(site).parts[0] != "fr")}


def visible_text(page: str) -> str:
    inline = re.sub(r"</?(abbr|span|em|strong|q|sup|a)\b[^>]*>", "", page)
    return html.unescape(re.sub(r"<[^>]+>", " ", inline))


def test_build_writes_every_page(real_site):
    pages = html_pages(real_site.site)
    assert len(pages) >= 10
    assert len(pages) >= len(PAGES)
    for name, page in pages.items():
        assert "Traceback" not in page, name
        assert "Macro Rendering Error" not in page and "macros - ERROR" not in page, name
        assert "{{" not in visible_text(page) and "{%" not in visible_text(page), name


@pytest.mark.parametrize("page,charts", [("response/index.html", 1), ("survival/index.html", 1),
                                         ("chimerism/index.html", 1)])
def test_chart_pages_carry_figures_captions_and_tables(real_site, page, charts):
    text = real_site.page(page)
    figures = re.findall(r'<figure class="evidence-chart".*?</figure>', text, re.S)
    assert len(figures) == charts
    for fig in figures:
        data = re.search(r'data-figure="([^"]*)"', fig).group(1)
        figure = json.loads(html.unescape(data))
        assert figure["data"] and figure["layout"]["title"]["text"]
        assert "<figcaption>" in fig and "<table>" in fig
        # every bar's n/N label is also in the table beside the chart
        table = visible_text(fig.split("<table>", 1)[1])
        for label in figure["data"][0]["text"]:
            n, total = label.split("/")
            assert re.search(rf"\b{n}/{total}\b", table), label


def test_every_count_and_duration_is_shown_with_its_number(real_site):
    pages = "\n".join(html_pages(real_site.site).values())
    for count in rows(DATA["counts"]):
        spans = re.findall(rf'data-count="{count["id"]}"[^>]*>([^<]*)<', pages)
        shown = spans or re.findall(rf'title="[^"]*"[^>]*>{count["n"]}<', pages)
        assert spans, f"count {count['id']} is shown on no page"
        assert any(re.match(rf"\D*{count['n']}\b", s) for s in spans), (count["id"], spans)
        assert shown
    for d in rows(DATA["durations"]):
        assert re.search(rf'data-duration="{d["id"]}"[^>]*>{d["median"]:g} {d["unit"]}', pages), \
            d["id"]


def test_claims_questions_and_glossary_are_on_the_site(real_site):
    pages = {k: visible_text(v) for k, v in html_pages(real_site.site).items()}
    for claim in rows(DATA["claims"]):
        assert claim["claim"] in pages["conclusions/index.html"], claim["id"]
    for q in rows(DATA["open_questions"]):
        assert q["question"] in pages["open-questions/index.html"], q["id"]
        assert q["study_needed"] in pages["open-questions/index.html"], q["id"]
    for g in rows(DATA["glossary"]):
        assert g["definition"] in pages["glossary/index.html"], g["term"]


def test_abbreviations_have_tooltips_in_prose(real_site):
    page = real_site.page("index.html")
    assert re.search(r'<abbr title="chronic myeloid leuk\w+">CML</abbr>', page)


def test_data_files_can_be_downloaded(real_site):
    methods = real_site.page("editing-the-data/index.html")
    for name in DATA.files.values():
        assert (real_site.site / "data" / name).read_bytes() == (ROOT / "data" / name).read_bytes()
        assert f'href="../data/{name}"' in methods


def exact_ci(n, total):
    low = 0.0 if n == 0 else beta.ppf(0.025, n, total - n + 1)
    high = 1.0 if n == total else beta.ppf(0.975, n + 1, total - n)
    return f"{round(100 * low + 1e-9):.0f}% to {round(100 * high + 1e-9):.0f}%"


@pytest.mark.site
def test_changing_a_count_changes_every_place_that_shows_it(tmp_path, real_site, expected):
    edit = expected["edited"]
    key, old = edit["id"], expected["counts"][edit["id"]]
    total = expected["counts"][expected["cohort"]["id"]]["n"]
    before = html_pages(real_site.site)
    places = [name for name, page in before.items() if f'data-count="{key}"' in page]
    assert places, f"the count {key} is shown nowhere"

    project = without_pictures(copy_project(tmp_path / "project"))
    counts = project / "data" / "counts.csv"
    table = list(csv.DictReader(counts.read_text(encoding="utf-8").splitlines()))
    (row,) = [r for r in table if r["id"] == key]
    assert (int(row["n"]), float(row["printed_percent"])) == (old["n"], old["printed_percent"])
    # the count and the percentage the authors printed for it, as a corrected source would
    row["n"], row["printed_percent"] = str(edit["n"]), str(edit["printed_percent"])
    with counts.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(table[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    after = html_pages(result.site)

    was, now = f"{old['n']}/{total}", f"{edit['n']}/{total}"
    old_ci, new_ci = exact_ci(old["n"], total), exact_ci(edit["n"], total)
    assert old_ci != new_ci
    for name in places:
        spans = re.findall(rf'data-count="{key}"[^>]*>([^<]*)<', after[name])
        assert spans, name
        for s in spans:
            assert not re.match(rf"{old['n']}\b", s), (name, s)
        text_after = visible_text(after[name])
        assert now in text_after or f"{edit['n']} of {total}" in text_after \
            or re.search(rf">{edit['n']}<", after[name]), name
    everywhere = "\n".join(visible_text(p) for p in after.values())
    assert was not in everywhere
    assert f"{now} ({edit['printed_percent']}%; 95% CI " + new_ci in everywhere
    assert f"{was} (" not in everywhere
    chart = re.search(r'id="fig-response".*?data-figure="([^"]*)"', after["response/index.html"],
                      re.S).group(1)
    labels = json.loads(html.unescape(chart))["data"][0]["text"]
    assert now in labels and was not in labels


def test_interval_method_is_chosen_in_the_study_metadata(tmp_path):
    project = without_pictures(copy_project(tmp_path / "project"))
    study = project / "data" / "study.yml"
    study.write_text(study.read_text(encoding="utf-8").replace(
        "interval_method: clopper-pearson", "interval_method: wilson"), encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    page = visible_text(result.page("methods/index.html"))
    assert "Wilson score" in page and "Clopper" not in page
    for name, other in html_pages(result.site).items():
        assert "Clopper" not in visible_text(other), name


FAILURES = [
    # (file, change, message the editor sees)
    ("durations.csv", lambda p: p.unlink(),
     "Data error in data/durations.csv: the file is missing; every file listed in the schema"
     " is required"),
    ("counts.csv", lambda p: drop_column(p, "label"),
     "Data error in data/counts.csv, line 1, column 'label': the column 'label' is missing;"
     " expected the columns id, fact, group, label, n, of, of_basis, printed_percent, source,"
     " short_label, within, likely_within, also_of, caveat"),
    ("counts.csv", lambda p: p.write_text(p.read_text(encoding="utf-8").replace(
        "Complete cytogenetic response (CCR),12,", "Complete cytogenetic response (CCR),twelve,"),
        encoding="utf-8"),
     "Data error in data/counts.csv, line {line} (row {row}), column 'n': expected a whole"
     " number from 0 to 1000000, found 'twelve'"),
    ("groups.csv", lambda p: p.write_text(p.read_text(encoding="utf-8").replace(
        "prior_treatment,Treatment before imatinib,patients,possible,",
        "prior_treatment,Treatment before imatinib,patients,sometimes,"), encoding="utf-8"),
     "Data error in data/groups.csv, line {line} (row {row}), column 'overlap': expected one of"
     " 'no', 'possible', 'not stated', found 'sometimes'"),
]


def drop_column(path, name):
    with path.open(encoding="utf-8", newline="") as f:
        table = list(csv.reader(f))
    at = table[0].index(name)
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows([r[:at] + r[at + 1:] for r in table])


def line_of(path, needle):
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return i
    raise AssertionError(needle)


@pytest.mark.parametrize("file,change,message", FAILURES,
                         ids=["missing file", "missing column", "wrong type", "unknown category"])
def test_a_data_error_stops_the_build_with_one_clear_message(tmp_path, file, change, message):
    project = copy_project(tmp_path / "project")
    path = project / "data" / file
    needle = {"counts.csv": "Complete cytogenetic response", "groups.csv": "prior_treatment"}
    line = line_of(path, needle[file]) if file in needle else None
    change(path)
    site = tmp_path / "site"
    result = build(project, site)
    assert result.returncode != 0
    assert "Traceback" not in result.output
    assert not (site / "index.html").exists()
    expected = message.format(line=line, row=(line or 1) - 1)
    errors = [ln for ln in result.output.splitlines() if "Data error" in ln]
    assert len(errors) == 1, result.output
    assert expected in errors[0], result.output
