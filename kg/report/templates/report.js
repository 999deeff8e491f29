"use strict";
// Filtering of "Who claims what". The page is complete without it; this only hides rows.
(function () {
  var form = document.getElementById("filters");
  if (!form) { return; }
  var out = document.getElementById("shown");
  var groups = Array.prototype.slice.call(document.querySelectorAll("section.claimant"));
  function has(list, value) {
    return value === "" || (" " + (list || "") + " ").indexOf(" " + value + " ") >= 0;
  }
  function apply() {
    var who = form.elements.claimant.value;
    var outlet = form.elements.outlet.value;
    var kind = form.elements.kind.value;
    var shown = 0;
    groups.forEach(function (group) {
      var any = false;
      var mine = who === "" || group.getAttribute("data-c") === who;
      Array.prototype.forEach.call(group.querySelectorAll("tbody > tr"), function (row) {
        var ok = mine && has(row.getAttribute("data-o"), outlet) && has(row.getAttribute("data-k"), kind);
        row.hidden = !ok;
        if (ok) { any = true; shown += 1; }
      });
      group.hidden = !any;
    });
    out.textContent = shown + (shown === 1 ? " claim shown" : " claims shown");
  }
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
}());
