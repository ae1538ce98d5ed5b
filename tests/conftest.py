"""Shared fixtures: copies of the project in a temporary folder, and real strict builds."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from filelock import FileLock

from macros.publish.languages import plan, site_languages

ROOT = Path(__file__).resolve().parents[1]
PROJECT_PARTS = ("mkdocs.yml", "mkdocs.base.yml", "languages.yml", "docs", "data", "macros",
                 "overrides")
# The other languages' pages (here French), each a site of its own built into <language>/
# (copied only where a test needs them): their configuration and, by convention, docs-<language>/.
FRENCH_PARTS = tuple(part for language in site_languages(ROOT)[1:]
                     for part in (f"mkdocs.{language}.yml", f"docs-{language}"))
MKDOCS = [sys.executable, "-m", "mkdocs"]

# This site's numbers as its source reports them, written by hand: the tests marked `site`
# check data/ and the pages against it. The rest test the generator on its own fixtures.
SITE_EXPECTED = ROOT / "tests" / "site" / "expected.yml"


def pytest_configure(config) -> None:
    """The generator's modules compiled once for the run, beside their sources, as Python
    itself writes them, before any worker starts: the workers and every build of a copy of
    the project load them (where Python is told not to write bytecode, each process would
    compile every module again)."""
    import compileall

    if not os.environ.get("PYTEST_XDIST_WORKER"):
        assert compileall.compile_dir(ROOT / "macros", quiet=1), "a module does not compile"


def pytest_collection_modifyitems(config, items) -> None:
    if not SITE_EXPECTED.is_file():
        # A site for another study that has not written its expected numbers yet: its own
        # numbers are not checked, and the run says so for each test (never a pass).
        skip = pytest.mark.skip(reason=f"no {SITE_EXPECTED.relative_to(ROOT)}: write this"
                                " site's expected numbers (see data/README.md)")
        for item in items:
            if item.get_closest_marker("site"):
                item.add_marker(skip)


@functools.cache
def site_expected() -> dict:
    """tests/site/expected.yml, for modules whose constants are this site's numbers (read when
    they are imported, once for all of them: do not change what it returns); empty without
    the file, when every test marked `site` is skipped."""
    import yaml

    if not SITE_EXPECTED.is_file():
        return {}
    return yaml.safe_load(SITE_EXPECTED.read_text(encoding="utf-8"))


@functools.cache
def real_data():
    """This project's data/ as the build loads them, read once for the modules that read
    them when imported (do not change what it returns: copy it)."""
    from macros.data.load import load_dataset

    return load_dataset(ROOT / "data")


def expected_n(count: str) -> int:
    """The number a count of this site reports (0 without an expected file)."""
    return site_expected().get("counts", {}).get(count, {}).get("n", 0)


def expected_printed(count: str) -> int:
    """The percentage the source prints beside a count of this site (0 without one)."""
    return site_expected().get("counts", {}).get(count, {}).get("printed_percent", 0)


def expected_median(duration: str) -> int:
    """The median a duration of this site reports (0 without an expected file)."""
    return site_expected().get("durations", {}).get(duration, {}).get("median", 0)


@pytest.fixture(scope="session")
def expected() -> dict:
    """This site's expected numbers (tests/site/expected.yml), for the tests marked `site`."""
    import yaml

    return yaml.safe_load(SITE_EXPECTED.read_text(encoding="utf-8"))


@dataclass
class Build:
    returncode: int
    output: str  # stdout and stderr together, as a person running the build sees them
    site: Path

    def page(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")


def copy_project(dest: Path, french: bool = False) -> Path:
    """A copy of everything a build reads, so a test can change data/ freely; the French
    pages too if `french`. The generator's compiled modules come along (pytest_configure):
    copied with their sources' times, they stay valid, and each build loads them rather
    than compiling every module again."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS + (FRENCH_PARTS if french else ()):
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part)
        elif src.exists():
            shutil.copy2(src, dest / part)
    (dest / "node_modules").symlink_to(ROOT / "node_modules")
    return dest


def without_pictures(project: Path) -> Path:
    """The project's builds draw the charts' static pictures with a stand-in
    (tests/hooks/stand_in_pictures.py), for tests that change data but look at text."""
    shutil.copy2(ROOT / "tests" / "hooks" / "stand_in_pictures.py", project)
    base = project / "mkdocs.base.yml"
    text = base.read_text(encoding="utf-8")
    assert "\nhooks:\n" in text, "the base configuration lists no hooks"
    base.write_text(text.replace("\nhooks:\n", "\nhooks:\n  - stand_in_pictures.py\n", 1),
                    encoding="utf-8")
    return project


# What a study team copies from the generator: the rest of a project is the study's own.
GENERATOR_PARTS = ("macros", "overrides", "mkdocs.base.yml")


def study_project(study: Path, dest: Path) -> Path:
    """Another study's project (its data, pages and configuration, from `study`) with the
    generator beside it, ready to build."""
    shutil.copytree(study, dest)
    for part in GENERATOR_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part)
        else:
            shutil.copy2(src, dest / part)
    (dest / "node_modules").symlink_to(ROOT / "node_modules")
    return dest


def build(project: Path, site: Path | None = None, *extra: str) -> Build:
    """`mkdocs build --strict` of a project folder, as the Makefile runs it."""
    site = site or project / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [*MKDOCS, "build", "--strict", "--site-dir", str(site), *extra],
        cwd=project, capture_output=True, text=True, env=env, timeout=300,
    )
    return Build(result.returncode, result.stdout + result.stderr, site)


def build_both(project: Path, site: Path | None = None) -> Build:
    """Every language of languages.yml as `make site` builds them: here English, then
    French into fr/."""
    site = site or project / "site"
    output = ""
    for _language, config, folder in plan(project, str(site)):
        result = build(project, Path(folder), "-f", config)
        output += result.output
        if result.returncode != 0:
            return Build(result.returncode, output, site)
    return Build(0, output, site)


@pytest.fixture(scope="session")
def shared(tmp_path_factory) -> Path:
    """A folder common to the whole test run: with pytest-xdist, every worker's folders sit
    in one run folder, so that what one worker builds the others can take."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session", autouse=True)
def chart_cache(shared) -> Path:
    """One export cache of static chart pictures for every build of the run: each figure
    is drawn once, whichever copy of the project (and worker) asks for it first. Pictures
    are written whole or not at all (macros/figures/static_charts.py), so workers may share it."""
    path = shared / "chart-cache"
    path.mkdir(exist_ok=True)
    before = os.environ.get("CHART_CACHE")
    os.environ["CHART_CACHE"] = str(path)
    yield path
    if before is None:
        os.environ.pop("CHART_CACHE", None)
    else:
        os.environ["CHART_CACHE"] = before


@pytest.fixture(scope="session", autouse=True)
def template_cache(shared) -> Path:
    """One cache of the theme's compiled templates for every build of the run
    (macros/publish/template_cache.py): Jinja writes each whole or not at all."""
    path = shared / "template-cache"
    path.mkdir(exist_ok=True)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("TEMPLATE_CACHE", str(path))
        yield path


@pytest.fixture(scope="session")
def real_site(shared) -> Build:
    """The real project, both languages, built once per test run (the first worker to ask
    builds it; tests only read it)."""
    folder = shared / "real"
    with FileLock(shared / "real.lock"):
        log = folder / "build-output.txt"
        if not log.is_file():
            project = copy_project(folder / "project", french=True)
            result = build_both(project)
            assert result.returncode == 0, result.output
            log.write_text(result.output, encoding="utf-8")
    return Build(0, log.read_text(encoding="utf-8"), folder / "project" / "site")


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the whole session, shared by every browser test
    (Playwright's sync API allows one running instance per thread)."""
    from browser_support import CHROMIUM, CHROMIUM_ARGS

    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: the browser tests need Debian's Chromium. "
                    "Install it with 'make chromium' (or 'apt-get install chromium'), or "
                    "set CHROMIUM to the path of a Chromium binary.", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def french():
    """The code's words, numbers and dates in French for one test."""
    from macros import i18n
    i18n.use("fr")
    yield
    i18n.use("en")


@pytest.fixture(scope="module")
def served(real_site):
    """The real build served on 127.0.0.1, for tests that open its pages in Chromium."""
    from browser_support import SiteServer

    server = SiteServer()
    server.serve(real_site.site)
    yield server
    server.stop()
