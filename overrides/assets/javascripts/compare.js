/* Inclusion Handbook: the practice finder and the side-by-side view (pages in compare/).
   Their data comes from generated scripts (window.IH_FINDER, window.IH_DETAILS), never from
   a fetch, so both pages work from file://. Record text is only ever written as text. */
(function () {
  "use strict";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  /* Lower case without accents, so that "Malmo" finds "Malmö" and "job" finds "Job". */
  function normal(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
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
    for (var f = 0; f < data.facets.length; f++) if (data.facets[f].key === key) return f;
    return -1;
  }

  function valueLabels(data, row, key) {
    var f = facetIndex(data, key);
    return row[6][f].map(function (v) { return data.facets[f].values[v][1]; });
  }

  /* A one-value facet (country, scope, a rating) is stored as a lone number: make it a list. */
  function unpack(data) {
    if (data.unpacked) return;
    data.unpacked = true;
    data.practices.forEach(function (row) {
      row[6] = row[6].map(function (v) { return typeof v === "number" ? [v] : v; });
    });
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
        var input = document.getElementById("ih-f-" + facet.key + "-" + value[0]);
        return { input: input, count: input.parentNode.querySelector(".ih-count"), shown: -1 };
      });
    });

    var practices = data.practices.map(function (row) {
      var words = [row[1], row[2], row[5], row[4]];
      facets.forEach(function (facet, f) {
        if (!facet.criterion) row[6][f].forEach(function (v) { words.push(facet.values[v][1]); });
      });
      return { id: row[0], row: row, values: row[6], text: normal(words.join(" ")) };
    });

    var fragment = document.createDocumentFragment();
    practices.forEach(function (p) {
      var row = p.row;
      var item = el("li", "ih-result");
      item.hidden = true; /* until the first update lists it */
      var heading = el("p", "ih-result__title");
      var anchor = el("a", null, row[1]);
      anchor.href = link(data.practice_url, p.id);
      heading.appendChild(anchor);
      if (row[2]) heading.appendChild(el("span", "ih-result__en", " (" + row[2] + ")"));
      item.appendChild(heading);
      var facts = valueLabels(data, row, "country")
        .concat(valueLabels(data, row, "scope"), [row[3]])
        .concat([valueLabels(data, row, "phase").join(", ")]);
      item.appendChild(el("p", "ih-result__meta", facts.join(" \u00b7 ")));
      if (row[4]) item.appendChild(el("p", "ih-result__summary", row[4]));
      var pick = el("label", "ih-result__pick");
      var box = el("input");
      box.type = "checkbox";
      box.value = p.id;
      pick.appendChild(box);
      pick.appendChild(document.createTextNode(" Compare"));
      pick.appendChild(el("span", "ih-visually-hidden", " " + row[1]));
      item.appendChild(pick);
      p.item = item;
      p.box = box;
      fragment.appendChild(item);
    });
    list.appendChild(fragment);

    function state() {
      var params = new URLSearchParams();
      if (search.value.trim()) params.append("q", search.value.trim());
      controls.forEach(function (values, f) {
        values.forEach(function (c) { if (c.input.checked) params.append(facets[f].key, c.input.value); });
      });
      picked.forEach(function (id) { params.append("p", id); });
      return params;
    }

    function restore() {
      var params = new URLSearchParams(location.search);
      search.value = params.get("q") || "";
      controls.forEach(function (values, f) {
        var wanted = params.getAll(facets[f].key);
        values.forEach(function (c) {
          c.input.checked = wanted.indexOf(c.input.value) !== -1;
          if (c.input.checked && facets[f].criterion) criteria.open = true;
        });
      });
      var known = {};
      practices.forEach(function (p) { known[p.id] = p; });
      picked = params.getAll("p").filter(function (id, i, all) {
        return known[id] && all.indexOf(id) === i;
      });
      practices.forEach(function (p) { p.box.checked = picked.indexOf(p.id) !== -1; });
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
      practices.forEach(function (p) {
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
            c.count.textContent = "(" + c.shown + ")";
          }
        });
      });
      var total = practices.length;
      var shown = matching.length;
      var filtered = words.length > 0 || active.indexOf(true) !== -1;
      status.textContent = !filtered
        ? "All " + plural(total, "practice", "practices") + " shown."
        : shown === 0
          ? "No practice matches these filters."
          : shown + " of " + plural(total, "practice", "practices") +
            (shown === 1 ? " matches." : " match.");
      saveState(state());
    }

    /* Show the first `listed` matching practices, hide every other one. */
    function showListed() {
      var rank = 0;
      practices.forEach(function (p) {
        var hide = !p.matches || rank++ >= listed;
        if (p.item.hidden !== hide) p.item.hidden = hide;
      });
      var rest = matching.length - Math.min(listed, matching.length);
      more.hidden = rest === 0;
      moreButton.textContent = "Show " + Math.min(rest, PAGE) + " more (" +
        Math.min(listed, matching.length) + " of " + matching.length + " listed)";
    }

    function updateCompare() {
      var n = picked.length;
      if (n >= 2 && n <= 4) {
        compareLink.href = compareBase + "?" + picked.map(function (id) {
          return "p=" + encodeURIComponent(id);
        }).join("&");
        compareLink.textContent = "Compare the " + n + " ticked practices side by side";
        compareLink.hidden = false;
        hint.textContent = "";
      } else {
        compareLink.hidden = true;
        hint.textContent = n > 4
          ? "Tick at most four practices to compare; " + n + " are ticked."
          : "Tick Compare on two to four practices to see them side by side" +
            (n === 1 ? " (one is ticked)." : ".");
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

  /* ---- Side by side ------------------------------------------------------------------- */

  function sideBySide(form, data) {
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var differs = document.getElementById("ih-side-differs");
    var status = document.getElementById("ih-side-status");
    var permalink = document.getElementById("ih-side-link");
    var holder = document.getElementById("ih-side-table");
    var rows = {};
    var failed = {};
    var requested = {};
    var country = facetIndex(data, "country");

    var options = document.createDocumentFragment();
    data.practices.forEach(function (row) {
      rows[row[0]] = row;
      var name = data.facets[country].values[row[6][country][0]][1];
      var option = el("option", null, row[1] + " (" + name + ")");
      option.value = row[0];
      options.appendChild(option);
    });
    selects.forEach(function (select) { select.appendChild(options.cloneNode(true)); });

    function chosen() {
      var ids = [];
      selects.forEach(function (select) {
        if (select.value && ids.indexOf(select.value) === -1) ids.push(select.value);
      });
      return ids;
    }

    function details(id) {
      return (window.IH_DETAILS || {})[id];
    }

    /* The fields only this view shows come from one small script per practice. */
    function load(id) {
      if (details(id) || requested[id]) return;
      requested[id] = true;
      var script = document.createElement("script");
      script.src = link(data.details_url, id);
      script.onload = render;
      script.onerror = function () { failed[id] = true; render(); };
      document.head.appendChild(script);
    }

    function restore() {
      var params = new URLSearchParams(location.search);
      var ids = params.getAll("p").filter(function (id, i, all) {
        return rows[id] && all.indexOf(id) === i;
      }).slice(0, selects.length);
      selects.forEach(function (select, i) { select.value = ids[i] || ""; });
      differs.checked = params.get("differs") === "1";
    }

    function params() {
      var query = new URLSearchParams();
      chosen().forEach(function (id) { query.append("p", id); });
      if (differs.checked) query.append("differs", "1");
      return query;
    }

    function textList(items, tag, shared) {
      var listNode = el(tag);
      items.forEach(function (text) {
        var item = el("li");
        if (shared && !shared[text]) item.appendChild(el("strong", null, text));
        else item.textContent = text;
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

    function cellFor(value, ready) {
      var cell = el("td");
      if (!ready) cell.appendChild(el("span", "ih-side__empty", "Loading\u2026"));
      else if (value === null || value === undefined || value.length === 0) {
        cell.appendChild(el("span", "ih-side__empty", "Not stated"));
      } else if (typeof value === "string") {
        cell.textContent = value;
      } else {
        cell.appendChild(value);
      }
      return cell;
    }

    /* kind: "value" and "list" rows are compared and marked; "text" rows are read, not marked. */
    function addRow(body, label, kind, values, ready) {
      var empty = values.every(function (v) { return v === null || v.length === 0; });
      if (kind === "text" && empty && ready.every(Boolean)) return;
      var tr = el("tr");
      var th = el("th", null, label);
      th.scope = "row";
      tr.appendChild(th);
      if (kind !== "text" && ready.every(Boolean)) {
        var keys = values.map(function (v) { return JSON.stringify(v); });
        var same = keys.every(function (k) { return k === keys[0]; });
        tr.className = same ? "ih-side__row--same" : "ih-side__row--differs";
        if (!same) th.appendChild(el("span", "ih-side__differs", "Differs"));
      }
      var shared = kind === "list" ? sharedBy(values) : null;
      values.forEach(function (value, i) {
        var shown = kind === "list" && value.length ? textList(value, "ul", shared) : value;
        tr.appendChild(cellFor(shown, ready[i]));
      });
      body.appendChild(tr);
    }

    function steps(d) {
      if (d.steps.length) {
        return textList(d.steps.map(function (s) { return s[0] + ". " + s[1]; }), "ol");
      }
      return d.activities.length ? textList(d.activities, "ul") : null;
    }

    function goal(d) {
      if (d.goal) return d.goal;
      return d.objectives.length ? textList(d.objectives, "ul") : null;
    }

    function figureText(f) {
      return f[1] + ": " + f[2] + (f[3] !== null ? " (" + f[3] + ")" : "");
    }

    /* Key figures counted in the same unit (by two or more practices) share a row. */
    function figureRows(body, ids, ready) {
      var units = [];
      var seen = {};
      ids.forEach(function (id) {
        var d = details(id);
        if (!d) return;
        var mine = {};
        d.figures.forEach(function (f) {
          var unit = f[0].trim().toLowerCase();
          if (mine[unit]) return;
          mine[unit] = true;
          if (!seen[unit]) { seen[unit] = { unit: f[0], practices: 0, order: units.length }; units.push(unit); }
          seen[unit].practices++;
        });
      });
      var common = units.filter(function (u) { return seen[u].practices > 1; });
      common.sort(function (a, b) {
        return seen[b].practices - seen[a].practices || seen[a].order - seen[b].order;
      });
      common.forEach(function (unit) {
        addRow(body, "Key figures in " + seen[unit].unit, "text", ids.map(function (id) {
          var d = details(id);
          var mine = d ? d.figures.filter(function (f) { return f[0].trim().toLowerCase() === unit; }) : [];
          return mine.length ? textList(mine.map(figureText), "ul") : null;
        }), ready);
      });
      var other = ids.map(function (id) {
        var d = details(id);
        var rest = d ? d.figures.filter(function (f) {
          return common.indexOf(f[0].trim().toLowerCase()) === -1;
        }) : [];
        return rest.length ? textList(rest.map(figureText), "ul") : null;
      });
      if (other.some(Boolean) || !ready.every(Boolean)) {
        addRow(body, common.length ? "Other key figures" : "Key figures", "text", other, ready);
      }
    }

    function criterionCell(id, criterion, d) {
      var f = facetIndex(data, criterion[0]);
      var rating = data.facets[f].values[rows[id][6][f][0]];
      var wrap = el("div");
      var anchor = el("a");
      anchor.href = link(data.practice_url, id, "criterion-" + criterion[0]);
      anchor.appendChild(el("span", "ih-rating ih-rating--" + rating[0], rating[1]));
      wrap.appendChild(anchor);
      var evidence = d && d.evidence[criterion[0]];
      if (evidence) wrap.appendChild(el("p", "ih-side__evidence", evidence));
      return { node: wrap, key: rating[0] };
    }

    function render() {
      var ids = chosen();
      var query = params();
      saveState(query);
      permalink.querySelector("a").href = "?" + query.toString();
      holder.textContent = "";
      holder.classList.toggle("ih-side--differs-only", differs.checked);
      if (ids.length < 2) {
        permalink.hidden = true;
        status.textContent = ids.length
          ? "Choose at least one more practice; one is chosen."
          : "Choose two to four practices to compare.";
        return;
      }
      ids.forEach(load);
      permalink.hidden = false;
      var titles = ids.map(function (id) { return rows[id][1]; });
      status.textContent = "Comparing " + ids.length + " practices: " +
        titles.slice(0, -1).join(", ") + " and " + titles[titles.length - 1] + ".";
      var missing = ids.filter(function (id) { return failed[id]; });
      if (missing.length) {
        status.textContent += " The details of " + missing.map(function (id) {
          return rows[id][1];
        }).join(", ") + " could not be loaded.";
      }

      var table = el("table", "ih-side__table");
      table.appendChild(el("caption", "ih-visually-hidden", "Comparison of " + titles.join(", ")));
      var head = el("thead");
      var top = el("tr");
      var corner = el("th", null, "Field");
      corner.scope = "col";
      top.appendChild(corner);
      ids.forEach(function (id) {
        var th = el("th");
        th.scope = "col";
        var anchor = el("a", null, rows[id][1]);
        anchor.href = link(data.practice_url, id);
        th.appendChild(anchor);
        if (rows[id][2]) th.appendChild(el("span", "ih-side__en", rows[id][2]));
        top.appendChild(th);
      });
      head.appendChild(top);
      table.appendChild(head);

      var body = el("tbody");
      var all = ids.map(function () { return true; });
      var ready = ids.map(function (id) { return Boolean(details(id)) || Boolean(failed[id]); });
      var of = function (key) { return ids.map(function (id) { return valueLabels(data, rows[id], key); }); };
      var detail = function (read) {
        return ids.map(function (id) { var d = details(id); return d ? read(d) : null; });
      };
      addRow(body, "Country", "value", of("country").map(String), all);
      addRow(body, "Scope", "value", of("scope").map(String), all);
      addRow(body, "Period", "value", ids.map(function (id) { return rows[id][3]; }), all);
      addRow(body, "Placement phase", "list", of("phase"), all);
      addRow(body, "Target groups", "list", of("group"), all);
      addRow(body, "Themes", "list", of("theme"), all);
      addRow(body, "Organisations", "text", detail(function (d) {
        return textList(d.organisations, "ul");
      }), ready);
      addRow(body, "Goal", "text", detail(goal), ready);
      addRow(body, "Steps or activities", "text", detail(steps), ready);
      figureRows(body, ids, ready);
      addRow(body, "Success factors", "text", detail(function (d) {
        return d.success_factors.length ? textList(d.success_factors.map(function (f) {
          return (f[0] ? f[0] + ": " : "") + f[1];
        }), "ul") : null;
      }), ready);
      data.criteria.forEach(function (criterion) {
        var cells = ids.map(function (id) { return criterionCell(id, criterion, details(id)); });
        var tr = el("tr");
        var th = el("th", null, criterion[1]);
        th.scope = "row";
        tr.appendChild(th);
        var same = cells.every(function (c) { return c.key === cells[0].key; });
        tr.className = same ? "ih-side__row--same" : "ih-side__row--differs";
        if (!same) th.appendChild(el("span", "ih-side__differs", "Differs"));
        cells.forEach(function (c) { tr.appendChild(cellFor(c.node, true)); });
        body.appendChild(tr);
      });
      addRow(body, "Funding", "text", detail(function (d) { return d.funding; }), ready);
      table.appendChild(body);
      holder.appendChild(table);
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("change", render);
    restore();
    form.hidden = false;
    render();
  }

  function ready() {
    var data = window.IH_FINDER;
    if (!data) return;
    unpack(data);
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
  window.inclusionHandbook.onReady(ready);
})();
