// Small behaviour for every page, without inline script (the CSP forbids it).
(function () {
  "use strict";
  if (window.DKFDS && typeof window.DKFDS.init === "function") {
    try { window.DKFDS.init(); } catch (e) { /* the page works without it */ }
  }
  // DKFDS's mobile menu opens its drawer (.mobile-drawer.is-visible) without
  // telling a screen reader: the menu button's aria-expanded follows the drawer.
  var skuffe = document.getElementById("tv-mobilmenu");
  if (skuffe && window.MutationObserver) {
    new MutationObserver(function () {
      var aaben = skuffe.classList.contains("is-visible") ? "true" : "false";
      document.querySelectorAll("[aria-controls='tv-mobilmenu']").forEach(function (knap) {
        knap.setAttribute("aria-expanded", aaben);
      });
    }).observe(skuffe, { attributes: true, attributeFilter: ["class"] });
  }
  // A <select data-auto-submit> (the budget-year selector) submits its form.
  document.querySelectorAll("select[data-auto-submit]").forEach(function (el) {
    el.addEventListener("change", function () { el.form.submit(); });
  });
  document.querySelectorAll("[data-print]").forEach(function (el) {
    el.addEventListener("click", function () { window.print(); });
  });
  // The tilbud form's dagspris fields (issue 17) show for STU and dagtilbud
  // only, and whenever one of them has an error; without script they all show.
  var dagspris = document.getElementById("dagspris-felter");
  var tilbudstype = document.getElementById("id_tilbudstype");
  if (dagspris && tilbudstype) {
    var typer = (dagspris.getAttribute("data-tilbudstyper") || "").split(" ");
    var vis = function () {
      var fejl = dagspris.querySelector(".form-error");
      dagspris.hidden = !fejl && typer.indexOf(tilbudstype.value) === -1;
    };
    tilbudstype.addEventListener("change", vis);
    vis();
  }
})();
