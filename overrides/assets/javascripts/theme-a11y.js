// Accessibility fixes for the parts of the theme that its own JavaScript draws, out of reach
// of template overrides: the version menu. Its button was named "Select version" while it
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

  var header = document.querySelector(".md-header");
  if (header) {
    fixVersionMenu();
    new MutationObserver(fixVersionMenu).observe(header, { childList: true, subtree: true });
  }
})();
