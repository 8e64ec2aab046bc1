/* Inclusion Handbook: the search index is downloaded when a reader opens the search, not on
   every page view. It runs before the theme's script, which asks for the index as it starts:
   over http with an XMLHttpRequest for search/search_index.json, from file:// with a
   <script> for search/search_index.js added to the page's head. Both are held until the
   search is opened: the search field gets focus (a click, a tap, or the keys S, F and /), the
   search toggle is switched on, or the address asks for a search (?q=) or a highlight (?h=).
   Every other request and script goes through untouched. */
(function () {
  "use strict";

  var INDEX = /(^|\/)search\/search_index\.js(on)?([?#]|$)/;
  var opened = false;
  var waiting = [];

  function isIndex(url) {
    return INDEX.test(String(url));
  }

  function whenOpened(go) {
    if (opened) {
      go();
    } else {
      waiting.push(go);
    }
  }

  function open() {
    if (opened) {
      return;
    }
    opened = true;
    document.documentElement.setAttribute("data-ih-search-index", "requested");
    waiting.splice(0).forEach(function (go) {
      go();
    });
  }

  // Over http: the theme's request for the index waits.
  var held = new WeakSet();
  var openRequest = XMLHttpRequest.prototype.open;
  var sendRequest = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    if (isIndex(url)) {
      held.add(this);
    } else {
      held.delete(this);
    }
    return openRequest.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (!held.has(this)) {
      return sendRequest.apply(this, arguments);
    }
    var request = this;
    var args = arguments;
    whenOpened(function () {
      sendRequest.apply(request, args);
    });
  };

  // From file://: the theme's <script> for the index is added to the head once opened.
  var head = document.head;
  var append = head.appendChild;
  head.appendChild = function (node) {
    if (node && node.tagName === "SCRIPT" && isIndex(node.src)) {
      whenOpened(function () {
        append.call(head, node);
      });
      return node;
    }
    return append.apply(this, arguments);
  };

  // What opens the search.
  function isSearchField(target) {
    return target instanceof Element && target.matches("[data-md-component=search-query]");
  }
  document.addEventListener(
    "focusin",
    function (event) {
      if (isSearchField(event.target)) {
        open();
      }
    },
    true
  );
  document.addEventListener(
    "pointerdown",
    function (event) {
      var target = event.target;
      if (target instanceof Element && target.closest("[data-md-component=search], label[for=__search]")) {
        open();
      }
    },
    true
  );
  document.addEventListener(
    "change",
    function (event) {
      var target = event.target;
      if (target instanceof HTMLInputElement && target.id === "__search" && target.checked) {
        open();
      }
    },
    true
  );
  var query = new URLSearchParams(location.search);
  if (query.has("q") || query.has("h")) {
    open();
  }
})();
