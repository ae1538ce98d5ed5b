"""The evidence brief as PDF, printed by a real browser from the built site.

    python -m macros.brief_pdf SITE_DIR [--out FOLDER]

Opens SITE_DIR/brief/index.html in the Chromium that draws the static charts (Debian's, or
the one CHROMIUM names), driven by choreographer (kaleido's browser driver), and prints it
with the page's print stylesheet on A4 and on US Letter. The PDFs are written beside the
page (or into FOLDER), where the site's links expect them (macros/brief_files.py). The brief
is laid out for one sheet: if either print takes more than one page, nothing is written and
the command fails with one line saying so.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .brief_files import PAGE, PDFS
from .static_charts import browser_path, quiet_browser_driver

MM = 1 / 25.4  # inches
PAPER = {"A4": (210 * MM, 297 * MM), "Letter": (8.5, 11.0)}
TIMEOUT = 60  # seconds for the browser to start, load the page and print it
_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


class BriefPdfError(RuntimeError):
    """The brief could not be printed, or does not fit one sheet."""


def page_count(pdf: bytes) -> int:
    """Pages of a PDF as Chromium writes it (each page object written out in full)."""
    return len(_PAGE_OBJECT.findall(pdf))


async def _print(page: Path, browser: str) -> dict[str, bytes]:
    import choreographer

    quiet_browser_driver()
    out = {}
    chromium = await choreographer.Browser(path=browser, headless=True)
    try:
        tab = await chromium.create_tab("")
        await tab.send_command("Page.enable")
        loaded = tab.subscribe_once("Page.loadEventFired")
        await tab.send_command("Page.navigate", params={"url": page.resolve().as_uri()})
        await loaded
        for paper, (width, height) in PAPER.items():
            response = await tab.send_command("Page.printToPDF", params={
                "paperWidth": width, "paperHeight": height, "printBackground": True,
                "displayHeaderFooter": False, "preferCSSPageSize": False})
            if "error" in response:
                raise BriefPdfError(f"Chromium could not print the brief on {paper}:"
                                    f" {response['error'].get('message')}")
            out[paper] = base64.b64decode(response["result"]["data"])
    finally:
        await chromium.close()
    return out


def make(site: Path, out: Path | None = None) -> dict[str, Path]:
    """Print the built brief on each paper size; the written PDFs by paper size."""
    page = site / PAGE
    if not page.is_file():
        raise BriefPdfError(f"There is no brief page at {page}: build the site first.")
    browser = browser_path()
    if browser is None:
        raise BriefPdfError("Chromium is needed to print the brief and was not found: run"
                            " 'make chromium', or set CHROMIUM to the path of a Chromium binary.")
    try:
        # On a thread of its own: the caller may already run an event loop (a test's browser).
        with ThreadPoolExecutor(max_workers=1) as pool:
            pdfs = pool.submit(asyncio.run,
                               asyncio.wait_for(_print(page, browser), TIMEOUT)).result()
    except BriefPdfError:
        raise
    except Exception as error:  # noqa: BLE001 - one line for the person building
        raise BriefPdfError(f"Chromium ({browser}) could not print the brief: {error}") from None
    for paper, pdf in pdfs.items():
        pages = page_count(pdf)
        if pages != 1:
            raise BriefPdfError(f"The brief ({page}) takes {pages} pages on {paper}; it must fit"
                                " one sheet: shorten it or tighten its print layout.")
    written = {}
    for paper, pdf in pdfs.items():
        target = (out / Path(PDFS[paper]).name) if out else site / PDFS[paper]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pdf)
        written[paper] = target
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.brief_pdf", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path, help="the built site's folder")
    parser.add_argument("--out", type=Path, help="write the PDFs here instead of into the site")
    args = parser.parse_args(argv)
    try:
        written = make(args.site, args.out)
    except BriefPdfError as error:
        print(error, file=sys.stderr)
        return 1
    print("Brief printed: " + ", ".join(f"{p} ({paper})" for paper, p in written.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
