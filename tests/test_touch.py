"""Touch and phone, measured in Debian's Chromium: what a pointer shows on hover is reachable by
a tap, the audit's marks are big enough to tap, French table cards keep their typography, and
What's new promises nothing a plain build does not show."""

from __future__ import annotations

import html
import re

import pytest

pytestmark = [pytest.mark.build, pytest.mark.browser]

NBSP = "\u00a0"
TARGET = 24  # CSS px: the smallest touch target WCAG 2.2 accepts (2.5.8, AA)


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 375, "height": 800}, has_touch=True,
                                  is_mobile=True, device_scale_factor=2)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


MARK_SIZES = """() => Array.from(document.querySelectorAll('.audit-mark')).map(a => {
  const r = a.getBoundingClientRect(); return {width: r.width, height: r.height,
  text: a.textContent}; })"""


@pytest.mark.site
@pytest.mark.parametrize("path", ["", "safety/", "fr/", "brief/"])
def test_audit_note_marks_are_big_enough_to_tap(served, phone, path):
    phone.goto(f"{served.origin}/{path}")
    marks = phone.evaluate(MARK_SIZES)
    assert marks, path  # the pages measured have marks: the test sees them
    small = [m for m in marks if m["width"] < TARGET or m["height"] < TARGET]
    assert not small, small


@pytest.mark.parametrize("selector", [
    # this site's glossary gives its pages abbreviations
    pytest.param(".md-content abbr[title]", marks=pytest.mark.site),
    ".md-content .num[title]"])
def test_a_tap_shows_what_hover_shows(served, phone, selector):
    phone.goto(f"{served.origin}/")
    element = phone.locator(selector).first
    explanation, words = element.get_attribute("title"), element.text_content()
    assert explanation
    # the theme moves a title into its own tooltip: hold on to this element, not the selector
    handle = element.element_handle()
    handle.tap()
    # the tapped word or number has the focus, and its explanation is shown on the page,
    # by the theme's tooltip (or the stylesheet's, where the theme leaves the title)
    focused = phone.evaluate("document.activeElement.textContent")
    assert focused == words
    shown = phone.wait_for_function("""text => {
      const el = document.activeElement;
      const after = getComputedStyle(el, '::after').content;
      const tips = Array.from(document.querySelectorAll('[class*=md-tooltip], [role=tooltip]'))
        .filter(t => { const r = t.getBoundingClientRect(); const s = getComputedStyle(t);
          return r.width > 0 && r.height > 0 && s.visibility !== 'hidden'
                 && Number(s.opacity) > 0.5; }).map(t => t.textContent);
      return (tips.some(t => t.includes(text)) || after.includes(text)) && {after, tips};
    }""", arg=explanation, timeout=5_000).json_value()
    assert any(explanation in t for t in shown["tips"]) or explanation in shown["after"], shown
    # and the keyboard reaches it too
    assert handle.evaluate("el => el.tabIndex") == 0


@pytest.mark.site
def test_french_table_cards_keep_the_space_before_the_colon(served, phone):
    phone.goto(f"{served.origin}/fr/context/")
    labels = phone.evaluate("""() => Array.from(
      document.querySelectorAll('.evidence-table td[data-label]')).slice(0, 40).map(td => {
        const s = getComputedStyle(td, '::before');
        return {label: td.dataset.label, content: s.content, display: s.display}; })""")
    assert labels
    for cell in labels:
        # the card shows "Critère de jugement : …" with a no-break space, never "…:"
        assert cell["content"] == f'"{cell["label"]}{NBSP}: "', cell
    phone.goto(f"{served.origin}/context/")
    english = phone.evaluate("""() => getComputedStyle(
      document.querySelector('.evidence-table td[data-label]'), '::before').content""")
    assert re.fullmatch(r'"[^"]*[^\s\u00a0]: "', english), english


@pytest.mark.site
def test_whats_new_promises_a_version_menu_only_where_there_is_one(real_site):
    for path in ("whats-new/index.html", "fr/whats-new/index.html"):
        page = real_site.page(path)
        assert 'class="md-version' not in page  # a plain build has no version menu
        text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
        said = [s for s in re.split(r"(?<=[.;])\s", text) if "menu" in s]
        assert said, path
        for sentence in said:
            assert any(w in sentence for w in ("Where the summary is published with its",
                                               "Là où la synthèse est publiée avec ses")) \
                or "no such menu" in sentence or "n'a pas ce menu" in sentence, sentence
