// Chart.js charts of the budget pages. No inline script (CSP): every
// <canvas data-graf="..."> is drawn from the page's json_script block #graf-data.
(function () {
  "use strict";
  var BLAA = "#0059b3", ORANGE = "#c45a00", GROEN = "#358000", GRAA = "#747474";
  var kr = new Intl.NumberFormat("da-DK", { maximumFractionDigits: 0 });
  function tal(liste) { return liste.map(function (v) { return v === null ? null : Number(v); }); }
  function akser(enhed) {
    var ticks = enhed === "kr." ? { callback: function (v) { return kr.format(v); } } : { precision: 0 };
    return { y: { beginAtZero: true, title: { display: !!enhed, text: enhed }, ticks: ticks } };
  }
  function valg(enhed) {
    return { responsive: true, maintainAspectRatio: false, animation: false,
      plugins: { legend: { position: "bottom" } }, scales: akser(enhed) };
  }
  function budget(d, akkumuleret) {
    var efter = akkumuleret ? " (akkumuleret)" : "";
    return {
      type: akkumuleret ? "line" : "bar",
      data: { labels: d.labels, datasets: [
        { label: "Korrigeret budget" + efter, data: tal(d.budget), borderColor: BLAA, backgroundColor: BLAA },
        { label: "Forbrug" + efter, data: tal(d.forbrug), borderColor: ORANGE, backgroundColor: ORANGE }
      ] },
      options: valg("kr.")
    };
  }
  function soejler(labels, saet, enhed) {
    var farver = [BLAA, GRAA, GROEN];
    return {
      type: "bar",
      data: { labels: labels, datasets: saet.map(function (s, i) {
        return { label: s.label, data: tal(s.data), backgroundColor: farver[i % farver.length] };
      }) },
      options: valg(enhed)
    };
  }
  var GRAFER = {
    "budget-akkumuleret": function (d) { return budget(d, true); },
    "budget": function (d) { return budget(d, false); },
    "niveauer": function (d) { return soejler(d.niveauer, [{ label: "Borgere", data: d.borgere_pr_niveau }], "borgere"); },
    "belaegning": function (d) {
      return soejler(d.tilbud, [{ label: "Realiseret belægning", data: d.belaegning },
        { label: "Forudsat belægning", data: d.belaegning_forudsat }], "%");
    }
  };
  function tegn() {
    var kilde = document.getElementById("graf-data");
    if (!kilde || !window.Chart) return;
    var d = JSON.parse(kilde.textContent);
    document.querySelectorAll("canvas[data-graf]").forEach(function (el) {
      var lav = GRAFER[el.getAttribute("data-graf")];
      if (!lav) return;
      new window.Chart(el, lav(d));
      el.setAttribute("data-tegnet", "ja");
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", tegn);
  else tegn();
})();
