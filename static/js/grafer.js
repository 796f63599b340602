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
  // The two cumulative lines often lie on top of each other (forbrug follows the
  // budget): besides colour they differ in line (full / dashed), point (circle /
  // triangle) and width, so they stay apart in grey print and for colour-blind eyes.
  var LINJER = {
    budget: { borderDash: [], pointStyle: "circle", pointRadius: 3, borderWidth: 3 },
    forbrug: { borderDash: [8, 5], pointStyle: "triangle", pointRadius: 6, borderWidth: 2 }
  };
  function saet(label, data, farve, linje, akkumuleret) {
    var s = { label: label, data: tal(data), borderColor: farve, backgroundColor: farve };
    if (akkumuleret) {
      Object.keys(linje).forEach(function (k) { s[k] = linje[k]; });
      s.pointHoverRadius = linje.pointRadius + 2;
    }
    return s;
  }
  function budget(d, akkumuleret) {
    var efter = akkumuleret ? " (akkumuleret)" : "";
    var v = valg("kr.");
    if (akkumuleret) v.plugins.legend.labels = { usePointStyle: true };
    return {
      type: akkumuleret ? "line" : "bar",
      data: { labels: d.labels, datasets: [
        saet("Korrigeret budget" + efter, d.budget, BLAA, LINJER.budget, akkumuleret),
        saet("Forbrug" + efter, d.forbrug, ORANGE, LINJER.forbrug, akkumuleret)
      ] },
      options: v
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
  // Issue 19 item 4, the borger page: the level's rækkefølge as steps (the
  // axis names the level's code), and funktionsevne 0-4 per VUM theme.
  var TEMAFARVER = [BLAA, ORANGE, GROEN, GRAA, "#6b2c91", "#a8001e", "#00677f", "#7a5c00", "#1f1f1f", "#b3006b", "#4d7a00"];
  var MARKOERER = ["circle", "triangle", "rect", "rectRot", "star", "cross", "crossRot", "rectRounded", "dash", "line", "circle"];
  function niveauforloeb(d) {
    var v = valg("");
    v.scales.y = { beginAtZero: false, title: { display: true, text: "Takstniveau" },
      ticks: { precision: 0, callback: function (r) { return d.niveau_koder[String(r)] || ""; } } };
    v.plugins.legend.display = false;
    return { type: "line", data: { labels: d.niveau_labels, datasets: [{
      label: "Takstniveau", data: d.niveau_raekkefoelge, stepped: true,
      borderColor: BLAA, backgroundColor: BLAA, borderWidth: 3, pointRadius: 4 }] }, options: v };
  }
  function funktionsevne(d) {
    var v = valg("");
    v.scales.y = { min: 0, max: 4, title: { display: true, text: "Funktionsevne (0 ingen – 4 fuldstændigt nedsat)" }, ticks: { precision: 0 } };
    v.plugins.legend.labels = { usePointStyle: true };
    return { type: "line", data: { labels: d.funktionsevne_labels, datasets: d.funktionsevne.map(function (t, i) {
      var farve = TEMAFARVER[i % TEMAFARVER.length];
      return { label: t.label, data: t.data, borderColor: farve, backgroundColor: farve,
        pointStyle: MARKOERER[i % MARKOERER.length], pointRadius: 5, spanGaps: true };
    }) }, options: v };
  }
  var GRAFER = {
    "niveauforloeb": niveauforloeb,
    "funktionsevne": funktionsevne,
    "budget-akkumuleret": function (d) { return budget(d, true); },
    "budget": function (d) { return budget(d, false); },
    "prognose": function (d) {
      var v = valg("kr.");
      v.plugins.legend.labels = { usePointStyle: true };
      return {
        type: "line",
        data: { labels: d.labels, datasets: [
          saet("Korrigeret budget", d.budget, BLAA, LINJER.budget, true),
          saet("Forbrug", d.forbrug, ORANGE, LINJER.forbrug, true),
          saet("Prognose", d.prognose, GROEN,
            { borderDash: [3, 3], pointStyle: "rect", pointRadius: 4, borderWidth: 2 }, true)
        ] },
        options: v
      };
    },
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
