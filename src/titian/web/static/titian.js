// Quick exit: leave for a neutral site at once, replacing this page in the history so Back does
// not return to it, and end the session on the server. Escape pressed twice does the same.
(function () {
  "use strict";
  function quickExit(event) {
    var link = document.getElementById("quick-exit");
    if (!link) { return; }
    if (event) { event.preventDefault(); }
    var csrf = document.body.getAttribute("data-csrf");
    if (csrf && navigator.sendBeacon) {
      var form = new FormData();
      form.append("csrf_token", csrf);
      navigator.sendBeacon("/quick-exit", form);
    }
    document.body.innerHTML = "";
    document.title = "";
    window.location.replace(link.getAttribute("data-exit-url"));
  }
  var lastEscape = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var now = Date.now();
    if (now - lastEscape < 800) { quickExit(event); }
    lastEscape = now;
  });
  document.addEventListener("DOMContentLoaded", function () {
    var link = document.getElementById("quick-exit");
    if (link) { link.addEventListener("click", quickExit); }
  });
})();

// An autosave never presses a button. htmx remembers the submit button that has the focus (or
// was last clicked) and adds its name and value to every request the form sends; a "change" that
// was queued behind another save and sent after the person tabbed to "Save and continue" would
// otherwise carry next=1 and move the page on a second time. Only a real submit sends a button.
document.addEventListener("htmx:configRequest", function (event) {
  "use strict";
  var trigger = event.detail.triggeringEvent;
  var form = event.detail.elt;
  if (!form || form.tagName !== "FORM" || (trigger && trigger.type === "submit")) { return; }
  var buttons = form.querySelectorAll("button[name], input[type='submit'][name]");
  for (var i = 0; i < buttons.length; i++) {
    delete event.detail.parameters[buttons[i].name];
  }
});

// A table wider than the screen scrolls sideways (phones): it must take the keyboard focus so that
// people who do not use a pointer can scroll it with the arrow keys (WCAG 2.1.1; axe-core rule
// scrollable-region-focusable), and it needs a name when it does: its caption, else "Table".
(function () {
  "use strict";
  function markScrollers(root) {
    var tables = (root || document).querySelectorAll("table, .table-wrap");
    for (var i = 0; i < tables.length; i++) {
      var el = tables[i];
      var scrolls = el.scrollWidth > el.clientWidth + 1;
      if (scrolls && !el.hasAttribute("tabindex")) {
        el.setAttribute("tabindex", "0");
        el.setAttribute("data-scroll-region", "");
        if (el.tagName !== "TABLE" && !el.hasAttribute("aria-label")) {
          var caption = el.querySelector("caption");
          el.setAttribute("role", "region");
          el.setAttribute("aria-label", caption ? caption.textContent.trim() : "Table");
        }
      } else if (!scrolls && el.hasAttribute("data-scroll-region")) {
        el.removeAttribute("tabindex");
        el.removeAttribute("data-scroll-region");
      }
    }
  }
  var pending = null;
  document.addEventListener("DOMContentLoaded", function () { markScrollers(document); });
  window.addEventListener("resize", function () {
    clearTimeout(pending);
    pending = setTimeout(function () { markScrollers(document); }, 200);
  });
  document.addEventListener("htmx:afterSettle", function (event) { markScrollers(event.target); });
})();
