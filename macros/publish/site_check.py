"""Check the built site before anything is published.

While pages render, a manifest records what each page must contain as its macros wrote it:
every chart (`id="fig-..."`), every number marked with `data-count`/`data-duration` and its
text, and how many tables. After the build, every page's HTML is read back: each manifest
item must be there, and no page may carry Markdown's placeholder debris, an unrendered
template tag, or error text in what a reader sees.

Run on a built site: python -m macros.publish.site_check SITE_DIR [--manifest FILE]
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..pages.preview import PREVIEW_ERROR

MANIFEST_NAME = ".manifest.json"
NUMBER_ATTRIBUTES = ("data-count", "data-duration")
# Python-Markdown keeps raw HTML and code aside behind these words and control characters.
DEBRIS = ("wzxhzdk", "klzzwxh", "\x02", "\x03")
ERROR_TEXT = ("Traceback (most recent call last)", "Macro Rendering Error",
              "Macro Syntax Error")


class SiteCheckError(Exception):
    """The built site is not fit to publish; the message names the page and the problem."""


def _squash(text: str) -> str:
    return " ".join(text.split())


# Literal template tags are marked before the page is parsed: the parser turns the character
# references of data text (`&#123;&#123;`, which a reader is meant to see) into braces, and
# a tag left unrendered must not look like them.
_MARKS = {"{{": "\ufdd0", "{%": "\ufdd1"}
_UNMARK = {ord(mark): tag for tag, mark in _MARKS.items()}
_HIDDEN = ("script", "style", "template")
_NUMBERS = "//*[" + " or ".join(f"@{name}" for name in NUMBER_ATTRIBUTES) + "]"


@dataclass
class Reading:
    """What a page or a page's rendered Markdown holds: ids, charts, marked numbers with the
    text a reader sees, tables, and the text a reader sees with literal template tags
    marked."""

    ids: set[str] = field(default_factory=set)
    figures: list[str] = field(default_factory=list)
    numbers: list[tuple[str, str, str]] = field(default_factory=list)  # attribute, key, text
    tables: int = 0
    preview_error: bool = False
    visible: str = ""

    def unrendered(self) -> list[str]:
        """Each literal template tag in the visible text, with what follows it."""
        starts = (self.visible.find(mark) for mark in _MARKS.values())
        return [self.visible[at:at + 40].translate(_UNMARK) for at in starts if at >= 0]


def read(text: str) -> Reading:
    for tag, mark in _MARKS.items():
        text = text.replace(tag, mark)
    root = None
    if text.strip():
        root = etree.fromstring(text, etree.HTMLParser(huge_tree=True, no_network=True))
    if root is None:
        return Reading()
    ids = [str(i) for i in root.xpath("//@id")]
    numbers = []
    for element in root.xpath(_NUMBERS):
        name = next(n for n in NUMBER_ATTRIBUTES if element.get(n) is not None)
        numbers.append((name, element.get(name), _squash("".join(element.itertext()))))
    found = Reading(ids=set(ids), figures=[i for i in ids if i.startswith("fig-")],
                    numbers=numbers, tables=int(root.xpath("count(//table)")),
                    preview_error=bool(root.xpath(f"//*[@{PREVIEW_ERROR}]")))
    etree.strip_elements(root, etree.Comment, *_HIDDEN, with_tail=False)
    found.visible = etree.tostring(root, method="text", encoding="unicode")
    return found


def page_manifest(markdown: str) -> dict:
    """What a page's rendered Markdown (before Markdown runs) says the page must contain."""
    found = read(markdown)
    return {"figures": found.figures, "numbers": [list(n) for n in found.numbers],
            "tables": found.tables}


@dataclass
class Manifest:
    pages: dict[str, dict] = field(default_factory=dict)  # page file in the site -> items

    def record(self, page: str, markdown: str) -> None:
        self.pages[page] = page_manifest(markdown)

    def add(self, page: str, rendered: str) -> None:
        """Add what one macro rendered on `page` to what the page must contain."""
        entry = self.pages.setdefault(page, {"figures": [], "numbers": [], "tables": 0})
        if "<" not in rendered:
            return  # plain text: no chart, marked number or table
        found = page_manifest(rendered)
        entry["figures"] += found["figures"]
        entry["numbers"] += found["numbers"]
        entry["tables"] += found["tables"]

    def write(self, path: Path) -> None:
        # One line: json's C encoder (an indented file takes its Python one, and the file
        # is written again each time a page's items grow).
        path.write_text(json.dumps({"pages": self.pages}, sort_keys=True), encoding="utf-8")

    @classmethod
    def read(cls, path: Path) -> Manifest:
        if not path.is_file():
            raise SiteCheckError(f"No page manifest at {path}: the site must be built by "
                                 "mkdocs build, which writes it, before it is checked.")
        try:
            pages = json.loads(path.read_text(encoding="utf-8"))["pages"]
        except (ValueError, KeyError, TypeError) as error:
            raise SiteCheckError(f"The page manifest {path} cannot be read ({error}).") from None
        return cls(pages)


class PageRecorder:
    """Records what each page's macros render while the page renders, and writes the
    manifest each time a page's items grow, so that a builder that only renders pages with
    the macros (and may end without a post-build step) still leaves the whole manifest.

    One recorder per manifest file for the whole process: a builder may set the macros up
    once per page. A page met again after others is a new build of it: its items start
    afresh."""

    _by_path: dict[Path | None, PageRecorder] = {}

    def __new__(cls, path: Path | None, page: Callable[[], str]):
        recorder = cls._by_path.get(path) if path is not None else None
        if recorder is None:
            recorder = super().__new__(cls)
            recorder.manifest, recorder.path, recorder._last = Manifest(), path, ""
            if path is not None:
                cls._by_path[path] = recorder
        recorder.page = page
        return recorder

    def __init__(self, path: Path | None, page: Callable[[], str]) -> None:
        pass  # set up in __new__, shared by the builder's calls

    def recording(self, macro: Callable) -> Callable:
        @functools.wraps(macro)
        def recorded(*args, **kwargs):
            result = macro(*args, **kwargs)
            page = self.page()
            if page and isinstance(result, str):
                if page != self._last:
                    self.manifest.pages.pop(page, None)
                    self._last = page
                before = _size(self.manifest.pages.get(page))
                self.manifest.add(page, result)
                if _size(self.manifest.pages[page]) != before:
                    self.write()  # a builder may end without a post-build step
            return result

        return recorded

    def write(self) -> None:
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.manifest.write(self.path)


def _size(entry: dict | None) -> tuple[int, int, int] | None:
    return None if entry is None else (len(entry["figures"]), len(entry["numbers"]),
                                       entry["tables"])


def _quote(text: str, limit: int = 80) -> str:
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return repr(text)


def page_problems(html: str, expected: dict | None) -> list[str]:
    """What is wrong with one page's HTML: manifest items missing, debris, error text."""
    problems = []
    debris = [_quote(d) for d in DEBRIS if d in html]
    if debris:
        problems.append(f"Markdown placeholder debris in the page ({', '.join(debris)})")
    found = read(html)
    for snippet in found.unrendered():
        problems.append(f"an unrendered template tag {_quote(snippet)}")
    for text in ERROR_TEXT:
        if text in found.visible:
            problems.append(f"error text {_quote(text)} in the page")
    if found.preview_error:
        problems.append("it is the live preview's error page")
    if expected is None:
        return problems
    for figure in expected["figures"]:
        if figure not in found.ids:
            problems.append(f"the chart {figure} is missing")
    have = Counter(found.numbers)
    for attribute, key, text in expected["numbers"]:
        item = (attribute, key, text)
        if have[item]:
            have[item] -= 1
            continue
        shown = [t for a, k, t in found.numbers if (a, k) == (attribute, key)]
        if shown:
            problems.append(f"the number {key} reads {_quote(shown[0])}, not {_quote(text)}")
        else:
            problems.append(f"the number {key} ({_quote(text)}) is missing")
    if found.tables < expected["tables"]:
        problems.append(f"{expected['tables'] - found.tables} of its {expected['tables']} "
                        "tables are missing")
    return problems


def check_site(site: Path, manifest: Manifest) -> dict[str, list[str]]:
    """Every problem of the built site, by page."""
    if not manifest.pages:
        return {"the whole site": ["the page manifest lists no page"]}
    problems: dict[str, list[str]] = {}
    for page in sorted(manifest.pages):
        if not (site / page).is_file():
            problems[page] = ["the page is missing"]
    for path in sorted(site.rglob("*.html")):
        page = path.relative_to(site).as_posix()
        html = path.read_text(encoding="utf-8", errors="replace")
        found = page_problems(html, manifest.pages.get(page))
        if found:
            problems[page] = found
    return problems


def message(problems: dict[str, list[str]], site: Path, shown: int = 4) -> str:
    """One message: the first page at fault and what is wrong with it."""
    page, first = next(iter(problems.items()))
    listed = "; ".join(first[:shown]) + (f"; and {len(first) - shown} more" if
                                          len(first) > shown else "")
    others = len(problems) - 1
    tail = f" (and problems on {others} more page{'s' if others > 1 else ''})" if others else ""
    return f"The built site in {site} must not be published: {page}: {listed}{tail}."


def check(site: Path, manifest: Manifest) -> None:
    problems = check_site(site, manifest)
    if problems:
        raise SiteCheckError(message(problems, site))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.publish.site_check",
                                     description=__doc__)
    parser.add_argument("site", type=Path, help="the built site's folder")
    parser.add_argument("--manifest", type=Path,
                        help=f"the page manifest (default: SITE/{MANIFEST_NAME})")
    args = parser.parse_args(argv)
    try:
        if not args.site.is_dir():
            raise SiteCheckError(f"There is no built site at {args.site}.")
        check(args.site, Manifest.read(args.manifest or args.site / MANIFEST_NAME))
    except SiteCheckError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Checked {args.site}: every page has what its macros rendered.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
