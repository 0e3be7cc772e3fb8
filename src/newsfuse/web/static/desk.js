// The desk's only script (served by the app, allowed by its Content-Security-Policy: script-src 'self').
// While a re-brief runs, poll its progress and reload the page when the stored briefs are current; never
// while the reader is filling in or sending a form (then the banner offers the reload instead).
(function () {
  "use strict";
  if (!document.body || !document.body.dataset.updating) return;
  var banner = document.getElementById("updating");
  var leaving = false;
  document.addEventListener("submit", function () { leaving = true; });
  function dirty() {
    var fields = document.querySelectorAll("textarea, input[type=file], input[type=password]");
    for (var i = 0; i < fields.length; i++) if (fields[i].value) return true;
    return false;
  }
  function done() {
    delete document.body.dataset.updating;
    if (!dirty()) { location.reload(); return; }
    if (banner) {
      banner.textContent = "updated: ";
      var link = document.createElement("a");
      link.href = location.href;
      link.textContent = "reload to see it";
      banner.appendChild(link);
    }
  }
  function poll() {
    if (leaving) return;
    fetch("/api/status", {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (s) {
      if (leaving) return;
      if (!s.updating) { done(); return; }
      if (banner && s.total) banner.textContent = "updating… " + s.done + " of " + s.total + " stories re-briefed";
      setTimeout(poll, 1000);
    }).catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 1000);
})();
