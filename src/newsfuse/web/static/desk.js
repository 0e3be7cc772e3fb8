// The desk's only script (served by the app, allowed by its Content-Security-Policy: script-src 'self').
// While a re-brief runs, poll its progress and reload the page when the stored briefs are current.
(function () {
  "use strict";
  if (!document.body || !document.body.dataset.updating) return;
  var banner = document.getElementById("updating");
  function poll() {
    fetch("/api/status", {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (s) {
      if (!s.updating) { location.reload(); return; }
      if (banner && s.total) banner.textContent = "updating… " + s.done + " of " + s.total + " stories re-briefed";
      setTimeout(poll, 1000);
    }).catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 1000);
})();
