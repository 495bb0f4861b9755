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
