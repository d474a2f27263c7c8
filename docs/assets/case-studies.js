/* Case-study tables: show the filter form (hidden without JavaScript) and hide rows that do not match.
   Without JavaScript the whole table shows. */
(function () {
  "use strict";

  function setUp(form) {
    var table = document.getElementById(form.getAttribute("data-ltss-filter"));
    if (!table) return;
    var selects = form.querySelectorAll("select[data-column]");
    var count = form.querySelector(".ltss-filter-count");
    var rows = table.querySelectorAll("tbody tr");

    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var match = true;
        selects.forEach(function (select) {
          var wanted = select.value;
          if (wanted && row.getAttribute("data-" + select.getAttribute("data-column")) !== wanted) match = false;
        });
        row.hidden = !match;
        if (match) shown += 1;
      });
      if (count) {
        count.textContent = shown === rows.length
          ? "Showing all " + rows.length + " case studies."
          : "Showing " + shown + " of " + rows.length + " case studies.";
      }
    }

    selects.forEach(function (select) { select.addEventListener("change", apply); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }

  function start() {
    document.querySelectorAll("form[data-ltss-filter]").forEach(setUp);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
