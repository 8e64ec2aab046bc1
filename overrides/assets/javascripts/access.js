/* Inclusion Handbook: keyboard and screen-reader access on top of Material for MkDocs.
   - the menu and search buttons of a phone, labels in Material, get real buttons;
   - a table box that scrolls sideways becomes a focusable, named region with a visible cue.
   Works offline and from file://; page text is only ever read as text. */
(function () {
  "use strict";

  /* The interface strings in the site's language (handbook.js, loaded before this file). */
  var handbook = window.inclusionHandbook;

  /* A control's name: an attribute, so the element named takes lang="en" when it is. */
  function name(node, message) {
    var shown = handbook.phrase(message);
    node.setAttribute("aria-label", shown.text);
    if (shown.en) node.lang = "en";
  }

  /* ---- The drawer's menu button ------------------------------------------------------- */

  function drawer() {
    var toggle = document.getElementById("__drawer");
    var label = document.querySelector(".md-header label.md-header__button[for='__drawer']");
    var panel = document.querySelector(".md-sidebar--primary");
    if (!toggle || !label || !panel || label.dataset.ihReplaced) return;
    /* Material's label opens the drawer by mouse only: a button with the same icon
       takes its place, and says whether the drawer is open. */
    label.dataset.ihReplaced = "1";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-header__button md-icon ih-menu";
    name(button, "Menu");
    var icon = label.querySelector("svg");
    if (icon) button.appendChild(icon.cloneNode(true));
    label.parentNode.insertBefore(button, label);

    function sync() {
      button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
    }
    function set(open) {
      if (toggle.checked === open) return;
      toggle.checked = open;
      toggle.dispatchEvent(new Event("change", { bubbles: true }));
      sync();
    }
    sync();
    toggle.addEventListener("change", sync);
    button.addEventListener("click", function () {
      var opening = !toggle.checked;
      set(opening);
      if (opening) {
        var first = panel.querySelector("a[href]");
        if (first) first.focus();
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.checked) {
        set(false);
        button.focus();
      }
    });
    /* Leaving the open drawer by keyboard closes it, so focus never sits behind its overlay. */
    document.addEventListener("focusin", function (event) {
      if (toggle.checked && !panel.contains(event.target) && event.target !== button) set(false);
    });
  }

  /* ---- The search button below 60em ------------------------------------------------- */

  function searchButton() {
    var toggle = document.getElementById("__search");
    var label = document.querySelector(".md-header label.md-header__button[for='__search']");
    var input = document.querySelector(".md-search__input");
    if (!toggle || !label || !input || label.dataset.ihReplaced) return;
    label.dataset.ihReplaced = "1";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-header__button md-icon ih-search-open";
    if (label.getAttribute("title")) button.setAttribute("aria-label", label.getAttribute("title"));
    else name(button, "Search");
    var icon = label.querySelector("svg");
    if (icon) button.appendChild(icon.cloneNode(true));
    label.parentNode.insertBefore(button, label);
    button.addEventListener("click", function () {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change", { bubbles: true }));
      input.focus();
    });
    /* Closed with Escape or its back arrow, the dialog gives focus back to its button. */
    toggle.addEventListener("change", function () {
      if (toggle.checked) return;
      var active = document.activeElement;
      if (!active || active === document.body || active === input) {
        if (button.offsetParent !== null) button.focus();
      }
    });
  }

  /* ---- Tables that scroll sideways ---------------------------------------------------- */

  function nameOf(box) {
    var caption = box.querySelector("caption");
    if (caption && caption.textContent.trim()) return caption.textContent.trim();
    var node = box;
    while (node && node !== document.body) {
      var previous = node.previousElementSibling;
      while (previous) {
        if (/^H[1-6]$/.test(previous.tagName)) {
          return (previous.textContent || "").replace(/\u00b6/g, "").trim();
        }
        var inner = previous.querySelectorAll("h1, h2, h3, h4, h5, h6");
        if (inner.length) return inner[inner.length - 1].textContent.replace(/\u00b6/g, "").trim();
        previous = previous.previousElementSibling;
      }
      node = node.parentElement;
    }
    return document.title;
  }

  /* The hint stands before the table, where a reader starts. */
  function hintOf(box) {
    var before = box.previousElementSibling;
    return before && before.classList.contains("ih-scroll-hint") ? before : null;
  }
  function hintFor(box) {
    var hint = hintOf(box);
    if (hint) return hint;
    hint = document.createElement("p");
    hint.className = "ih-scroll-hint";
    handbook.say(hint, "The table is wider than the screen: scroll it sideways.");
    box.parentNode.insertBefore(hint, box);
    return hint;
  }

  function mark(box) {
    var scrolls = box.scrollWidth > box.clientWidth + 1;
    if (scrolls === box.classList.contains("ih-scrolls")) return;
    box.classList.toggle("ih-scrolls", scrolls);
    if (scrolls) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      /* An attribute: not marked when in English, as the handbook's other attributes. */
      box.setAttribute("aria-label", handbook.plain("Table: %(name)s (scrolls sideways)",
        { name: nameOf(box) }));
      hintFor(box).hidden = false;
    } else {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
      var hint = hintOf(box);
      if (hint) hint.hidden = true;
    }
  }

  /* Tab into a box that scrolls sideways brings the focused control wholly into view, clear
     of a first column that stays in place (the browser shows only part of it). */
  function revealFocus(event) {
    var target = event.target;
    var box = target.closest ? target.closest(".ih-scrolls") : null;
    if (!box || box === target) return;
    var first = box.querySelector("tr > :first-child");
    var sticky = first && window.getComputedStyle(first).position === "sticky";
    box.style.scrollPaddingLeft = sticky ? first.getBoundingClientRect().width + "px" : "";
    target.scrollIntoView({ block: "nearest", inline: "nearest" });
  }

  var pending = false;
  function scrollers() {
    pending = false;
    document.querySelectorAll(".md-typeset .md-typeset__scrollwrap, .md-typeset .ih-side")
      .forEach(mark);
  }
  function later() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(scrollers);
  }

  function start() {
    drawer();
    searchButton();
    scrollers();
    var content = document.querySelector(".md-content");
    if (content && window.MutationObserver && !content.dataset.ihWatched) {
      content.dataset.ihWatched = "1";
      new MutationObserver(function (records) {
        for (var i = 0; i < records.length; i++) {
          var target = records[i].target;
          if (!(target.closest && target.closest(".ih-scroll-hint"))) return later();
        }
      }).observe(content, { childList: true, subtree: true });
    }
  }

  window.addEventListener("resize", later);
  document.addEventListener("focusin", revealFocus);
  handbook.onReady(start);
})();
