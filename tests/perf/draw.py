"""Times in headless Chromium: navigation to every chart shown, and reaching for a chart
to its interactive chart drawn.

Direct load: a fresh profile opens the page; the time is the page's own clock
(performance.now(), zero at navigation start) when every chart shows its static picture.
Instant navigation: a fresh profile opens another page first and waits for it to settle,
then a menu link is clicked and the time runs from that click to the pictures shown.
Interaction: a fresh profile opens the page and waits for it to settle; the pointer then
moves onto the first chart, and the time runs from that event to the interactive chart
drawn. The chart library is not yet in the browser: the slowest case, a first chart.
"""

from __future__ import annotations

from playwright.sync_api import Browser

from .browser import ALL_PICTURES_SHOWN

TIMEOUT_MS = 30_000

# Click the menu link to `path` the way a reader does, returning the page clock before it.
CLICK_MENU_LINK = """(path) => {
  const link = [...document.querySelectorAll('a[href]')].find(
    (a) => new URL(a.href).pathname === new URL(path, location.href).pathname);
  if (!link) throw new Error('no link to ' + path);
  window.__samePage = true;
  const start = performance.now();
  link.click();
  return start;
}"""

ARRIVED_AND_DRAWN = """(path) => window.__samePage === true
  && location.pathname === new URL(path, location.href).pathname
  && (""" + ALL_PICTURES_SHOWN + ")()"

# The page clock when the pointer first comes over the first chart.
NOTE_REACH = """() => document.querySelector('.plotly-chart').addEventListener('pointerover',
  (event) => { window.__reached = window.__reached || event.timeStamp; }, {capture: true})"""
FIRST_DRAWN = "() => !!document.querySelector('.plotly-chart[data-drawn]')"


def direct_load_ms(browser: Browser, base: str, page: str) -> float:
    context = browser.new_context()
    try:
        tab = context.new_page()
        tab.goto(base + page, wait_until="commit")
        tab.wait_for_function(ALL_PICTURES_SHOWN, polling="raf", timeout=TIMEOUT_MS)
        return tab.evaluate("performance.now()")
    finally:
        context.close()


def instant_navigation_ms(browser: Browser, base: str, start: str, page: str) -> float:
    """From a click on the menu link on `start` to every chart of `page` drawn, with the
    theme's instant navigation (no new document: the check fails if one was loaded)."""
    context = browser.new_context()
    try:
        tab = context.new_page()
        tab.goto(base + start, wait_until="networkidle")
        target = base + page
        clicked = tab.evaluate(CLICK_MENU_LINK, target)
        tab.wait_for_function(ARRIVED_AND_DRAWN, arg=target, polling="raf", timeout=TIMEOUT_MS)
        return tab.evaluate("performance.now()") - clicked
    finally:
        context.close()


def interaction_ms(browser: Browser, base: str, page: str) -> float:
    """From the pointer coming over the page's first chart to its interactive chart drawn."""
    context = browser.new_context()
    try:
        tab = context.new_page()
        tab.goto(base + page, wait_until="networkidle")
        tab.evaluate(NOTE_REACH)
        tab.locator(".plotly-chart").first.hover()
        tab.wait_for_function(FIRST_DRAWN, polling="raf", timeout=TIMEOUT_MS)
        return tab.evaluate("performance.now() - window.__reached")
    finally:
        context.close()
