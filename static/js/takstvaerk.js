// Small behaviour for every page, without inline script (the CSP forbids it).
(function () {
  "use strict";
  if (window.DKFDS && typeof window.DKFDS.init === "function") {
    try { window.DKFDS.init(); } catch (e) { /* the page works without it */ }
  }
  // A <select data-auto-submit> (the budget-year selector) submits its form.
  document.querySelectorAll("select[data-auto-submit]").forEach(function (el) {
    el.addEventListener("change", function () { el.form.submit(); });
  });
  document.querySelectorAll("[data-print]").forEach(function (el) {
    el.addEventListener("click", function () { window.print(); });
  });
})();
