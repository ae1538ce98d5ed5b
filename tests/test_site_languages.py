"""The site's languages are its own choice (languages.yml): one language or several, each
built from its configuration, the language menu only with several; every text a language
lacks listed at once; a new study's site written by one command builds as it is."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, build, copy_project, study_project, without_pictures
from page_text import article_text

from macros.data.translations import Untranslated
from macros.evidence.evidence import Evidence
from macros.publish import languages
from macros.publish.new_study import NewStudyError, write

FICTIONAL = ROOT / "tests" / "fictional"


# -- the list and the menu, in process -------------------------------------------------------

def test_one_language_has_no_menu():
    assert languages.alternates(["en"], "en") == []
    assert languages.alternates(["fr"], "fr", "2026.1") == []


def test_each_language_leads_to_the_others_locally_and_once_published():
    assert languages.alternates(["en", "fr", "de"], "fr") == [
        {"name": "English", "link": "../", "lang": "en"},
        {"name": "Français", "link": "./", "lang": "fr"},
        {"name": "Deutsch", "link": "../de/", "lang": "de"}]
    assert [a["link"] for a in languages.alternates(["en", "fr"], "en", "2026.1")] == \
        ["./", "../fr/2026.1/"]
    assert [a["link"] for a in languages.alternates(["en", "fr"], "fr", "2026.1")] == \
        ["../../2026.1/", "./"]


def _listing(tmp_path: Path, text: str) -> Path:
    (tmp_path / "languages.yml").write_text(text, encoding="utf-8")
    return tmp_path


def test_the_plan_follows_the_list(tmp_path):
    root = _listing(tmp_path, "languages: [fr, en]\n")
    (root / "mkdocs.yml").write_text("", encoding="utf-8")
    (root / "mkdocs.en.yml").write_text("", encoding="utf-8")
    assert languages.plan(root, "out") == [("fr", "mkdocs.yml", "out/"),
                                           ("en", "mkdocs.en.yml", "out/en/")]


@pytest.mark.parametrize(("text", "expected"), [
    ("languages: en\n", "a list of language codes"),
    ("languages: [en, en]\n", "listed twice"),
    ("languages: [en, 'not a code']\n", "not a language code"),
])
def test_a_wrong_list_is_refused_saying_why(tmp_path, text, expected):
    with pytest.raises(languages.LanguagesError, match=expected):
        languages.site_languages(_listing(tmp_path, text))


def test_a_listed_language_without_its_configuration_is_refused(tmp_path):
    root = _listing(tmp_path, "languages: [en, fr]\n")
    (root / "mkdocs.yml").write_text("", encoding="utf-8")
    with pytest.raises(languages.LanguagesError, match="no mkdocs.fr.yml"):
        languages.plan(root, "site")


@pytest.mark.site
def test_this_site_lists_its_languages():
    assert languages.site_languages(ROOT) == ["en", "fr"]


# -- every missing text at once ---------------------------------------------------------------

def _without_lines(tmp_path: Path, every: int) -> tuple[Path, int]:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "translations_fr.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    kept = [r for i, r in enumerate(rows) if i == 0 or i % every]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(kept)
    path.write_text(out.getvalue(), encoding="utf-8")
    return data, len(rows) - len(kept)


@pytest.mark.site
def test_the_build_names_every_cell_without_french_in_one_message(tmp_path):
    data, removed = _without_lines(tmp_path, 9)
    with pytest.raises(Untranslated) as caught:
        Evidence.from_folder(data, "fr")
    assert len(caught.value.problems) == removed > 2
    message = str(caught.value)
    assert message.count("has no French") == removed
    assert "data/counts.csv, line" in message and "column 'label'" in message


@pytest.mark.site
def test_make_translations_lists_them_all_and_fails(tmp_path):
    data, removed = _without_lines(tmp_path, 11)
    listed = subprocess.run(
        [sys.executable, "-m", "macros.publish.translations_cli", "--missing", "fr", "--data",
         str(data)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert listed.returncode == 1
    lines = listed.stdout.splitlines()
    assert len(lines) == removed
    assert all(line.startswith("Data error in data/") and "column '" in line for line in lines)
    # every cell by its line; a file's description (datapackage.yml) by the file it describes
    assert all(", line " in line for line in lines if "datapackage.yml" not in line)


@pytest.mark.site
def test_nothing_is_missing_from_this_sites_french():
    listed = subprocess.run([sys.executable, "-m", "macros.publish.translations_cli", "--missing",
                             "fr"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert (listed.returncode, listed.stdout) == (0, ""), listed.stdout


# -- builds in one language -------------------------------------------------------------------

def _fictional(tmp_path: Path) -> Path:
    """The fictional study, whose builds here are read for their languages, not pictures."""
    project = tmp_path / "project"
    study_project(FICTIONAL, project)
    return without_pictures(project)


@pytest.mark.build
def test_english_alone_builds_without_french_and_shows_no_language_menu(tmp_path):
    project = _fictional(tmp_path)
    (project / "languages.yml").write_text("languages: [en]\n", encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    page = result.page("index.html")
    assert '<html lang="en"' in page and "md-select__link" not in page


@pytest.mark.site
@pytest.mark.build
def test_this_site_in_english_alone_needs_none_of_its_french(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "languages.yml").write_text("languages: [en]\n", encoding="utf-8")
    (project / "data" / "translations_fr.csv").unlink()
    result = build(project)
    assert result.returncode == 0, result.output
    assert "md-select__link" not in result.page("index.html")
    assert not (result.site / "fr").exists()


@pytest.mark.build
def test_french_alone_builds_from_mkdocs_yml_with_data_written_in_french(tmp_path):
    project = _fictional(tmp_path)
    (project / "languages.yml").write_text("languages: [fr]\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "theme:\n  language: fr\n",
                      encoding="utf-8")
    outcomes = project / "data" / "summary_outcomes.csv"
    outcomes.write_text(outcomes.read_text(encoding="utf-8").replace(
        "In remission at 12 months", "En rémission à 12 mois"), encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.output
    page = result.page("index.html")
    assert '<html lang="fr"' in page and "md-select__link" not in page
    text = article_text(page)
    assert "IC à 90\u00a0%" in text  # the code's words in French
    assert "En rémission à 12 mois" in text  # the data's, as written


@pytest.mark.build
def test_a_configuration_in_a_language_the_list_does_not_give_is_refused(tmp_path):
    project = _fictional(tmp_path)
    (project / "languages.yml").write_text("languages: [en, fr]\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "theme:\n  language: fr\n",
                      encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert "builds from mkdocs.fr.yml" in result.output


# -- a new study ------------------------------------------------------------------------------

@pytest.mark.build
def test_a_new_study_is_written_by_one_command_and_make_site_builds_it_as_it_is(tmp_path):
    """The one command writes a study that `make site` builds as it is: its one language,
    no language menu, and no brief to print."""
    made = subprocess.run([sys.executable, "-m", "macros.publish.new_study",
                           str(tmp_path / "study")],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    project = tmp_path / "study"
    assert {"data", "docs", "macros", "mkdocs.yml", "mkdocs.base.yml", "languages.yml",
            "Makefile", "README.md", "requirements"} <= {p.name for p in project.iterdir()}
    assert not (project / "data" / "translations_fr.csv").exists()
    for table in ("counts", "groups", "summary_outcomes"):
        lines = (project / "data" / f"{table}.csv").read_text(encoding="utf-8").splitlines()
        assert len(lines) >= 2, table  # a header and an example row
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    venv = ROOT / ".venv"
    assumed = [f"{venv}/.site-installed", "node_modules/.installed", "chromium"]
    made = subprocess.run(
        ["make", "--no-print-directory", *(f"-o{path}" for path in assumed), f"VENV={venv}",
         "site"], cwd=project, capture_output=True, text=True, timeout=600)
    assert made.returncode == 0, made.stdout + made.stderr
    assert "Site written to site/" in made.stdout
    site = project / "site"
    assert not (site / "fr").exists()
    assert not list(site.rglob("*.pdf"))
    page = (site / "index.html").read_text(encoding="utf-8")
    overview = article_text(page)
    assert "4/10 (40%; 95% CI 12% to 74%)" in overview
    assert "imatinib" not in overview.lower()
    assert "The audit found 1 point." in " ".join(
        article_text((site / "audit" / "index.html").read_text(encoding="utf-8")).split())
    assert "md-select__link" not in page


def test_a_new_study_is_never_written_over_a_folder_in_use(tmp_path):
    (tmp_path / "kept.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(NewStudyError, match="not an empty folder"):
        write(tmp_path)
    assert (tmp_path / "kept.txt").read_text(encoding="utf-8") == "mine"


# -- no other studies -------------------------------------------------------------------------

@pytest.mark.site
def test_a_header_only_list_of_other_studies_means_none(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    for name in ("context_studies", "context_outcomes", "context_harms"):
        path = data / f"{name}.csv"
        path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n",
                        encoding="utf-8")
    study = data / "study.yml"
    study.write_text("".join(line for line in study.read_text(encoding="utf-8")
                             .splitlines(keepends=True)
                             if not line.startswith("cited_evidence:")), encoding="utf-8")
    ev = Evidence.from_folder(data)
    assert ev.rows("context_studies") == []
