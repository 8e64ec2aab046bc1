/* Inclusion Handbook: small enhancements on top of Material for MkDocs. */
(function () {
  "use strict";

  /* Ratings sort from the best (met) to the weakest, not in the alphabetical order of labels. */
  var RATINGS = ["met", "partly", "not_evidenced", "not_applicable"];

  function rank(cell) {
    var badge = cell.querySelector(".ih-rating");
    if (!badge) return;
    RATINGS.forEach(function (rating, index) {
      if (badge.classList.contains("ih-rating--" + rating)) cell.setAttribute("data-sort", index);
    });
  }

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
      table.querySelectorAll("tbody td").forEach(rank);
      new Tablesort(table);
      /* Tablesort makes each header cell a Tab stop too: the button inside is the one. */
      table.querySelectorAll("thead th[tabindex]").forEach(function (th) {
        th.removeAttribute("tabindex");
      });
    });
  }

  /* A record due for review says so, dated by the reader's clock rather than the build's, so
     the same inputs always give the same site. */
  function reviewNotes(root) {
    root.querySelectorAll(".ih-reviewed[data-reviewed]").forEach(function (note) {
      if (note.querySelector(".ih-overdue")) return;
      var reviewed = Date.parse(note.dataset.reviewed + "T00:00:00Z");
      var limit = parseInt(note.dataset.reviewAfterDays, 10);
      var days = Math.floor((Date.now() - reviewed) / 86400000);
      if (!isFinite(days) || !(days > limit)) return;
      var warning = document.createElement("strong");
      warning.className = "ih-overdue";
      warning.textContent = " Due for review: checked " + days + " days ago; " +
        "some facts may be out of date.";
      note.appendChild(warning);
    });
  }

  /* Runs `fn` once the page is ready, and again after each instant page change when
     Material's document$ exists. The page scripts loaded after this one use it too. */
  function onReady(fn) {
    if (typeof document$ !== "undefined") {
      document$.subscribe(fn);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", fn);
    } else {
      fn();
    }
  }
  window.inclusionHandbook = { onReady: onReady };

  onReady(function () { sortable(document); reviewNotes(document); });
})();
