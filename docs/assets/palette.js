/* The colour scheme toggle (docs/overrides/partials/palette.html): automatic, light, dark.

   "Automatic" is the default and is never stored: the page keeps the scheme it was built with ("ltss-auto"),
   whose colours follow the reader's system through CSS media queries, live and without JavaScript. A light or
   dark choice is stored in Material's format ("__palette"), so Material's inline script at the top of <body>
   applies it on the next page before anything is painted. This script touches <body> only when the reader
   changes the scheme: writing it on every load restyled the whole page. */
(function () {
  "use strict";

  var AUTOMATIC = "(prefers-color-scheme)";
  var form = document.querySelector("[data-ltss-component=palette]");
  if (!form || typeof __md_get !== "function" || typeof __md_set !== "function") return;
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input[name=__palette]"));
  if (!inputs.length) return;

  function colour(input) {
    return {
      media: input.getAttribute("data-md-color-media"),
      scheme: input.getAttribute("data-md-color-scheme"),
      primary: input.getAttribute("data-md-color-primary"),
      accent: input.getAttribute("data-md-color-accent"),
    };
  }

  function show(index) {
    inputs.forEach(function (input, position) {
      input.checked = position === index;
      var label = input.nextElementSibling;
      if (label && label.tagName === "LABEL") label.hidden = position !== index;
    });
  }

  function apply(index) {
    var color = colour(inputs[index]);
    __md_set("__palette", color.media === AUTOMATIC ? null : { index: index, color: color });
    var body = document.body;
    body.setAttribute("data-md-color-switching", "");
    Object.keys(color).forEach(function (name) {
      body.setAttribute("data-md-color-" + name, color[name]);
    });
    show(index);
    window.requestAnimationFrame(function () {
      body.removeAttribute("data-md-color-switching");
    });
  }

  var stored = __md_get("__palette");
  var index = stored && typeof stored.index === "number" ? stored.index : 0;
  if (index < 0 || index >= inputs.length) index = 0;
  if (stored && (!stored.color || stored.color.media === AUTOMATIC)) __md_set("__palette", null);
  show(index);

  inputs.forEach(function (input, position) {
    input.addEventListener("change", function () {
      if (input.checked) apply(position);
    });
  });
  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    event.preventDefault();
    var current = inputs.findIndex(function (input) { return input.checked; });
    var next = inputs[(current + 1) % inputs.length];
    next.click();
    next.focus();
  });
})();
