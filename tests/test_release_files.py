"""CITATION.cff and .zenodo.json: made from data/, committed as made, valid against their
schemas; DOIs and PubMed numbers: their form enforced by the schema, shown as links."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from cffconvert import Citation
from conftest import ROOT, real_data
from zenodo_deposit import ZENODO_DEPOSIT

from macros import i18n
from macros.data.errors import DataError
from macros.data.load import load_dataset
from macros.evidence import identifiers
from macros.evidence.evidence import Evidence
from macros.publish import release_files

# This site's release: its committed CITATION.cff and .zenodo.json, its references' DOIs.
pytestmark = pytest.mark.site
STUDY = real_data().study

def project_copy(tmp_path: Path) -> Path:
    for name in ("mkdocs.yml", "pyproject.toml", "CITATION.cff", ".zenodo.json"):
        shutil.copy2(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


def test_the_committed_files_are_what_the_data_make():
    assert release_files.stale(ROOT) == [], "run make release-files and commit the result"


def test_an_edited_release_makes_the_committed_files_stale(tmp_path):
    project = project_copy(tmp_path)
    study = project / "data" / "study.yml"
    study.write_text(study.read_text(encoding="utf-8").replace(
        f'release: "{STUDY["release"]}"', 'release: "2099.1"'), encoding="utf-8")
    assert release_files.stale(project) == ["CITATION.cff", ".zenodo.json"]
    run = [sys.executable, "-m", "macros.publish.release_files"]
    checked = subprocess.run([*run, "check", str(project)], cwd=ROOT, capture_output=True,
                             text=True, timeout=120)
    assert checked.returncode == 1 and "make release-files" in checked.stderr
    written = subprocess.run([*run, "write", str(project)], cwd=ROOT, capture_output=True,
                             text=True, timeout=120)
    assert written.returncode == 0, written.stderr
    assert yaml.safe_load((project / "CITATION.cff").read_text("utf-8"))["version"] == "2099.1"
    assert json.loads((project / ".zenodo.json").read_text("utf-8"))["version"] == "2099.1"
    assert release_files.stale(project) == []


def test_citation_cff_is_valid_and_names_the_release():
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    Citation(text).validate()  # the Citation File Format 1.2.0 schema, by cffconvert
    cff = yaml.safe_load(text)
    assert cff["version"] == STUDY["release"]
    assert cff["date-released"] == STUDY["release_date"].isoformat()
    assert [a["name"] for a in cff["authors"]] == \
        ["The team that maintains this summary's repository"]
    source = cff["references"][0]
    assert source["title"] == STUDY["title_as_printed"] and source["year"] == STUDY["year"]
    # The source's authors: not recorded, said once.
    assert text.count("Authors not recorded") == 1
    assert "url" not in cff  # the deploy, not the repository, knows the address


def test_cffconvert_would_catch_a_broken_file():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    del cff["authors"]
    with pytest.raises(Exception):  # noqa: B017 - cffconvert raises jsonschema's own error
        Citation(yaml.safe_dump(cff)).validate()


def test_zenodo_metadata_is_what_a_zenodo_deposit_accepts():
    meta = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    jsonschema.validate(meta, ZENODO_DEPOSIT)
    assert meta["version"] == STUDY["release"]
    assert meta["publication_date"] == STUDY["release_date"].isoformat()
    assert meta["notes"].count("Authors not recorded") == 1
    jsonschema.Draft7Validator.check_schema(ZENODO_DEPOSIT)


@pytest.mark.parametrize("change", [
    {"license": None},  # open access without a licence
    {"licence": "cc-by-4.0"},  # a field Zenodo does not know
    {"upload_type": "summary"},  # not one of Zenodo's upload types
    {"upload_type": "publication"},  # a publication without its type
    {"creators": [{"name": "A team", "role": "Editor"}]},  # a creator field Zenodo lacks
    {"publication_date": "24/11/2026"},
    {"language": "English"},
])
def test_zenodo_metadata_that_zenodo_would_refuse_is_refused(change):
    meta = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    for key, value in change.items():
        if value is None:
            del meta[key]
        else:
            meta[key] = value
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(meta, ZENODO_DEPOSIT)


# -- DOIs and PubMed numbers ----------------------------------------------------------------
def with_references(tmp_path: Path, rows: str) -> Path:
    data = project_copy(tmp_path) / "data"
    (data / "references.csv").write_text("id,doi,pmid\n" + rows, encoding="utf-8")
    return data


@pytest.mark.parametrize(("row", "column"), [
    ("K2002,11.1000/x,", "doi"),  # a DOI begins with 10.
    ("K2002,doi:10.1000/x,", "doi"),
    ("K2002,10.1000/ x,", "doi"),
    ("K2002,,PMID123", "pmid"),  # a PubMed number is digits only
    ("K2002,,12.5", "pmid"),
    ("K2002,,0123", "pmid"),
])
def test_the_schema_refuses_a_malformed_identifier(tmp_path, row, column):
    data = with_references(tmp_path, row + "\n")
    with pytest.raises(DataError) as error:
        load_dataset(data)
    assert error.value.file.endswith("references.csv") and error.value.column == column
    assert error.value.line == 2


def test_an_identifier_of_an_unknown_reference_is_refused(tmp_path):
    data = with_references(tmp_path, "K2002,,\nX1999,10.1000/x,\n")
    i18n.use("en")
    with pytest.raises(DataError) as error:
        identifiers.identifiers(Evidence.from_folder(data, "en"))
    assert error.value.line == 3 and error.value.column == "id"


def test_identifiers_are_shown_as_links_that_resolve(tmp_path):
    # Made-up identifiers of the right form (10.1000 is the DOI Handbook's own prefix).
    data = with_references(tmp_path, "K2002,10.1000/test.1,12345678\n")
    i18n.use("en")
    ids = identifiers.identifiers(Evidence.from_folder(data, "en"))
    html = str(identifiers.links(ids["K2002"]))
    assert 'href="https&#58;&#47;&#47;doi&#46;org&#47;10&#46;1000&#47;test&#46;1"' in html
    assert 'href="https&#58;&#47;&#47;pubmed&#46;ncbi&#46;nlm&#46;nih&#46;gov&#47;12345678&#47;"' \
        in html
    assert str(identifiers.links(ids.get("E2003"))) == ""


def test_the_data_record_only_well_formed_identifiers():
    # Whatever the data hold: a DOI begins with '10.', a PubMed number is digits.
    rows = load_dataset(ROOT / "data")["references"]
    for doi in rows["doi"].dropna():
        assert doi.startswith("10.") and "/" in doi
    for pmid in rows["pmid"].dropna():
        assert pmid.isdigit()
