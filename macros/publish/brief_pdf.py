"""The evidence brief as PDF, printed by a real browser from the built site.

    python -m macros.publish.brief_pdf SITE_DIR [SITE_DIR ...] [--out FOLDER ...]

Opens SITE_DIR/brief/index.html in the Chromium that draws the static charts (Debian's, or
the one CHROMIUM names), driven by choreographer (kaleido's browser driver), and prints it
with the page's print stylesheet on A4 and on US Letter. The PDFs are written beside the
page (or into FOLDER: one --out per SITE_DIR, in the same order), where the site's links
expect them (macros/pages/brief_files.py). Several sites (the languages) are printed by one
browser. The brief page says how many sheets it takes (data-brief-sheets, one unless it
says otherwise): if any print takes another number of pages, nothing is written and the
command fails with one line saying so.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..figures.static_charts import browser_path, quiet_browser_driver
from ..pages.brief_files import PAGE, PDFS

MM = 1 / 25.4  # inches
PAPER = {"A4": (210 * MM, 297 * MM), "Letter": (8.5, 11.0)}
TIMEOUT = 60  # seconds for the browser to start, load the page and print it
_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
_DECLARED = re.compile(r'data-brief-sheets="([0-9]+)"')


class BriefPdfError(RuntimeError):
    """The brief could not be printed, or does not fit one sheet."""


def declared_sheets(page: Path) -> int:
    """The sheets the built brief says it takes on paper: one unless it says otherwise."""
    said = {int(n) for n in _DECLARED.findall(page.read_text(encoding="utf-8"))}
    if len(said) > 1:
        raise BriefPdfError(f"The brief ({page}) says it takes {sorted(said)} sheets: it"
                            " must say one number.")
    return said.pop() if said else 1


def page_count(pdf: bytes) -> int:
    """Pages of a PDF as Chromium writes it (each page object written out in full)."""
    return len(_PAGE_OBJECT.findall(pdf))


async def _print(pages: list[Path], browser: str) -> list[dict[str, bytes]]:
    import choreographer

    quiet_browser_driver()
    printed = []
    chromium = await choreographer.Browser(path=browser, headless=True)
    try:
        tab = await chromium.create_tab("")
        await tab.send_command("Page.enable")
        for page in pages:
            loaded = tab.subscribe_once("Page.loadEventFired")
            await tab.send_command("Page.navigate", params={"url": page.resolve().as_uri()})
            await loaded
            out = {}
            for paper, (width, height) in PAPER.items():
                response = await tab.send_command("Page.printToPDF", params={
                    "paperWidth": width, "paperHeight": height, "printBackground": True,
                    "displayHeaderFooter": False, "preferCSSPageSize": False})
                if "error" in response:
                    raise BriefPdfError(f"Chromium could not print the brief ({page}) on"
                                        f" {paper}: {response['error'].get('message')}")
                out[paper] = base64.b64decode(response["result"]["data"])
            printed.append(out)
    finally:
        await chromium.close()
    return printed


def make(site: Path, out: Path | None = None) -> dict[str, Path]:
    """Print the built brief on each paper size; the written PDFs by paper size."""
    return make_all([(site, out)])[0]


def make_all(jobs: list[tuple[Path, Path | None]]) -> list[dict[str, Path]]:
    """Print the brief of each (site, folder for its PDFs or None for the site itself) with
    one browser; the written PDFs of each, by paper size. Nothing is written unless every
    print fits one sheet."""
    pages = [site / PAGE for site, _out in jobs]
    for page in pages:
        if not page.is_file():
            raise BriefPdfError(f"There is no brief page at {page}: build the site first.")
    browser = browser_path()
    if browser is None:
        raise BriefPdfError("Chromium is needed to print the brief and was not found: run"
                            " 'make chromium', or set CHROMIUM to the path of a Chromium binary.")
    try:
        # On a thread of its own: the caller may already run an event loop (a test's browser).
        with ThreadPoolExecutor(max_workers=1) as pool:
            printed = pool.submit(asyncio.run, asyncio.wait_for(
                _print(pages, browser), TIMEOUT * len(pages))).result()
    except BriefPdfError:
        raise
    except Exception as error:  # noqa: BLE001 - one line for the person building
        raise BriefPdfError(f"Chromium ({browser}) could not print the brief: {error}") from None
    for page, pdfs in zip(pages, printed, strict=True):
        check_sheets(page, pdfs)
    written = []
    for (site, out), pdfs in zip(jobs, printed, strict=True):
        files = {}
        for paper, pdf in pdfs.items():
            target = (out / Path(PDFS[paper]).name) if out else site / PDFS[paper]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(pdf)
            files[paper] = target
        written.append(files)
    return written


def check_sheets(page: Path, pdfs: dict[str, bytes]) -> None:
    """Stop unless each print of the brief (by paper size) takes the sheets its page says."""
    sheets = declared_sheets(page)
    for paper, pdf in pdfs.items():
        count = page_count(pdf)
        if count != sheets:
            raise BriefPdfError(
                f"The brief ({page}) takes {count} pages on {paper}; it says it takes"
                f" {sheets}: shorten it, tighten its print layout, or change what it"
                " says (brief_sheets on the page).")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.publish.brief_pdf", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sites", type=Path, nargs="+", metavar="SITE_DIR",
                        help="a built site's folder")
    parser.add_argument("--out", type=Path, action="append", default=[],
                        help="write a site's PDFs here instead of into the site (one per site)")
    args = parser.parse_args(argv)
    if args.out and len(args.out) != len(args.sites):
        parser.error(f"{len(args.sites)} sites and {len(args.out)} --out folders: give one"
                     " --out per site, or none")
    try:
        written = make_all(list(zip(args.sites, args.out or [None] * len(args.sites),
                                    strict=True)))
    except BriefPdfError as error:
        print(error, file=sys.stderr)
        return 1
    print("Brief printed: " + ", ".join(f"{p} ({paper})" for files in written
                                        for paper, p in files.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
