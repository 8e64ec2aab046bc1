/* Inclusion Handbook: the practice finder and the side-by-side view (pages in compare/).
   Their data comes from generated scripts (window.IH_FINDER, window.IH_DETAILS), never from
   a fetch, so both pages work from file://. Record text is only ever written as text.
   Data fields are read by name, through a variable named after their kind (data, facet,
   value, criterion, practice, details, step, figure, factor): DATA_SHAPE in
   generator/outputs/comparison.py spells them, and tests/outputs/test_compare_script.py
   checks this file against it.
   On a site in another language the data is in that language, and each object with texts
   names in its field `en` those of its texts left in English: the element such a text is
   written into gets lang="en" and the class ih-en (the discreet EN marker of handbook.css).
   The pages' own strings come from handbook.js (say, phraseNode), in the site's language,
   marked the same way where they are still in English. */
(function () {
  "use strict";

  /* The page's own strings, in the site's language (handbook.js; see say there). */
  var handbook = window.inclusionHandbook;
  var say = handbook.say;
  var phraseNode = handbook.phraseNode;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  /* Whether the data is of a site in another language than English: only then do its
     objects have the field `en` (and its practices name it in practice_fields), which is
     read only then. */
  var translated = false;

  /* Whether `names` (an object's `en`: its texts left in English) names `name`. */
  function inEnglish(names, name) {
    return Boolean(names) && names.indexOf(name) !== -1;
  }

  /* Mark `node` as holding a text in English (WCAG 3.1.2), when `english`. */
  function english(node, isEnglish) {
    if (isEnglish) {
      node.lang = "en";
      node.classList.add("ih-en");
    }
    return node;
  }

  /* A text as it is, or, when it is in English, in a span that says so. */
  function marked(text, isEnglish) {
    return isEnglish ? english(el("span", null, text), true) : text;
  }

  /* Texts and nodes side by side: one text when all are texts, else the list of them. */
  function joined(parts) {
    var texts = parts.every(function (part) { return typeof part === "string"; });
    return texts ? parts.join("") : parts;
  }

  /* Append `content` (a text, a node, or a list of texts and nodes) to `node`. */
  function appendTo(node, content) {
    if (typeof content === "string") node.appendChild(document.createTextNode(content));
    else if (Array.isArray(content)) content.forEach(function (part) { appendTo(node, part); });
    else node.appendChild(content);
    return node;
  }

  /* Lower case without accents, so that "Malmo" finds "Malmö" and "job" finds "Job". */
  function normal(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function link(template, id, anchor) {
    return template.replace("{id}", encodeURIComponent(id)) + (anchor ? "#" + anchor : "");
  }

  /* The page address carries the view, so that it can be bookmarked or shared. */
  function saveState(params) {
    var query = params.toString();
    var url = location.pathname + (query ? "?" + query : "") + location.hash;
    try {
      history.replaceState(null, "", url);
    } catch (error) {
      /* A browser that refuses to change a file:// address keeps the old one. */
    }
  }

  function facetIndex(data, key) {
    for (var f = 0; f < data.facets.length; f++) {
      var facet = data.facets[f];
      if (facet.key === key) return f;
    }
    return -1;
  }

  /* The labels of a practice's values in the facet `key`. */
  function labelsOf(data, practice, key) {
    var f = facetIndex(data, key);
    var facet = data.facets[f];
    return practice.facets[f].map(function (at) {
      var value = facet.values[at];
      return value.label;
    });
  }

  /* The labels of a practice's values in the facet `key`, each marked if in English. */
  function markedLabelsOf(data, practice, key) {
    var f = facetIndex(data, key);
    var facet = data.facets[f];
    return practice.facets[f].map(function (at) {
      var value = facet.values[at];
      return marked(value.label, translated && inEnglish(value.en, "label"));
    });
  }

  /* The labels of every facet's values that are in English, as an object label -> true. */
  function englishLabels(data) {
    var found = {};
    data.facets.forEach(function (facet) {
      facet.values.forEach(function (value) {
        if (translated && inEnglish(value.en, "label")) found[value.label] = true;
      });
    });
    return found;
  }

  /* The finder's practices as objects. Each comes as an array in the order the data names
     (practice_fields), and a one-value facet (country, scope, a rating) as a lone number:
     make them an object and a list, once per data. */
  var unpacked = { data: null, practices: null };

  function practicesOf(data) {
    if (unpacked.data === data) return unpacked.practices;
    var fields = data.practice_fields;
    var single = data.facets.map(function (facet) { return facet.single; });
    var practices = data.practices.map(function (row) {
      var practice = {};
      fields.forEach(function (name, i) { practice[name] = row[i]; });
      practice.facets = practice.facets.map(function (at, f) { return single[f] ? [at] : at; });
      return practice;
    });
    unpacked = { data: data, practices: practices };
    return practices;
  }

  /* ---- Practice finder ---------------------------------------------------------------- */

  /* Results are listed a page at a time: laying out a thousand items at once would make a
     filter change slow, and a keyboard user would Tab through all of them. */
  var PAGE = 50;

  function finder(form, data) {
    var facets = data.facets;
    var search = document.getElementById("ih-finder-q");
    var status = document.getElementById("ih-finder-status");
    var list = document.getElementById("ih-finder-results");
    var criteria = document.getElementById("ih-finder-criteria");
    var compare = document.getElementById("ih-finder-compare");
    var hint = document.getElementById("ih-finder-compare-hint");
    var compareLink = document.getElementById("ih-finder-compare-link");
    var compareBase = compareLink.getAttribute("href").split("?")[0];
    var more = document.getElementById("ih-finder-more");
    var moreButton = more.querySelector("button");
    var picked = [];
    var matching = [];
    var listed = PAGE;

    var controls = facets.map(function (facet) {
      return facet.values.map(function (value) {
        var input = document.getElementById("ih-f-" + facet.key + "-" + value.id);
        return { input: input, count: input.parentNode.querySelector(".ih-count"), shown: -1 };
      });
    });

    /* One result per practice: its list item, its Compare box, the words it is found by. */
    var results = practicesOf(data).map(function (practice) {
      var item = resultItem(data, practice);
      return {
        id: practice.id,
        values: practice.facets,
        text: normal(searchedWords(data, practice).join(" ")),
        item: item,
        box: item.querySelector("input")
      };
    });

    var fragment = document.createDocumentFragment();
    results.forEach(function (p) { fragment.appendChild(p.item); });
    list.appendChild(fragment);

    function state() {
      var params = new URLSearchParams();
      if (search.value.trim()) params.append("q", search.value.trim());
      controls.forEach(function (values, f) {
        var facet = facets[f];
        values.forEach(function (c) { if (c.input.checked) params.append(facet.key, c.input.value); });
      });
      picked.forEach(function (id) { params.append("p", id); });
      return params;
    }

    function restore() {
      var params = new URLSearchParams(location.search);
      search.value = params.get("q") || "";
      controls.forEach(function (values, f) {
        var facet = facets[f];
        var wanted = params.getAll(facet.key);
        values.forEach(function (c) {
          c.input.checked = wanted.indexOf(c.input.value) !== -1;
          if (c.input.checked && facet.criterion) criteria.open = true;
        });
      });
      var known = {};
      results.forEach(function (p) { known[p.id] = p; });
      picked = params.getAll("p").filter(function (id, i, all) {
        return known[id] && all.indexOf(id) === i;
      });
      results.forEach(function (p) { p.box.checked = picked.indexOf(p.id) !== -1; });
    }

    /* Within a facet any ticked value matches; across facets all must match. A value's count
       is how many practices would match with it ticked too: the practices that pass every
       other facet (and the words) and have that value. */
    function update() {
      var words = normal(search.value).split(/\s+/).filter(Boolean);
      var on = controls.map(function (values) {
        return values.map(function (c) { return c.input.checked; });
      });
      var active = on.map(function (flags) { return flags.indexOf(true) !== -1; });
      var counts = controls.map(function (values) { return values.map(function () { return 0; }); });
      matching = [];
      results.forEach(function (p) {
        var misses = 0;
        var missed = -1;
        for (var w = 0; w < words.length; w++) {
          if (p.text.indexOf(words[w]) === -1) { misses = 2; break; }
        }
        for (var f = 0; f < on.length && misses < 2; f++) {
          if (!active[f]) continue;
          var hit = false;
          for (var v = 0; v < p.values[f].length; v++) if (on[f][p.values[f][v]]) hit = true;
          if (!hit) { misses++; missed = f; }
        }
        if (misses === 0) {
          matching.push(p);
          p.values.forEach(function (values, g) { values.forEach(function (i) { counts[g][i]++; }); });
        } else if (misses === 1) {
          p.values[missed].forEach(function (i) { counts[missed][i]++; });
        }
        p.matches = misses === 0;
      });
      listed = PAGE;
      showListed();
      controls.forEach(function (values, f) {
        values.forEach(function (c, v) {
          if (c.shown !== counts[f][v]) {
            c.shown = counts[f][v];
            c.count.textContent = "(" + handbook.number(c.shown) + ")";
          }
        });
      });
      var total = results.length;
      var shown = matching.length;
      var filtered = words.length > 0 || active.indexOf(true) !== -1;
      if (filtered && shown === 0) say(status, "No practice matches these filters.");
      else say(status, "Practices shown: %(shown)s of %(total)s.", { shown: shown, total: total });
      saveState(state());
    }

    /* Show the first `listed` matching practices, hide every other one. */
    function showListed() {
      var rank = 0;
      results.forEach(function (p) {
        var hide = !p.matches || rank++ >= listed;
        if (p.item.hidden !== hide) p.item.hidden = hide;
      });
      var rest = matching.length - Math.min(listed, matching.length);
      more.hidden = rest === 0;
      say(moreButton, "Show %(more)s more (listed: %(listed)s of %(total)s)", {
        more: Math.min(rest, PAGE),
        listed: Math.min(listed, matching.length),
        total: matching.length
      });
    }

    function updateCompare() {
      var n = picked.length;
      if (n >= 2 && n <= 4) {
        compareLink.href = compareBase + "?" + picked.map(function (id) {
          return "p=" + encodeURIComponent(id);
        }).join("&");
        say(compareLink, "Compare the ticked practices side by side");
        compareLink.hidden = false;
        hint.textContent = "";
      } else {
        compareLink.hidden = true;
        if (n > 4) {
          say(hint, "Tick at most four practices to compare (ticked: %(count)s).", { count: n });
        } else if (n === 1) {
          say(hint, "Tick %(compare)s on two to four practices to see them side by side " +
            "(one is ticked).", { compare: handbook.plain("Compare") });
        } else {
          say(hint, "Tick %(compare)s on two to four practices to see them side by side.",
            { compare: handbook.plain("Compare") });
        }
      }
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("input", function (event) { if (event.target === search) update(); });
    form.addEventListener("change", function (event) {
      if (event.target.type === "checkbox") update();
    });
    list.addEventListener("change", function (event) {
      var box = event.target;
      if (box.type !== "checkbox") return;
      picked = picked.filter(function (id) { return id !== box.value; });
      if (box.checked) picked.push(box.value);
      updateCompare();
      saveState(state());
    });
    moreButton.addEventListener("click", function () {
      var next = matching[listed];
      listed += PAGE;
      showListed();
      if (next) next.item.querySelector("a").focus();
    });
    document.getElementById("ih-finder-clear").addEventListener("click", function () {
      search.value = "";
      controls.forEach(function (values) { values.forEach(function (c) { c.input.checked = false; }); });
      update();
    });

    restore();
    form.hidden = false;
    compare.hidden = false;
    update();
    updateCompare();
  }

  /* What the finder's words are looked for in: titles, organisations, summary, and the labels
     of every value but the ratings. */
  function searchedWords(data, practice) {
    var words = [practice.title, practice.title_en, practice.organisations, practice.summary];
    data.facets.forEach(function (facet) {
      if (!facet.criterion) words = words.concat(labelsOf(data, practice, facet.key));
    });
    return words;
  }

  /* A practice in the finder's list, hidden until the first update lists it. */
  function resultItem(data, practice) {
    var item = el("li", "ih-result");
    item.hidden = true;
    var heading = el("p", "ih-result__title");
    var anchor = el("a", null, practice.title);
    anchor.href = link(data.practice_url, practice.id);
    heading.appendChild(anchor);
    if (practice.title_en) {
      var titleEn = translated && inEnglish(practice.en, "title_en");
      heading.appendChild(el("span", "ih-result__en", " (" + practice.title_en + ")"));
      if (titleEn) english(heading.lastChild, true);
    }
    item.appendChild(heading);
    var phases = [];
    markedLabelsOf(data, practice, "phase").forEach(function (label, i) {
      if (i) phases.push(", ");
      phases.push(label);
    });
    var facts = [];
    markedLabelsOf(data, practice, "country")
      .concat(markedLabelsOf(data, practice, "scope"), [practice.period, joined(phases)])
      .forEach(function (fact, i) {
        if (i) facts.push(" \u00b7 ");
        facts.push(fact);
      });
    item.appendChild(appendTo(el("p", "ih-result__meta"), joined(facts)));
    if (practice.summary) {
      var summary = el("p", "ih-result__summary", practice.summary);
      item.appendChild(english(summary, translated && inEnglish(practice.en, "summary")));
    }
    var pick = el("label", "ih-result__pick");
    var box = el("input");
    box.type = "checkbox";
    box.value = practice.id;
    pick.appendChild(box);
    pick.appendChild(document.createTextNode(" "));
    pick.appendChild(phraseNode("Compare"));
    pick.appendChild(el("span", "ih-visually-hidden", " " + practice.title));
    item.appendChild(pick);
    return item;
  }

  /* ---- Side by side ------------------------------------------------------------------- */

  /* The side-by-side view. Its state: the page's controls, the finder's practices by id, and
     which practices' details scripts were asked for or failed to load. */
  function sideBySide(form, data) {
    var view = {
      data: data,
      selects: Array.prototype.slice.call(form.querySelectorAll("select")),
      differs: document.getElementById("ih-side-differs"),
      status: document.getElementById("ih-side-status"),
      permalink: document.getElementById("ih-side-link"),
      holder: document.getElementById("ih-side-table"),
      english: englishLabels(data),
      practices: {},
      requested: {},
      failed: {}
    };
    practicesOf(data).forEach(function (practice) { view.practices[practice.id] = practice; });
    var options = choiceOptions(data);
    view.selects.forEach(function (select) { select.appendChild(options.cloneNode(true)); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("change", function () { showComparison(view); });
    restoreChoices(view);
    form.hidden = false;
    showComparison(view);
  }

  /* One option per practice, in the finder's order (by title), with its country. */
  function choiceOptions(data) {
    var options = document.createDocumentFragment();
    practicesOf(data).forEach(function (practice) {
      var country = labelsOf(data, practice, "country")[0];
      var option = el("option", null, practice.title + " (" + country + ")");
      option.value = practice.id;
      options.appendChild(option);
    });
    return options;
  }

  function practiceOf(view, id) {
    return view.practices[id];
  }

  function titleOf(view, id) {
    var practice = practiceOf(view, id);
    return practice.title;
  }

  /* The chosen practices, each once, in the order of the selects. */
  function chosenIds(view) {
    var ids = [];
    view.selects.forEach(function (select) {
      if (select.value && ids.indexOf(select.value) === -1) ids.push(select.value);
    });
    return ids;
  }

  function detailsOf(id) {
    return (window.IH_DETAILS || {})[id];
  }

  /* The fields only this view shows come from one small script per practice. */
  function loadDetails(view, id) {
    if (detailsOf(id) || view.requested[id]) return;
    view.requested[id] = true;
    var script = document.createElement("script");
    script.src = link(view.data.details_url, id);
    script.onload = function () { showComparison(view); };
    script.onerror = function () {
      view.failed[id] = true;
      showComparison(view);
    };
    document.head.appendChild(script);
  }

  function restoreChoices(view) {
    var params = new URLSearchParams(location.search);
    var ids = params.getAll("p").filter(function (id, i, all) {
      return practiceOf(view, id) && all.indexOf(id) === i;
    }).slice(0, view.selects.length);
    view.selects.forEach(function (select, i) { select.value = ids[i] || ""; });
    view.differs.checked = params.get("differs") === "1";
  }

  function comparisonQuery(view) {
    var query = new URLSearchParams();
    chosenIds(view).forEach(function (id) { query.append("p", id); });
    if (view.differs.checked) query.append("differs", "1");
    return query;
  }

  /* A list of texts (each a text, or a list of texts and nodes: see joined); a text not in
     `shared` in bold; a text that `english` names marked as English. */
  function textList(items, tag, shared, english) {
    var listNode = el(tag);
    items.forEach(function (text) {
      var item = el("li");
      var shown = typeof text === "string" && english ? marked(text, english[text]) : text;
      if (shared && !shared[text]) item.appendChild(appendTo(el("strong"), shown));
      else if (typeof shown === "string") item.textContent = shown;
      else appendTo(item, shown);
      listNode.appendChild(item);
    });
    return listNode;
  }

  /* Values every chosen practice has, for lists whose other values are shown in bold. */
  function sharedBy(lists) {
    var shared = {};
    (lists[0] || []).forEach(function (text) {
      if (lists.every(function (values) { return values.indexOf(text) !== -1; })) shared[text] = true;
    });
    return shared;
  }

  /* A cell: text, a node, or a note that its content is loading or not stated. */
  function cellFor(content, ready) {
    var cell = el("td");
    if (!ready) cell.appendChild(say(el("span", "ih-side__empty"), "Loading\u2026"));
    else if (content === null || content === undefined || content.length === 0) {
      cell.appendChild(say(el("span", "ih-side__empty"), "Not stated"));
    } else if (typeof content === "string") {
      cell.textContent = content;
    } else {
      appendTo(cell, content);
    }
    return cell;
  }

  /* A row and its heading cell: `label` a text, or a node (a string of the page's own). */
  function headedRow(label) {
    var tr = el("tr");
    var th = typeof label === "string" ? el("th", null, label) : appendTo(el("th"), label);
    th.scope = "row";
    tr.appendChild(th);
    return { tr: tr, th: th };
  }

  /* Mark a compared row as the same for every practice, or as differing. */
  function markRow(row, same) {
    row.tr.className = same ? "ih-side__row--same" : "ih-side__row--differs";
    if (!same) row.th.appendChild(say(el("span", "ih-side__differs"), "Differs"));
  }

  /* kind: "value" and "list" rows are compared and marked; "text" rows are read, not marked.
     `english` (label -> true) names the texts of "value" and "list" rows left in English. */
  function addRow(body, label, kind, values, ready, english) {
    var empty = values.every(function (v) { return v === null || v.length === 0; });
    if (kind === "text" && empty && ready.every(Boolean)) return;
    var row = headedRow(label);
    if (kind !== "text" && ready.every(Boolean)) {
      var keys = values.map(function (v) { return JSON.stringify(v); });
      markRow(row, keys.every(function (k) { return k === keys[0]; }));
    }
    var shared = kind === "list" ? sharedBy(values) : null;
    values.forEach(function (content, i) {
      var shown = kind === "list" && content.length
        ? textList(content, "ul", shared, english)
        : kind === "value" && english && typeof content === "string"
          ? marked(content, english[content])
          : content;
      row.tr.appendChild(cellFor(shown, ready[i]));
    });
    body.appendChild(row.tr);
  }

  function organisationsOf(details) {
    return textList(details.organisations, "ul");
  }

  /* The texts of a list field of the details (objectives, activities), each marked if in
     English. */
  function markedList(details, name, texts) {
    return texts.map(function (text, i) {
      return joined([marked(text, translated && inEnglish(details.en, name + "." + i))]);
    });
  }

  function goalOf(details) {
    if (details.goal) return joined([marked(details.goal, translated && inEnglish(details.en, "goal"))]);
    return details.objectives.length
      ? textList(markedList(details, "objectives", details.objectives), "ul")
      : null;
  }

  function stepsOf(details) {
    if (details.steps.length) {
      return textList(details.steps.map(function (step) {
        return joined([
          marked(step.title, translated && inEnglish(step.en, "title")),
          ". ",
          marked(step.text, translated && inEnglish(step.en, "text"))
        ]);
      }), "ol");
    }
    return details.activities.length
      ? textList(markedList(details, "activities", details.activities), "ul")
      : null;
  }

  function successFactorsOf(details) {
    if (!details.success_factors.length) return null;
    return textList(details.success_factors.map(function (factor) {
      var title = factor.title
        ? [marked(factor.title, translated && inEnglish(factor.en, "title")), ": "]
        : [];
      return joined(title.concat([marked(factor.text, translated && inEnglish(factor.en, "text"))]));
    }), "ul");
  }

  function fundingOf(details) {
    if (!details.funding) return details.funding;
    return joined([marked(details.funding, translated && inEnglish(details.en, "funding"))]);
  }

  function figureText(figure) {
    return joined([
      marked(figure.text, translated && inEnglish(figure.en, "text")),
      ": ",
      marked(figure.what, translated && inEnglish(figure.en, "what")),
      figure.year !== null ? " (" + figure.year + ")" : ""
    ]);
  }

  function unitOf(figure) {
    return figure.unit.trim().toLowerCase();
  }

  /* The units that two or more of the practices count key figures in, most shared first,
     each with its spelling where it was first seen. */
  function sharedUnits(ids) {
    var units = [];
    var seen = {};
    ids.forEach(function (id) {
      var details = detailsOf(id);
      if (!details) return;
      var mine = {};
      details.figures.forEach(function (figure) {
        var unit = unitOf(figure);
        if (mine[unit]) return;
        mine[unit] = true;
        if (!seen[unit]) {
          seen[unit] = { unit: unit, heading: figure.unit, count: 0, order: units.length };
          units.push(seen[unit]);
        }
        seen[unit].count++;
      });
    });
    var common = units.filter(function (u) { return u.count > 1; });
    common.sort(function (a, b) { return b.count - a.count || a.order - b.order; });
    return common;
  }

  /* A practice's key figures that pass `keep`, as a list; null when it has none. */
  function figureList(id, keep) {
    var details = detailsOf(id);
    var mine = details ? details.figures.filter(keep) : [];
    return mine.length ? textList(mine.map(figureText), "ul") : null;
  }

  /* Key figures counted in the same unit (by two or more practices) share a row. */
  function figureRows(body, ids, ready) {
    var common = sharedUnits(ids);
    var units = common.map(function (shared) { return shared.unit; });
    common.forEach(function (shared) {
      var heading = phraseNode("Key figures in %(unit)s", { unit: shared.heading });
      addRow(body, heading, "text", ids.map(function (id) {
        return figureList(id, function (figure) { return unitOf(figure) === shared.unit; });
      }), ready);
    });
    var other = ids.map(function (id) {
      return figureList(id, function (figure) { return units.indexOf(unitOf(figure)) === -1; });
    });
    if (other.some(Boolean) || !ready.every(Boolean)) {
      var label = common.length ? phraseNode("Other key figures") : phraseNode("Key figures");
      addRow(body, label, "text", other, ready);
    }
  }

  /* A practice's rating of a criterion, linked to its page, with the evidence once loaded. */
  function criterionCell(view, id, criterion) {
    var f = facetIndex(view.data, criterion.id);
    var facet = view.data.facets[f];
    var practice = practiceOf(view, id);
    var value = facet.values[practice.facets[f][0]];
    var wrap = el("div");
    var anchor = el("a");
    anchor.href = link(view.data.practice_url, id, "criterion-" + criterion.id);
    var rating = el("span", "ih-rating ih-rating--" + value.id, value.label);
    anchor.appendChild(english(rating, translated && inEnglish(value.en, "label")));
    wrap.appendChild(anchor);
    var details = detailsOf(id);
    var evidence = details && details.evidence[criterion.id];
    if (evidence) {
      var said = el("p", "ih-side__evidence", evidence);
      wrap.appendChild(english(said, translated && inEnglish(details.en, "evidence." + criterion.id)));
    }
    return { node: wrap, rating: value.id };
  }

  function criterionRow(body, view, ids, criterion) {
    var cells = ids.map(function (id) { return criterionCell(view, id, criterion); });
    var row = headedRow(criterion.name);
    english(row.th, translated && inEnglish(criterion.en, "name"));
    markRow(row, cells.every(function (c) { return c.rating === cells[0].rating; }));
    cells.forEach(function (c) { row.tr.appendChild(cellFor(c.node, true)); });
    body.appendChild(row.tr);
  }

  function comparisonHead(view, ids) {
    var head = el("thead");
    var top = el("tr");
    var corner = say(el("th"), "Field");
    corner.scope = "col";
    top.appendChild(corner);
    ids.forEach(function (id) {
      var practice = practiceOf(view, id);
      var th = el("th");
      th.scope = "col";
      var anchor = el("a", null, practice.title);
      anchor.href = link(view.data.practice_url, id);
      th.appendChild(anchor);
      if (practice.title_en) {
        var titleEn = el("span", "ih-side__en", practice.title_en);
        th.appendChild(english(titleEn, translated && inEnglish(practice.en, "title_en")));
      }
      top.appendChild(th);
    });
    head.appendChild(top);
    return head;
  }

  /* The rows, in the order the page's introduction names them. */
  function comparisonBody(view, ids) {
    var body = el("tbody");
    var all = ids.map(function () { return true; });
    var ready = ids.map(function (id) { return Boolean(detailsOf(id)) || Boolean(view.failed[id]); });
    var labels = function (key) {
      return ids.map(function (id) { return labelsOf(view.data, practiceOf(view, id), key); });
    };
    var detail = function (read) {
      return ids.map(function (id) {
        var details = detailsOf(id);
        return details ? read(details) : null;
      });
    };
    var periods = ids.map(function (id) {
      var practice = practiceOf(view, id);
      return practice.period;
    });
    var inEn = view.english;
    addRow(body, phraseNode("Country"), "value", labels("country").map(String), all, inEn);
    addRow(body, phraseNode("Scope"), "value", labels("scope").map(String), all, inEn);
    addRow(body, phraseNode("Period"), "value", periods, all);
    addRow(body, phraseNode("Placement phase"), "list", labels("phase"), all, inEn);
    addRow(body, phraseNode("Target groups"), "list", labels("group"), all, inEn);
    addRow(body, phraseNode("Themes"), "list", labels("theme"), all, inEn);
    addRow(body, phraseNode("Organisations"), "text", detail(organisationsOf), ready);
    addRow(body, phraseNode("Goal"), "text", detail(goalOf), ready);
    addRow(body, phraseNode("Steps or activities"), "text", detail(stepsOf), ready);
    figureRows(body, ids, ready);
    addRow(body, phraseNode("Success factors"), "text", detail(successFactorsOf), ready);
    view.data.criteria.forEach(function (criterion) { criterionRow(body, view, ids, criterion); });
    addRow(body, phraseNode("Funding"), "text", detail(fundingOf), ready);
    return body;
  }

  /* The status line: the practices compared, and those whose details failed to load. */
  function comparisonStatus(view, ids) {
    var titles = ids.map(function (id) { return titleOf(view, id); });
    var parts = [phraseNode("Practices compared: %(titles)s.", { titles: titles.join(", ") })];
    var missing = ids.filter(function (id) { return view.failed[id]; });
    if (missing.length) {
      parts.push(" ", phraseNode("Details that could not be loaded: %(titles)s.", {
        titles: missing.map(function (id) { return titleOf(view, id); }).join(", ")
      }));
    }
    return parts;
  }

  /* Show the chosen practices (asking for their details), and keep the address in step. */
  function showComparison(view) {
    var ids = chosenIds(view);
    var query = comparisonQuery(view);
    saveState(query);
    view.permalink.querySelector("a").href = "?" + query.toString();
    view.holder.textContent = "";
    view.holder.classList.toggle("ih-side--differs-only", view.differs.checked);
    if (ids.length < 2) {
      view.permalink.hidden = true;
      if (ids.length) say(view.status, "Choose at least one more practice; one is chosen.");
      else say(view.status, "Choose two to four practices to compare.");
      return;
    }
    ids.forEach(function (id) { loadDetails(view, id); });
    view.permalink.hidden = false;
    view.status.textContent = "";
    appendTo(view.status, comparisonStatus(view, ids));
    var titles = ids.map(function (id) { return titleOf(view, id); });
    var table = el("table", "ih-side__table");
    table.appendChild(say(el("caption", "ih-visually-hidden"), "Comparison of %(titles)s",
      { titles: titles.join(", ") }));
    table.appendChild(comparisonHead(view, ids));
    table.appendChild(comparisonBody(view, ids));
    view.holder.appendChild(table);
  }

  function ready() {
    var data = window.IH_FINDER;
    if (!data) return;
    translated = (data.practice_fields || []).indexOf("en") !== -1;
    var finderForm = document.getElementById("ih-finder");
    if (finderForm && !finderForm.dataset.ihReady) {
      finderForm.dataset.ihReady = "1";
      finder(finderForm, data);
    }
    var sideForm = document.getElementById("ih-side-form");
    if (sideForm && !sideForm.dataset.ihReady) {
      sideForm.dataset.ihReady = "1";
      sideBySide(sideForm, data);
    }
  }

  ready(); /* at once: the results are listed before the first paint where the browser allows */
  handbook.onReady(ready);
})();
