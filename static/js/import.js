// The import page polls its job's status and moves the progress bar (issue 14:
// a file of its own, as the Content-Security-Policy allows no inline script).
(function () {
  "use strict";
  var boks = document.getElementById("import");
  if (!boks) { return; }

  function tegn(data) {
    document.getElementById("status").textContent = data.status_tekst;
    // A rejected file: how many of its lines are wrong, not how far it got.
    document.getElementById("taeller").textContent = data.opsummering ||
      data.rows_done.toLocaleString("da-DK") + " af " +
      data.rows_total.toLocaleString("da-DK") + " rækker";
    var bar = document.getElementById("fremskridt");
    bar.max = data.rows_total || 1;
    bar.value = data.rows_done;
    boks.dataset.status = data.status;
    var resultat = document.getElementById("resultat");
    if (data.status === "faerdig") {
      resultat.textContent = "";
      var p = document.createElement("p");
      var nye = "ny" in data.resultat ? data.resultat.ny + " nye, " : "";
      p.textContent = "Importen er gemt: " + nye + data.resultat.aendret +
        " ændret, " + data.resultat.uaendret + " uændret.";
      resultat.appendChild(p);
    }
    var liste = document.getElementById("fejl");
    liste.textContent = "";
    data.errors.forEach(function (tekst) {
      var li = document.createElement("li");
      li.textContent = tekst;
      liste.appendChild(li);
    });
  }

  function hent() {
    fetch(boks.dataset.statusUrl, {credentials: "same-origin"})
      .then(function (svar) { return svar.json(); })
      .then(function (data) {
        if (data.afventer_godkendelse) { window.location.reload(); return; }
        tegn(data);
        if (!data.afsluttet) { setTimeout(hent, 1000); }
      });
  }

  if (boks.dataset.aktiv === "true") { hent(); }
})();
