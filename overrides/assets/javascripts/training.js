/* Inclusion Handbook: training modules. Self-check questions answer at once; the module
   index filters by audience. Works without a server and without a mouse. */
(function () {
  "use strict";

  var handbook = window.inclusionHandbook; /* the strings in the site's language */

  function selfCheck(form) {
    if (form.dataset.ready) return;
    form.dataset.ready = "1";
    var feedback = form.querySelector(".ih-feedback");
    form.querySelector(".ih-check").addEventListener("click", function () {
      var chosen = form.querySelector("input[type=radio]:checked");
      form.classList.remove("ih-right", "ih-wrong");
      if (!chosen) {
        handbook.say(feedback, "Choose an answer first.");
        return;
      }
      var right = chosen.dataset.correct === "true";
      form.classList.add(right ? "ih-right" : "ih-wrong");
      if (right) handbook.say(feedback, "Right.");
      else handbook.say(feedback, "Not quite.");
      feedback.appendChild(document.createTextNode(" " + chosen.dataset.feedback));
    });
  }

  function audienceFilter(root) {
    var box = root.querySelector(".ih-audience-filter");
    if (!box || box.dataset.ready) return;
    box.dataset.ready = "1";
    box.hidden = false;
    var select = box.querySelector("select");
    var status = box.querySelector(".ih-filter-status");
    var rows = Array.prototype.slice.call(root.querySelectorAll(".ih-modules tbody tr"));
    function apply() {
      var wanted = select.value;
      var shown = 0;
      rows.forEach(function (row) {
        var tag = row.querySelector("[data-audience]");
        var audiences = tag ? tag.dataset.audience.split(" ") : [];
        var match = !wanted || audiences.indexOf(wanted) !== -1;
        row.hidden = !match;
        if (match) shown += 1;
      });
      handbook.say(status, "Modules shown: %(shown)s of %(total)s.",
        { shown: shown, total: rows.length });
    }
    select.addEventListener("change", apply);
    apply();
  }

  function ready() {
    document.querySelectorAll("form.ih-selfcheck").forEach(selfCheck);
    audienceFilter(document);
  }

  handbook.onReady(ready);
})();
