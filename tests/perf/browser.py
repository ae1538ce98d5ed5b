"""Headless Chromium (the system's Debian package) driven by Playwright."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Browser, Page, sync_playwright

ARGS = [
    "--no-sandbox", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-gpu",
]

# True once every chart on the page is drawn; false while the page has no chart yet.
ALL_CHARTS_DRAWN = """() => {
  const charts = document.querySelectorAll('.plotly-chart').length;
  return charts > 0 && document.querySelectorAll('.plotly-chart[data-drawn]').length === charts;
}"""


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@contextmanager
def chromium() -> Iterator[Browser]:
    path = chromium_path()
    if path is None:
        raise RuntimeError("Chromium is not installed: run 'make chromium'")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


# True once every chart on the page shows its static picture (loaded and laid out).
ALL_PICTURES_SHOWN = """() => {
  const charts = Array.from(document.querySelectorAll('.plotly-chart'));
  return charts.length > 0 && charts.every(el => Array.from(
      el.querySelectorAll('.static-chart img')).some(img => img.complete
          && img.naturalWidth > 0 && img.getBoundingClientRect().height > 0));
}"""


def reach_all(page: Page) -> None:
    """Point at every chart in turn, as a reader reaching for it."""
    charts = page.locator(".plotly-chart")
    for i in range(charts.count()):
        charts.nth(i).hover()


def chart_count(page: Page) -> int:
    return page.evaluate("document.querySelectorAll('.plotly-chart').length")
