/* Inclusion Handbook: the finder's filter groups fold away on a phone, so the results are
   near the top. Loaded by the finder page right after its filters and before the page is
   first painted, so nothing moves when it runs. A group with a ticked value stays open. */
(function () {
  "use strict";
  var narrow = window.matchMedia("(max-width: 44.9375em)");
  var used = new URLSearchParams(location.search);
  var folds = document.querySelectorAll("#ih-finder details.ih-facet-fold");

  function apply(isNarrow) {
    folds.forEach(function (fold) {
      var facet = fold.querySelector("[data-facet]");
      var ticked = facet && used.has(facet.getAttribute("data-facet"));
      fold.open = !isNarrow || ticked || fold.querySelector("input:checked") !== null;
    });
  }

  apply(narrow.matches);
  var onChange = function (event) { apply(event.matches); };
  if (narrow.addEventListener) narrow.addEventListener("change", onChange);
  else if (narrow.addListener) narrow.addListener(onChange);
})();
