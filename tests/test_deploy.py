"""`make deploy` against a local bare repository: one data release, a second one, then a
third whose build fails. Then the published branch is read as GitHub Pages would serve it,
by git and by Chromium."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import html
import http.server
import io
import json
import os
import re
import shutil
import subprocess
import tarfile
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from browser_support import CHROMIUM, CHROMIUM_ARGS
from conftest import ROOT, copy_project

from macros.evidence.releases import release_key

# Releases of this site, as make deploy publishes them: its response chart broken on purpose,
# its French pages, its printed brief and its survival page opened by address.
pytestmark = pytest.mark.site
VENV = ROOT / ".venv"
BRANCH = "gh-pages"
# An MkDocs hook that drops the response chart from the built page after every other
# plugin has run (the macros' own check included), in every build or only in mike's.
BREAK_PAGE = """import os
from pathlib import Path

from mkdocs.plugins import event_priority


@event_priority(-100)
def on_post_build(config):
    if {only_mike} and not os.environ.get("MIKE_DOCS_VERSION"):
        return
    page = Path(config["site_dir"]) / "response" / "index.html"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace('id="fig-response"', 'id="fig-gone"'), encoding="utf-8")
"""


# -- a project of its own, with git, deploying to a bare repository -------------------------
def git(*args: str, cwd: Path, env: dict) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def make(target: str, project: Path, env: dict, **variables: str) -> subprocess.CompletedProcess:
    """The project's Makefile, using this checkout's installed tools as they are."""
    assumed = [f"{VENV}/.site-installed", f"{VENV}/.dev-installed", "node_modules/.installed"]
    command = ["make", "--no-print-directory", *(f"-o{path}" for path in assumed),
               f"VENV={VENV}", target, *(f"{k}={v}" for k, v in variables.items())]
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True,
                          timeout=600)


def edit_study(data: Path, **values: str) -> None:
    path = data / "study.yml"
    text = path.read_text(encoding="utf-8")
    for key, value in values.items():
        text, found = re.subn(rf"(?m)^{key}: .*$", f"{key}: {value}", text)
        assert found == 1, key
    path.write_text(text, encoding="utf-8")


def edit_count(data: Path, cid: str, n: str) -> None:
    path = data / "counts.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        if row["id"] == cid:
            row["n"] = n
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def next_release(name: str) -> str:
    year, number = name.split(".")
    return f"{year}.{int(number) + 1}"


@dataclass
class Deployments:
    remote: Path
    project: Path
    env: dict
    releases: list[str]  # the two published
    dates: list[str]
    commits: list[str]  # the branch on the remote after each successful deploy
    refs_before_failure: str
    refs_after_failure: str
    failed: dict[str, subprocess.CompletedProcess]  # what made the build fail -> the run
    local_branch_after_failure: str  # the project's own BRANCH after a refused commit
    changed: dict[str, str]  # the count changed in the second release

    def show(self, commit: str, path: str) -> str:
        return git("show", f"{commit}:{path}", cwd=self.remote, env=self.env)

    def files(self, commit: str) -> set[str]:
        listing = git("ls-tree", "-r", "--name-only", commit, cwd=self.remote, env=self.env)
        return set(listing.splitlines())

    def tree(self, commit: str, folder: str) -> str:
        return git("rev-parse", f"{commit}:{folder}", cwd=self.remote, env=self.env).strip()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="module")
def server():
    """A web server on 127.0.0.1, bound first: the site is built for its address (the theme's
    instant navigation follows only links listed in the sitemap, port included)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Quiet)
    yield server
    server.server_close()


@pytest.fixture(scope="module")
def deployments(tmp_path_factory, server, real_site) -> Deployments:
    # After the real build (`real_site`), whose chart pictures, the same as the releases',
    # are then in the run's picture cache: they are drawn once, not by two builds at once.
    base = tmp_path_factory.mktemp("deploy")
    gitconfig = base / "gitconfig"
    gitconfig.write_text("", encoding="utf-8")
    env = {
        **os.environ, "NO_MKDOCS_2_WARNING": "1",
        "GIT_CONFIG_GLOBAL": str(gitconfig), "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Study team", "GIT_AUTHOR_EMAIL": "team@example.org",
        "GIT_COMMITTER_NAME": "Study team", "GIT_COMMITTER_EMAIL": "team@example.org",
        # Where the browser tests below serve the branch.
        "SITE_URL": f"http://127.0.0.1:{server.server_address[1]}/",
    }
    remote = base / "site.git"
    git("init", "--quiet", "--bare", str(remote), cwd=base, env=env)
    project = copy_project(base / "project", french=True)
    for name in ("Makefile", "pyproject.toml", "CITATION.cff", ".zenodo.json"):
        shutil.copy2(ROOT / name, project / name)
    (project / ".gitignore").write_text("/node_modules\n/site/\n/.site-build/\n__pycache__/\n",
                                        encoding="utf-8")
    git("init", "--quiet", "-b", "main", cwd=project, env=env)

    def commit(message: str) -> None:
        git("add", "-A", cwd=project, env=env)
        git("commit", "--quiet", "-m", message, cwd=project, env=env)

    def branch_commit() -> str:
        return git("rev-parse", BRANCH, cwd=remote, env=env).strip()

    def deploy() -> subprocess.CompletedProcess:
        return make("deploy", project, env, REMOTE=str(remote), BRANCH=BRANCH)

    data = project / "data"
    study = yaml.safe_load((data / "study.yml").read_text(encoding="utf-8"))
    first, first_date = str(study["release"]), study["release_date"].isoformat()
    commit("Data as published")
    result = deploy()
    assert result.returncode == 0, result.stdout + result.stderr
    commits = [branch_commit()]

    # The second release: keep the first, change one number, give the release a new name.
    kept = make("freeze-release", project, env)
    assert kept.returncode == 0, kept.stdout + kept.stderr
    with (data / "counts.csv").open(encoding="utf-8", newline="") as f:
        counts = {row["id"]: row for row in csv.DictReader(f)}
    count = next(r for r in counts.values() if r["of"] and int(r["n"]) < int(counts[r["of"]]["n"]))
    new_n = str(int(count["n"]) + 1)
    edit_count(data, count["id"], new_n)
    # A later date that is not in the future (a release cannot be dated after today).
    later = max(study["release_date"] + dt.timedelta(days=1), dt.date.today())
    second, second_date = next_release(first), later.isoformat()
    edit_study(data, release=f'"{second}"', release_date=second_date)
    refreshed = make("release-files", project, env)
    assert refreshed.returncode == 0, refreshed.stdout + refreshed.stderr
    commit("Second data release")
    result = deploy()
    assert result.returncode == 0, result.stdout + result.stderr
    commits.append(branch_commit())

    # A third release that fails the strict build only (a link to a page that does not
    # exist is a warning, which --strict turns into a failure), then one whose data do not
    # load at all.
    kept = make("freeze-release", project, env)
    assert kept.returncode == 0, kept.stdout + kept.stderr
    edit_study(data, release=f'"{next_release(second)}"')
    refreshed = make("release-files", project, env)
    assert refreshed.returncode == 0, refreshed.stdout + refreshed.stderr
    index = project / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n[More](no-such-page.md)\n",
                     encoding="utf-8")
    commit("Third data release, with a broken link")
    refs_before = git("for-each-ref", cwd=remote, env=env)
    failed = {"strict": deploy()}
    git("checkout", "HEAD~1", "--", "docs/index.md", cwd=project, env=env)
    # A page broken after the macros have checked it (as a build without their checks
    # would leave it): the output check of deploy-build refuses it. Then broken only in the
    # build mike runs: the check of the committed pages refuses it, and the local branch
    # goes back to what the remote has.
    config = project / "mkdocs.yml"
    # the generator's own hooks (in the base configuration) stay; this one is added
    hooks = yaml.safe_load((project / "mkdocs.base.yml").read_text(encoding="utf-8"))["hooks"]
    config.write_text(config.read_text(encoding="utf-8") + "\nhooks:\n"
                      + "".join(f"  - {h}\n" for h in [*hooks, "break_page.py"]),
                      encoding="utf-8")
    (project / "break_page.py").write_text(BREAK_PAGE.format(only_mike=False), encoding="utf-8")
    commit("Third data release, with a page broken after the build")
    failed["check"] = deploy()
    # (in English alone: the check of each committed release is the same in every language)
    (project / "break_page.py").write_text(BREAK_PAGE.format(only_mike=True), encoding="utf-8")
    languages = project / "languages.yml"
    both = languages.read_text(encoding="utf-8")
    languages.write_text("languages: [en]\n", encoding="utf-8")
    commit("Third data release, with a page broken in mike's build")
    failed["committed"] = deploy()
    languages.write_text(both, encoding="utf-8")
    local_branch = git("rev-parse", BRANCH, cwd=project, env=env).strip()
    failed["unchecked"] = make("deploy-push", project, env, REMOTE=str(remote), BRANCH=BRANCH)
    git("checkout", "HEAD~2", "--", "mkdocs.yml", cwd=project, env=env)
    git("rm", "--quiet", "break_page.py", cwd=project, env=env)
    edit_count(data, count["id"], "many")
    commit("Third data release, with a data error")
    failed["data"] = deploy()
    refs_after = git("for-each-ref", cwd=remote, env=env)

    return Deployments(
        remote=remote, project=project, env=env, releases=[first, second],
        dates=[first_date, second_date], commits=commits,
        refs_before_failure=refs_before, refs_after_failure=refs_after, failed=failed,
        local_branch_after_failure=local_branch,
        changed={"label": count["label"], "before": count["n"], "now": new_n,
                 "total": counts[count["of"]]["n"]},
    )


def versions(d: Deployments, commit: str) -> list[dict]:
    return json.loads(d.show(commit, "versions.json"))


def redirect_target(page: str) -> str:
    """Where a redirect page sends the browser (the script and the fallback link agree)."""
    (link,) = set(re.findall(r'<a href="([^"]+)"', page))
    assert f'"{link}"' in page.split("<script>", 1)[1], "script and link disagree"
    return link


def page_files(d: Deployments, commit: str, version: str) -> set[str]:
    prefix = f"{version}/"
    return {f[len(prefix):] for f in d.files(commit)
            if f.startswith(prefix) and f.endswith("index.html")}


# -- the first release ----------------------------------------------------------------------
def test_the_first_release_is_published_as_latest(deployments):
    d = deployments
    first = d.releases[0]
    assert versions(d, d.commits[0]) == [
        {"version": first, "title": f"{first} ({d.dates[0]})", "aliases": ["latest"]},
    ]
    assert f"{first}/index.html" in d.files(d.commits[0])
    assert redirect_target(d.show(d.commits[0], "index.html")) == "latest/"
    assert redirect_target(d.show(d.commits[0], "latest/index.html")) == f"../{first}/"


def test_every_page_of_the_site_is_published(deployments):
    d = deployments
    docs = [p.relative_to(d.project / "docs").with_suffix("") for p in
            (d.project / "docs").rglob("*.md")]
    expected = {"index.html" if p.name == "index" else f"{p.as_posix()}/index.html" for p in docs}
    for version in d.releases:
        assert expected <= page_files(d, d.commits[1], version), version


def test_each_release_keeps_its_own_printed_brief(deployments):
    """The brief's PDF, printed from the checked build, is committed with its release."""
    from pypdf import PdfReader

    from macros.pages.brief_files import PDFS
    from macros.publish.brief_pdf import _DECLARED as _DECLARED_SHEETS

    d = deployments
    texts = []
    for version in d.releases:
        pdf = subprocess.run(["git", "show", f"{d.commits[1]}:{version}/{PDFS['A4']}"],
                             cwd=d.remote, env=d.env, capture_output=True, timeout=60,
                             check=True).stdout
        page = subprocess.run(["git", "show", f"{d.commits[1]}:{version}/brief/index.html"],
                              cwd=d.remote, env=d.env, capture_output=True, timeout=60,
                              check=True).stdout
        said = {int(n) for n in _DECLARED_SHEETS.findall(page.decode("utf-8"))} or {1}
        reader = PdfReader(io.BytesIO(pdf))
        assert {len(reader.pages)} == said, version  # the sheets its page says it takes
        texts.append(" ".join(reader.pages[0].extract_text().split()))
        assert f"release {version}" in texts[-1], version
    assert texts[0] != texts[1]


# -- the second release ---------------------------------------------------------------------
def test_both_releases_are_listed_newest_first_and_latest_moved(deployments):
    d = deployments
    first, second = d.releases
    assert versions(d, d.commits[1]) == [
        {"version": second, "title": f"{second} ({d.dates[1]})", "aliases": ["latest"]},
        {"version": first, "title": f"{first} ({d.dates[0]})", "aliases": []},
    ]
    assert release_key(second) > release_key(first)


def test_both_releases_are_served(deployments):
    d = deployments
    files = d.files(d.commits[1])
    for version in d.releases:
        assert f"{version}/index.html" in files
        assert f"{version}/sitemap.xml" in files
    assert page_files(d, d.commits[1], d.releases[0]) == page_files(d, d.commits[1],
                                                                    d.releases[1])


def test_latest_and_the_root_redirect_to_the_newest_release(deployments):
    d = deployments
    second = d.releases[1]
    assert redirect_target(d.show(d.commits[1], "index.html")) == "latest/"
    assert redirect_target(d.show(d.commits[1], "latest/index.html")) == f"../{second}/"
    for page in page_files(d, d.commits[1], second) - {"index.html"}:
        up = "../" * (page.count("/") + 1)  # out of the page's folders and of latest/
        target = redirect_target(d.show(d.commits[1], f"latest/{page}"))
        assert target == f"{up}{second}/{page.removesuffix('index.html')}", page


def test_the_first_release_stays_exactly_as_it_was_published(deployments):
    d = deployments
    first = d.releases[0]
    assert d.tree(d.commits[0], first) == d.tree(d.commits[1], first)


def test_each_release_shows_its_own_numbers(deployments):
    d = deployments
    c = d.changed
    for version in d.releases:
        page = html.unescape(d.show(d.commits[1], f"{version}/methods/index.html"))
        assert f"Release {version}" in page
    whats_new = d.show(d.commits[1], f"{d.releases[1]}/whats-new/index.html")
    rows = [[html.unescape(re.sub(r"<[^>]+>", "", cell))
             for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
            for row in re.findall(r"<tr>(.*?)</tr>", whats_new)]
    (row,) = [r for r in rows if r and r[0] == c["label"]]
    assert row[1].startswith(f"{c['before']} of {c['total']} (")
    assert row[2].startswith(f"{c['now']} of {c['total']} (")


def test_each_release_feeds_its_history_with_the_numbers_that_changed(deployments):
    import feedparser

    d = deployments
    c = d.changed
    first, second = d.releases
    for lang in ("", "fr/"):
        feed = feedparser.parse(d.show(d.commits[1], f"{lang}{second}/feed.xml").encode())
        assert not feed.bozo, feed.bozo_exception
        assert [e.link for e in feed.entries] == [
            f"{d.env['SITE_URL']}{lang}{second}/whats-new/",
            f"{d.env['SITE_URL']}{lang}{first}/whats-new/"]
        assert feed.feed.id == f"{d.env['SITE_URL']}{lang}feed.xml"
        newest = feed.entries[0].content[0].value
        # The address to subscribe to stays the same: the language's root, which each
        # deploy fills with the newest release's feed; every page, of any release, links it.
        stable = f"{d.env['SITE_URL']}{lang}feed.xml"
        assert [link.href for link in feed.feed.links if link.rel == "self"] == [stable]
        assert d.show(d.commits[1], f"{lang}feed.xml") == d.show(
            d.commits[1], f"{lang}{second}/feed.xml")
        assert d.show(d.commits[0], f"{lang}feed.xml") == d.show(
            d.commits[0], f"{lang}{first}/feed.xml")
        for release in (first, second):
            for page in ("index.html", "whats-new/index.html"):
                text = d.show(d.commits[1], f"{lang}{release}/{page}")
                assert re.findall(r'<link rel="alternate" type="application/atom\+xml"\s+'
                                  r'href="([^"]+)"', text) == [stable], (release, page)
        assert f'href="{stable}"' in d.show(d.commits[1], f"{lang}{second}/whats-new/index.html")
        if not lang:
            assert f"{c['label']}: {c['before']} of {c['total']} (" in newest
            assert f" → {c['now']} of {c['total']} (" in newest


def test_pages_carry_the_version_settings_of_the_theme(deployments):
    d = deployments
    page = d.show(d.commits[1], f"{d.releases[0]}/index.html")
    config = json.loads(re.search(
        r'<script id="__config" type="application/json">(.*?)</script>', page, re.S).group(1))
    assert config["version"]["provider"] == "mike"
    assert config["version"]["default"] == "latest"
    assert 'data-md-component="outdated"' in page and "latest release" in page


# -- the third build fails ------------------------------------------------------------------
@pytest.mark.parametrize("cause, message", [
    ("strict", "no-such-page.md"),
    ("check", "must not be published: response/index.html: the chart fig-response is missing."),
    ("committed", "response/index.html: the chart fig-response is missing."),
    ("unchecked", "is not the one make deploy-build checked"),
    ("data", "counts.csv"),
])
def test_a_failed_build_publishes_nothing(deployments, cause, message):
    run = deployments.failed[cause]
    output = run.stdout + run.stderr
    assert run.returncode != 0
    assert message in output
    assert "Publishing release" not in output
    assert "Traceback" not in output


def test_the_output_check_stops_before_mike_and_the_committed_check_after_it(deployments):
    assert "Committing release" not in deployments.failed["check"].stdout
    assert "Committing release" in deployments.failed["committed"].stdout


def test_a_refused_commit_leaves_the_local_branch_as_the_remote_has_it(deployments):
    assert deployments.local_branch_after_failure == deployments.commits[1]


def test_the_failed_builds_changed_nothing(deployments):
    d = deployments
    assert d.refs_after_failure == d.refs_before_failure
    assert git("rev-parse", BRANCH, cwd=d.remote, env=d.env).strip() == d.commits[1]
    assert versions(d, BRANCH) == versions(d, d.commits[1])


# -- in a browser, served as GitHub Pages serves the branch ---------------------------------
@pytest.fixture(scope="module")
def served(deployments, server, tmp_path_factory):
    """The published branch, unpacked and served on 127.0.0.1."""
    root = tmp_path_factory.mktemp("pages")
    archive = subprocess.run(["git", "archive", deployments.commits[1]], cwd=deployments.remote,
                             env=deployments.env, capture_output=True, timeout=120, check=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(root, filter="data")
    server.RequestHandlerClass = functools.partial(_Quiet, directory=str(root))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def in_chromium():
    """Runs a check on the tab of Chromium this module shares, in a thread of its own; each
    check starts by opening an address, as a reader would.

    Playwright's synchronous API allows one instance per thread, and other test modules keep
    theirs open for the whole session: a thread keeps this module independent of them."""
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: install it with 'make chromium'", pytrace=False)
    worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chromium")
    running = {}

    def start() -> None:
        from playwright.sync_api import sync_playwright

        running["playwright"] = sync_playwright().start()
        running["browser"] = running["playwright"].chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = running["browser"].new_context(viewport={"width": 1280, "height": 900})
        running["tab"] = context.new_page()
        running["tab"].set_default_timeout(15000)

    def stop() -> None:
        running["browser"].close()
        running["playwright"].stop()

    def on_a_tab(check):
        return check(running["tab"])

    worker.submit(start).result(timeout=120)
    yield lambda check: worker.submit(on_a_tab, check).result(timeout=300)
    worker.submit(stop).result(timeout=120)
    worker.shutdown()


def follow_instantly(tab, base: str, target: str) -> None:
    """Click a link to `target` and check the theme fetched it without reloading the page."""
    # The theme takes over clicks once it has read the sitemap, which it fetches after the
    # page has loaded: wait for that, as a reader would before clicking.
    tab.wait_for_load_state("networkidle")
    tab.evaluate("window.__sameDocument = true")
    tab.evaluate("(t) => document.querySelector(`a[href$='${t}']`).click()", target)
    tab.wait_for_url(f"{base}{target}")
    tab.wait_for_function("(t) => document.title.startsWith(t)", arg="What's new")
    assert tab.evaluate("window.__sameDocument === true"), "the page was reloaded"


@pytest.mark.browser
def test_the_root_opens_the_newest_release(served, deployments, in_chromium):
    def check(tab):
        tab.goto(f"{served}/")
        tab.wait_for_url(f"{served}/{deployments.releases[1]}/")

    in_chromium(check)


@pytest.mark.browser
def test_the_version_menu_lists_both_releases(served, deployments, in_chromium):
    def menu(tab) -> list[str]:
        tab.goto(f"{served}/{deployments.releases[1]}/")
        tab.wait_for_selector(".md-version__current")
        return tab.eval_on_selector_all(".md-version__link",
                                        "items => items.map(a => a.textContent.trim())")

    links = in_chromium(menu)
    first, second = deployments.releases
    assert any(text.startswith(second) and "latest" in text for text in links), links
    assert any(text.startswith(first) for text in links), links


@pytest.mark.browser
def test_the_version_menu_works_from_the_french_pages(served, deployments, in_chromium):
    first, second = deployments.releases

    def menu(tab) -> list[str]:
        tab.goto(f"{served}/fr/{second}/methods/")
        tab.wait_for_selector(".md-version__current")
        links = tab.eval_on_selector_all(".md-version__link", "items => items.map(a => a.href)")
        return links

    links = in_chromium(menu)
    assert f"{served}/fr/{first}/" in links and f"{served}/fr/{second}/" in links, links


def test_each_release_is_published_in_french_beside_the_english(deployments):
    first, second = deployments.releases
    head = deployments.commits[-1]
    listed = [v["version"] for v in json.loads(deployments.show(head, "fr/versions.json"))]
    assert listed == [second, first]
    assert page_files(deployments, head, f"fr/{second}") == page_files(deployments, head, second)


def test_every_address_a_release_prints_is_where_it_is_served(deployments):
    """Citations, BibTeX, RIS, canonical links, the sitemap and the brief of each release, in
    both languages, give the address mike's deploy serves them at: <release>/ for English,
    fr/<release>/ for French, below the deploy's SITE_URL."""
    d = deployments
    site = d.env["SITE_URL"]
    for commit, release in zip(d.commits, d.releases, strict=True):
        for lang in ("", "fr/"):
            root = f"{site}{lang}{release}/"
            at = f"{lang}{release}/"
            page = d.show(commit, f"{at}cite/index.html")
            assert f'<link rel="canonical" href="{root}cite/">' in page, at
            block = re.search(r'<details class="cite-page"[^>]*>(.*?)</details>', page, re.S)
            assert f'href="{root}cite/"' in block.group(1), at
            assert "local-preview" not in page, at
            assert f"url = {{{root}}}," in d.show(commit, f"{at}cite/site.bib"), at
            assert f"UR  - {root}\n" in d.show(commit, f"{at}cite/site.ris"), at
            brief = d.show(commit, f"{at}brief/index.html")
            assert f'href="{root}brief/"' in brief and f'href="{root}"' in brief, at
            locs = re.findall(r"<loc>([^<]+)</loc>", d.show(commit, f"{at}sitemap.xml"))
            assert locs and all(loc.startswith(root) for loc in locs), (at, locs[:3])


@pytest.mark.parametrize("address", ["", "https://example.org/imatinib-cml-relapse/",
                                     "http://127.0.0.1:8000/"])
def test_the_deploy_refuses_a_placeholder_address(deployments, address):
    d = deployments
    env = {k: v for k, v in d.env.items() if k not in ("SITE_URL", "SITE_URL_FR")}
    if address:
        env["SITE_URL"] = address
    before = git("for-each-ref", cwd=d.remote, env=d.env)
    result = make("deploy", d.project, env, REMOTE=str(d.remote), BRANCH=BRANCH)
    assert result.returncode != 0
    assert "Refusing to publish the site at" in result.stderr, result.stderr
    assert "mkdocs" not in result.stdout  # refused before anything was built
    assert git("for-each-ref", cwd=d.remote, env=d.env) == before


@pytest.mark.browser
def test_the_language_menu_leads_to_the_same_page_of_the_same_release(
        served, deployments, in_chromium):
    first = deployments.releases[0]

    def switch(tab) -> tuple[str, str]:
        tab.goto(f"{served}/{first}/survival/")
        french = tab.locator('.md-select__link[hreflang="fr"]').get_attribute("href")
        tab.goto(urljoin(tab.url, french))
        at_french = tab.url
        english = tab.locator('.md-select__link[hreflang="en"]').get_attribute("href")
        tab.goto(urljoin(tab.url, english))
        return at_french, tab.url

    at_french, back = in_chromium(switch)
    assert at_french == f"{served}/fr/{first}/survival/"
    assert back == f"{served}/{first}/survival/"


@pytest.mark.browser
@pytest.mark.parametrize("which", [0, 1], ids=["earlier", "newest"])
def test_instant_navigation_works_under_each_version_path(served, deployments, in_chromium,
                                                          which):
    base = f"{served}/{deployments.releases[which]}/"

    def check(tab):
        tab.goto(base)
        follow_instantly(tab, base, "whats-new/")

    in_chromium(check)


@pytest.mark.browser
def test_the_latest_alias_leads_to_the_newest_release_and_navigates_instantly(
        served, deployments, in_chromium):
    base = f"{served}/{deployments.releases[1]}/"

    def check(tab):
        tab.goto(f"{served}/latest/methods/")
        tab.wait_for_url(f"{base}methods/")
        follow_instantly(tab, base, "whats-new/")

    in_chromium(check)


@pytest.mark.browser
def test_an_earlier_release_says_so_and_links_to_the_latest(served, deployments, in_chromium):
    first, second = deployments.releases

    def check(tab):
        tab.goto(f"{served}/{second}/")
        tab.wait_for_selector(".md-version__current")
        assert tab.locator("[data-md-component=outdated]").is_hidden()
        tab.goto(f"{served}/{first}/methods/")
        notice = tab.locator("[data-md-component=outdated]")
        notice.wait_for(state="visible")
        follow_instantly(tab, f"{served}/{first}/", "whats-new/")
        assert notice.is_visible(), "the notice stays after instant navigation"
        tab.get_by_role("link", name="Go to the latest release").click()
        tab.wait_for_url(f"{served}/{second}/")

    in_chromium(check)
