// Live total and suggested takstniveau for the døgnskema grid (DOMAIN.md §5).
// The server recomputes both on save; this only shows them while typing.
(function () {
  "use strict";
  var form = document.getElementById("doegnskema");
  if (!form) return;
  var niveauer = JSON.parse(document.getElementById("niveauer-data").textContent);
  var FAKTOR = { timer_pr_doegn: 1, minutter_pr_doegn: 60, timer_pr_uge: 7 };

  function tal(input) {
    var v = parseInt(input.value, 10);
    return isNaN(v) || v < 0 ? 0 : v;
  }
  function dansk(v, dec) {
    return v.toLocaleString("da-DK", { minimumFractionDigits: dec, maximumFractionDigits: dec });
  }
  function forslag(timer) {
    var dato = form.querySelector("input[name=dato]").value;
    var liste = niveauer[(dato || "").slice(0, 4)] || [];
    if (!liste.length) return "ingen takstmodel for året";
    var enhed = FAKTOR[liste[0].enhed] || 1;
    var v = timer * enhed + 1e-9;
    var faste = liste.filter(function (n) { return !n.saertakst; });
    for (var i = 0; i < faste.length; i++) {
      var n = faste[i], nedre = parseFloat(n.nedre), oevre = n.oevre === null ? null : parseFloat(n.oevre);
      if (nedre <= v && (oevre === null || v < oevre)) return n.kode + " – " + n.navn;
    }
    var top = Math.max.apply(null, faste.map(function (n) { return n.oevre === null ? -1 : parseFloat(n.oevre); }));
    if (v < top) return "–";
    var saer = liste.filter(function (n) { return n.saertakst; });
    var valgt = saer.length ? saer[0] : faste[faste.length - 1];
    return valgt.kode + " – " + valgt.navn;
  }
  function opdater() {
    var minutter = 0;
    form.querySelectorAll("table.tv-grid tbody tr").forEach(function (tr) {
      var raekke = 0;
      tr.querySelectorAll("input.celle").forEach(function (i) { raekke += tal(i); });
      tr.querySelector(".tv-raekkesum").textContent = dansk(raekke, 0);
      minutter += raekke;
    });
    var uge = 0;
    form.querySelectorAll("input.ugecelle").forEach(function (i) { uge += tal(i); });
    var timer = (minutter + uge / 7) / 60;
    document.getElementById("sum-minutter").textContent = dansk(minutter + uge / 7, 0);
    document.getElementById("sum-timer").textContent = dansk(timer, 2);
    document.getElementById("forslag").textContent = forslag(timer);
  }
  form.addEventListener("input", opdater);
  form.addEventListener("change", opdater);
  opdater();
})();
