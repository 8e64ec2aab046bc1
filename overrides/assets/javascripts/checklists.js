/* Inclusion Handbook: interactive checklists. Ticks and notes stay in this browser
   (localStorage, one entry per checklist, keyed by item ids that survive new versions of the
   site); nothing is sent anywhere. */
(function () {
  "use strict";

  var PREFIX = "inclusion-handbook:checklist:";
  var say = window.inclusionHandbook.say; /* a string in the site's language (handbook.js) */

  function load(key) {
    try {
      var data = JSON.parse(window.localStorage.getItem(key) || "{}");
      return data && typeof data === "object" ? data : {};
    } catch (error) {
      return {};
    }
  }

  function save(key, state) {
    try {
      window.localStorage.setItem(key, JSON.stringify(state));
    } catch (error) {
      /* storage full or disabled: the checklist still works for this visit */
    }
  }

  function setup(form) {
    if (form.dataset.ready) return;
    form.dataset.ready = "1";
    var key = PREFIX + form.dataset.checklist;
    var state = load(key);
    state.items = state.items || {};
    state.ratings = state.ratings || {};
    state.evidence = state.evidence || {};
    var items = Array.prototype.slice.call(form.querySelectorAll(".ih-item"));

    function progress() {
      var done = items.filter(function (li) {
        return li.querySelector("input[type=checkbox]").checked;
      }).length;
      form.querySelector(".ih-done").textContent = window.inclusionHandbook.number(done);
      form.querySelector(".ih-bar").value = done;
    }

    items.forEach(function (li) {
      var id = li.dataset.item;
      var box = li.querySelector("input[type=checkbox]");
      var note = li.querySelector("textarea");
      var saved = state.items[id] || {};
      box.checked = !!saved.done;
      note.value = saved.note || "";
      if (note.value) li.querySelector("details").open = true;
      function store() {
        state.items[id] = { done: box.checked, note: note.value };
        if (!box.checked && !note.value) delete state.items[id];
        save(key, state);
        progress();
      }
      box.addEventListener("change", store);
      note.addEventListener("input", store);
    });

    form.querySelectorAll(".ih-rating-choice input[type=radio]").forEach(function (radio) {
      var criterion = radio.closest(".ih-rating-choice").dataset.criterion;
      radio.checked = state.ratings[criterion] === radio.value;
      radio.addEventListener("change", function () {
        state.ratings[criterion] = radio.value;
        save(key, state);
      });
    });
    form.querySelectorAll(".ih-evidence").forEach(function (area) {
      var criterion = area.dataset.criterion;
      area.value = state.evidence[criterion] || "";
      area.addEventListener("input", function () {
        state.evidence[criterion] = area.value;
        save(key, state);
      });
    });

    form.querySelector(".ih-reset").addEventListener("click", function () {
      state = { items: {}, ratings: {}, evidence: {} };
      window.localStorage.removeItem(key);
      form.querySelectorAll("input[type=checkbox], input[type=radio]").forEach(function (input) {
        input.checked = false;
      });
      form.querySelectorAll(".ih-item textarea, .ih-evidence").forEach(function (area) {
        area.value = "";
      });
      progress();
      form.querySelector(".ih-progress").focus();
    });

    var make = form.querySelector(".ih-make-yaml");
    if (make) make.addEventListener("click", function () { criteriaBlock(form); });
    progress();
  }

  /* The filled assessment as the `criteria:` block of a record. Text is written as JSON
     strings, which YAML reads as double-quoted scalars. */
  function criteriaBlock(form) {
    var status = form.querySelector(".ih-yaml-status");
    var source = form.querySelector("#ih-source-id").value.trim();
    var lines = ["criteria:"];
    var missing = [];
    form.querySelectorAll(".ih-rating-choice").forEach(function (group) {
      var criterion = group.dataset.criterion;
      var chosen = group.querySelector("input:checked");
      var rating = chosen ? chosen.value : "not_evidenced";
      var evidence = form.querySelector(".ih-evidence[data-criterion='" + criterion + "']")
        .value.trim();
      lines.push("  " + criterion + ":");
      lines.push("    rating: " + rating);
      if (evidence) lines.push("    evidence: " + JSON.stringify(evidence));
      if (rating === "met" || rating === "partly") {
        lines.push("    source: " + (source || "main-source"));
        if (!evidence) missing.push(group.querySelector("legend").textContent);
      }
    });
    var output = form.querySelector(".ih-yaml");
    output.value = lines.join("\n") + "\n";
    if (missing.length) {
      say(status, "Evidence is still needed for: %(criteria)s.", { criteria: missing.join("; ") });
    } else {
      say(status, "The criteria block is ready to copy.");
    }
    output.focus();
    output.select();
  }

  function ready() {
    document.querySelectorAll("form.ih-checklist").forEach(setup);
  }

  window.inclusionHandbook.onReady(ready);
})();
