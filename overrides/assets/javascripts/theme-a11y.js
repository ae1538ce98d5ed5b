// Accessibility fixes for the parts of the theme that its own JavaScript draws, out of reach
// of template overrides: the version menu; and, on every page, what a pointer shows on hover
// made reachable by touch and keyboard. Its button was named "Select version" while it
// shows the version ("1.0 latest"): screen-reader and voice users could not match the two.
// The button now takes its name from what it shows, after a visually hidden "Select version:".
(function () {
  "use strict";

  function spaceBeforeAlias(el) {
    var alias = el.querySelector(".md-version__alias");
    var before = alias && alias.previousSibling;
    if (alias && !(before && before.nodeType === 3 && /\s$/.test(before.textContent))) {
      el.insertBefore(document.createTextNode(" "), alias);
    }
  }

  function fixVersionMenu() {
    document.querySelectorAll(".md-version__current[aria-label]").forEach(function (button) {
      var hint = document.createElement("span");
      hint.className = "visually-hidden";
      hint.textContent = button.getAttribute("aria-label") + ": ";
      button.insertBefore(hint, button.firstChild);
      button.removeAttribute("aria-label");
      spaceBeforeAlias(button);
    });
    document.querySelectorAll(".md-version__link").forEach(spaceBeforeAlias);
  }

  // A number's source and an abbreviation's meaning are in their title, which only a
  // hovering pointer shows. Focusable, a tap or the Tab key reaches them too, and the
  // stylesheet shows the title beneath while they have the focus. Not inside a link or a
  // button, which has the focus itself.
  function focusableNotes() {
    document.querySelectorAll(".md-typeset abbr[title], .md-typeset .num[title]")
      .forEach(function (el) {
        if (!el.hasAttribute("tabindex") && !el.closest("a, button, summary")) {
          el.setAttribute("tabindex", "0");
        }
      });
  }

  focusableNotes();
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(focusableNotes);  // after each instant navigation
  }

  var header = document.querySelector(".md-header");
  if (header) {
    fixVersionMenu();
    new MutationObserver(fixVersionMenu).observe(header, { childList: true, subtree: true });
  }
})();
