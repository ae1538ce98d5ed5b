"""Compare two built sites: the same files, and every page the same once the static
pictures' random ids are masked.

Plotly's exporter gives every picture random ids (`clip3f9a2c...`, `defs-3f9a2c`,
`trace3f9a2c`, hatching patterns `p3f9a2c-0b1c2d-1`), so two builds of the same pages differ
there when a picture was drawn again (and in the generator named in the page's head, when
two programs built them). A page is compared twice: its text as a reader sees it (script
and style left out), and its whole HTML with those ids masked.

    python tests/compare_sites.py SITE_A SITE_B [--ignore GLOB ...]

prints each difference and exits 1 if there is any.
"""

from __future__ import annotations

import argparse
import difflib
import fnmatch
import gzip
import re
import sys
from pathlib import Path

from lxml import etree

PICTURE_ID = re.compile(r"(?:topdefs-|defs-|clip|trace)([0-9a-f]{6})")
# Hatched bars' patterns: p<picture id>-<pattern id>-<n>, both ids random.
PATTERN_ID = re.compile(r"(?:%22|\"|#)p([0-9a-f]{6})-([0-9a-f]{6})-[0-9]+")
# The program that built the page names itself in the page's head.
GENERATOR = re.compile(r'<meta name="generator" content="[^"]*"')
# Files that differ between any two builds: the compressed sitemap's header holds the time.
ALWAYS_DIFFERENT = ("sitemap.xml.gz",)
# The sitemap dates each page by the day of its build: two builds on either side of
# midnight differ by it alone.
BUILD_DAY = re.compile(rb"<lastmod>\d{4}-\d{2}-\d{2}</lastmod>")


def masked(html: str) -> str:
    html = GENERATOR.sub('<meta name="generator" content=""', html)
    tokens = set(PICTURE_ID.findall(html))
    for pair in PATTERN_ID.findall(html):
        tokens.update(pair)
    for token in tokens:
        html = html.replace(token, "RANDOM")
    return html


def page_text(html: str, content_only: bool = False) -> str:
    """The text a reader sees; with content_only, that of the page's article alone (what
    the pages' Markdown made, without the theme's header, menus and footer)."""
    root = etree.fromstring(html, etree.HTMLParser(huge_tree=True, no_network=True))
    if root is None:
        return ""
    if content_only:
        articles = root.xpath("//article")
        if not articles:
            return ""
        root = articles[0]
    etree.strip_elements(root, etree.Comment, "script", "style", "template", with_tail=False)
    return " ".join(etree.tostring(root, method="text", encoding="unicode").split())


def files_of(site: Path, ignore: tuple[str, ...]) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()
            and not any(fnmatch.fnmatch(p.relative_to(site).as_posix(), g) for g in ignore)}


def _first_difference(a: str, b: str, name: str) -> str:
    diff = difflib.unified_diff(a.split(">"), b.split(">"), lineterm="", n=0)
    lines = [line for line in diff if not line.startswith(("---", "+++", "@@"))]
    return f"{name}: " + " | ".join(line[:160] for line in lines[:4])


def differences(a: Path, b: Path, ignore: tuple[str, ...] = (), html: bool = True,
                content_only: bool = False) -> list[str]:
    """Every difference between the built sites a and b, one line each. With html=False,
    pages are compared by their text only; with content_only, by their article's text."""
    found = []
    files_a, files_b = files_of(a, ignore), files_of(b, ignore)
    found += [f"only in {a}: {name}" for name in sorted(files_a - files_b)]
    found += [f"only in {b}: {name}" for name in sorted(files_b - files_a)]
    for name in sorted(files_a & files_b):
        if name.endswith(ALWAYS_DIFFERENT):
            one, two = (BUILD_DAY.sub(b"", gzip.decompress((s / name).read_bytes()))
                        for s in (a, b))
            if one != two:
                found.append(f"{name}: the contents differ")
            continue
        one, two = (a / name).read_bytes(), (b / name).read_bytes()
        if name.endswith("sitemap.xml"):
            one, two = BUILD_DAY.sub(b"", one), BUILD_DAY.sub(b"", two)
        if one == two:
            continue
        if not name.endswith(".html"):
            found.append(f"{name}: the contents differ")
            continue
        one_html, two_html = one.decode("utf-8"), two.decode("utf-8")
        text_a, text_b = page_text(one_html, content_only), page_text(two_html, content_only)
        if text_a != text_b:
            found.append(_first_difference(text_a.replace(". ", ".>"),
                                           text_b.replace(". ", ".>"), f"{name} (text)"))
        elif html and masked(one_html) != masked(two_html):
            found.append(_first_difference(masked(one_html), masked(two_html),
                                           f"{name} (HTML)"))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("a", type=Path)
    parser.add_argument("b", type=Path)
    parser.add_argument("--ignore", action="append", default=[],
                        help="a file name pattern to leave out of the comparison")
    parser.add_argument("--text-only", action="store_true",
                        help="compare pages by the text a reader sees only")
    parser.add_argument("--content-only", action="store_true",
                        help="compare pages by their article's text only (another theme)")
    args = parser.parse_args(argv)
    found = differences(args.a, args.b, tuple(args.ignore),
                        html=not (args.text_only or args.content_only),
                        content_only=args.content_only)
    for line in found:
        print(line)
    pages = sum(1 for _ in args.a.rglob("*.html"))
    print(f"{len(found)} differences ({pages} pages in {args.a})", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
