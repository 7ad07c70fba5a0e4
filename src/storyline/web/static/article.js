// The article page: hovering a highlighted passage shows the records of the items there in the inspector;
// clicking keeps them (Escape or a click elsewhere in the text lets go); the side panel's entries select
// their item; the checkboxes switch highlight layers off and on.
//
// The cards it shows were rendered (and escaped) by the server; this script only clones them, so no text
// from an article is ever parsed as HTML here.
"use strict";
(function () {
  var text = document.getElementById("article-text");
  var inspector = document.getElementById("inspector");
  var cards = document.getElementById("cards");
  if (!text || !inspector || !cards) return;
  var hint = inspector.firstElementChild;
  var pinned = null; // the data-items value kept by a click
  var hovered = []; // the items under the mouse

  function keysOf(value) {
    return (value || "").split(/\s+/).filter(Boolean);
  }

  function cardFor(key) {
    var card = document.getElementById("card-" + key);
    if (!card) return null;
    var copy = card.cloneNode(true);
    copy.removeAttribute("id");
    return copy;
  }

  function show(keys) {
    var shown = keys.map(cardFor).filter(Boolean);
    if (shown.length === 0) {
      inspector.replaceChildren(hint ? hint : document.createTextNode(""));
      return;
    }
    inspector.replaceChildren.apply(inspector, shown);
  }

  function mark(keys) {
    text.querySelectorAll(".is-selected").forEach(function (el) {
      el.classList.remove("is-selected");
    });
    if (keys.length === 0) return;
    var selector = '[data-items~="' + CSS.escape(keys[0]) + '"]';
    text.querySelectorAll(selector).forEach(function (el) {
      el.classList.add("is-selected");
    });
  }

  function select(value) {
    pinned = value;
    var keys = keysOf(value);
    show(keys);
    mark(keys);
    inspector.classList.toggle("pinned", keys.length > 0);
  }

  function release() {
    pinned = null;
    mark([]);
    inspector.classList.remove("pinned");
    show(hovered);
  }

  text.addEventListener("mouseover", function (event) {
    var el = event.target.closest("[data-items]");
    hovered = el ? keysOf(el.dataset.items) : [];
    if (pinned === null && el) show(hovered);
  });
  text.addEventListener("mouseleave", function () {
    hovered = [];
    if (pinned === null) show([]);
  });
  text.addEventListener("click", function (event) {
    var el = event.target.closest("[data-items]");
    if (el && el.dataset.items !== pinned) select(el.dataset.items);
    else release();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") release();
  });
  document.querySelectorAll("[data-select]").forEach(function (link) {
    link.addEventListener("click", function () {
      select(link.dataset.select);
    });
  });

  var layers = document.getElementById("layers");
  if (layers) {
    layers.addEventListener("change", function (event) {
      var box = event.target;
      if (box && box.type === "checkbox") text.classList.toggle("hide-" + box.value, !box.checked);
    });
  }
})();
