/* Inclusion Handbook: small enhancements on top of Material for MkDocs, and the scripts'
   strings and counts in the site's language (window.inclusionHandbook: number, phrase, plain,
   phraseNode, say). */
(function () {
  "use strict";

  /* ---- The interface strings of the scripts, in the site's language ------------------- */

  /* A site in another language writes into every page the translations of the scripts'
     strings, by their English text (generator/outputs/script_strings.py lists them all):
     a JSON block, read here as data. The English site has none. */
  var block = document.getElementById("ih-strings");
  var strings = null;
  if (block) {
    try {
      strings = JSON.parse(block.textContent);
    } catch (error) {
      strings = {}; /* unreadable: every string in English, marked so */
    }
  }
  var translations = !block ? null
    : strings && typeof strings.strings === "object" && strings.strings ? strings.strings : {};

  /* Counts as the site's language writes them (as the pages' own, from CLDR); English, and
     a browser without Intl, as they are (1234). */
  var numbers = null;
  if (strings && typeof strings.language === "string" && window.Intl) {
    try {
      numbers = new Intl.NumberFormat(strings.language);
    } catch (error) {
      numbers = null;
    }
  }
  function number(n) {
    return numbers ? numbers.format(n) : String(n);
  }

  /* `message` (an English string of a script) in the site's language, its placeholders
     %(name)s filled from `values`: {text, en}, `en` when it is shown in English on a site
     in another language. */
  function phrase(message, values) {
    var own = translations !== null &&
      Object.prototype.hasOwnProperty.call(translations, message) &&
      typeof translations[message] === "string";
    var text = own ? translations[message] : message;
    text = text.replace(/%\((\w+)\)s|%%/g, function (match, name) {
      if (name === undefined) return "%";
      if (!values || !Object.prototype.hasOwnProperty.call(values, name)) return match;
      var value = values[name];
      return typeof value === "number" ? number(value) : String(value);
    });
    return { text: text, en: translations !== null && !own };
  }

  /* `message` in the site's language, as a text only (for a value inside another string). */
  function plain(message, values) {
    return phrase(message, values).text;
  }

  /* `message` as a node: a text, or, when shown in English on a site in another language,
     a span with lang="en" (WCAG 3.1.2) and the EN marker (the class ih-en). */
  function phraseNode(message, values) {
    var shown = phrase(message, values);
    if (!shown.en) return document.createTextNode(shown.text);
    var span = document.createElement("span");
    span.lang = "en";
    span.className = "ih-en";
    span.textContent = shown.text;
    return span;
  }

  /* Write `message` into `node`, in place of what it held. */
  function say(node, message, values) {
    node.textContent = "";
    node.appendChild(phraseNode(message, values));
    return node;
  }

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
      warning.appendChild(document.createTextNode(" "));
      warning.appendChild(phraseNode(
        "Due for review (days since the last check: %(days)s); some facts may be out of date.",
        { days: days }
      ));
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
  window.inclusionHandbook = {
    onReady: onReady, number: number, phrase: phrase, plain: plain, phraseNode: phraseNode,
    say: say
  };

  onReady(function () { sortable(document); reviewNotes(document); });
})();
