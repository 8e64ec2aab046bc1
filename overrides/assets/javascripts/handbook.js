/* Inclusion Handbook: small enhancements on top of Material for MkDocs. */
(function () {
  "use strict";

  /* Sortable tables: tablesort sorts on a click on the header cell; a button inside each
     header makes the same action reachable by keyboard and names it for screen readers. */
  function sortable(root) {
    if (typeof Tablesort === "undefined") return;
    root.querySelectorAll(".ih-sortable table").forEach(function (table) {
      if (table.dataset.ihSortable) return;
      table.dataset.ihSortable = "1";
      table.querySelectorAll("thead th").forEach(function (th) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "ih-sort";
        while (th.firstChild) button.appendChild(th.firstChild);
        th.appendChild(button);
      });
      new Tablesort(table);
    });
  }

  function ready() { sortable(document); }

  if (typeof document$ !== "undefined") {
    document$.subscribe(ready);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
