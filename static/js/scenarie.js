// The scenario page's change form: show only the fields the chosen kind uses
// (issue 16 #1). Without script every field shows, each labelled.
(function () {
  "use strict";
  var form = document.getElementById("aendring-form");
  if (!form) { return; }
  var art = form.querySelector("select[name=art]");
  // Hide each element whose data-arter does not name the chosen kind: the
  // fields of other kinds, and the "(valgfrit)" of a field this kind needs.
  function skjul(selector) {
    var elementer = form.querySelectorAll(selector);
    for (var i = 0; i < elementer.length; i++) {
      var arter = (elementer[i].getAttribute("data-arter") || "").split(" ");
      elementer[i].hidden = arter.indexOf(art.value) === -1;
    }
  }
  function vis() {
    skjul(".tv-scenarie-felt");
    skjul(".tv-valgfri");
  }
  art.addEventListener("change", vis);
  vis();
})();
