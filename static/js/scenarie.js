// The scenario page's change form: show only the fields the chosen kind uses
// (issue 16 #1). Without script every field shows, each labelled.
(function () {
  "use strict";
  var form = document.getElementById("aendring-form");
  if (!form) { return; }
  var art = form.querySelector("select[name=art]");
  function vis() {
    var felter = form.querySelectorAll(".tv-scenarie-felt");
    for (var i = 0; i < felter.length; i++) {
      var arter = (felter[i].getAttribute("data-arter") || "").split(" ");
      felter[i].hidden = arter.indexOf(art.value) === -1;
    }
  }
  art.addEventListener("change", vis);
  vis();
})();
