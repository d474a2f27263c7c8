/* The site's own scripts, in one file: every script is a request that holds up a phone's first paint, and each
   part below is small and does nothing on pages without its elements. Everything works without them.

   1. The colour scheme toggle (partials/palette.html).
   2. Case-study tables: the filter form.
   3. Checklists: ticks remembered in this browser.
   4. The Start Here decision flow: answers in the query string, with Change links. */

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

/* Case-study tables: show the filter form (hidden without JavaScript) and hide rows that do not match.
   Without JavaScript the whole table shows. */
(function () {
  "use strict";

  function setUp(form) {
    var table = document.getElementById(form.getAttribute("data-ltss-filter"));
    if (!table) return;
    var selects = form.querySelectorAll("select[data-column]");
    var count = form.querySelector(".ltss-filter-count");
    var rows = table.querySelectorAll("tbody tr");

    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var match = true;
        selects.forEach(function (select) {
          var wanted = select.value;
          if (wanted && row.getAttribute("data-" + select.getAttribute("data-column")) !== wanted) match = false;
        });
        row.hidden = !match;
        if (match) shown += 1;
      });
      if (count) {
        count.textContent = shown === rows.length
          ? "Showing all " + rows.length + " case studies."
          : "Showing " + shown + " of " + rows.length + " case studies.";
      }
    }

    selects.forEach(function (select) { select.addEventListener("change", apply); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }

  function start() {
    document.querySelectorAll("form[data-ltss-filter]").forEach(setUp);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

/* Checklists (Markdown task lists): let readers tick items and remember the ticks in this browser.
   Without JavaScript the list still reads and prints, with empty boxes that cannot be ticked. */
(function () {
  "use strict";

  function openStorage() {
    try {
      var store = window.localStorage;
      store.getItem("ltss-checklist-test");
      return store;
    } catch (error) {
      return null; /* private browsing or storage turned off: ticks work but are not remembered */
    }
  }

  function itemText(item) {
    var copy = item.cloneNode(true);
    copy.querySelectorAll("ul, ol, label").forEach(function (nested) { nested.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function enable() {
    var boxes = document.querySelectorAll(".md-typeset .task-list-item > .task-list-control input[type=checkbox], .md-typeset .task-list-item > input[type=checkbox]");
    if (!boxes.length) return;
    var store = openStorage();
    var prefix = "ltss-checklist:" + window.location.pathname + ":";
    boxes.forEach(function (box, index) {
      var item = box.closest(".task-list-item");
      var key = prefix + index;
      if (item && !box.hasAttribute("aria-label")) box.setAttribute("aria-label", itemText(item));
      box.disabled = false;
      if (store) box.checked = store.getItem(key) === "1";
      box.addEventListener("change", function () {
        if (!store) return;
        if (box.checked) store.setItem(key, "1");
        else store.removeItem(key);
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", enable);
  else enable();
})();

/* Start Here decision flow: keeps the reader's answers in the query string (?node=answer&...),
   and shows them on every page with a Change link for each. Without this script the flow still
   works: answers, Back and Start again are plain links between static pages.

   Addresses are never built here: the flow's JSON gives each node's address from this page (written
   at build time for either URL style, node/ or node.html), and this script only swaps query strings. */
(function () {
  "use strict";

  var dataElement = document.getElementById("ltss-flow-data");
  if (!dataElement) {
    return;
  }
  var flow;
  try {
    flow = JSON.parse(dataElement.textContent);
  } catch (error) {
    return;
  }
  var nodes = flow.nodes;
  var here = flow.here;
  var hrefs = {};
  Object.keys(nodes).forEach(function (id) {
    if (typeof nodes[id].href === "string") {
      hrefs[id] = withoutQuery(nodes[id].href);
    }
  });

  function withoutQuery(href) {
    return href.split("#")[0].split("?")[0];
  }

  function isQuestion(id) {
    return Object.prototype.hasOwnProperty.call(nodes, id) && nodes[id].kind === "question";
  }

  function answerOf(id, answerId) {
    var answers = nodes[id].answers;
    return Object.prototype.hasOwnProperty.call(answers, answerId) ? answers[answerId] : null;
  }

  /* Answers given so far, from the address: only known questions and their known answers. */
  function readAnswers() {
    var answers = {};
    var query = window.location.search.replace(/^\?/, "");
    if (!query) {
      return answers;
    }
    query.split("&").forEach(function (pair) {
      var parts = pair.split("=");
      var key;
      var value;
      try {
        key = decodeURIComponent(parts[0].replace(/\+/g, " "));
        value = decodeURIComponent((parts[1] || "").replace(/\+/g, " "));
      } catch (error) {
        return;
      }
      if (isQuestion(key) && answerOf(key, value)) {
        answers[key] = value;
      }
    });
    return answers;
  }

  /* Query string in the flow's own order, so that one set of answers has one address. */
  function toQuery(answers) {
    var parts = [];
    flow.order.forEach(function (id) {
      if (Object.prototype.hasOwnProperty.call(answers, id)) {
        parts.push(encodeURIComponent(id) + "=" + encodeURIComponent(answers[id]));
      }
    });
    return parts.length ? "?" + parts.join("&") : "";
  }

  function nextOf(id, answers) {
    var node = nodes[id];
    if (node.kind === "start") {
      var keys = Object.keys(node.answers);
      return keys.length ? node.answers[keys[0]].next : null;
    }
    var answer = answers[id] && answerOf(id, answers[id]);
    return answer ? answer.next : null;
  }

  /* The reader's way to this page: from the start if the answers lead here from there, otherwise
     from the earliest answered question they lead here from (a reader who came in from the map). */
  function wayHere(answers) {
    var entries = [flow.start].concat(flow.order.filter(function (id) {
      return Object.prototype.hasOwnProperty.call(answers, id);
    }));
    for (var i = 0; i < entries.length; i += 1) {
      var steps = [];
      var id = entries[i];
      var guard = 0;
      while (id && id !== here && guard < flow.order.length) {
        if (isQuestion(id)) {
          steps.push(id);
        }
        id = nextOf(id, answers);
        guard += 1;
      }
      if (id === here) {
        return { steps: steps, fromStart: entries[i] === flow.start };
      }
    }
    return null;
  }

  function descendants(id) {
    var seen = {};
    var todo = [id];
    while (todo.length) {
      var node = nodes[todo.pop()];
      Object.keys(node.answers).forEach(function (key) {
        var next = node.answers[key].next;
        if (!seen[next] && Object.prototype.hasOwnProperty.call(nodes, next)) {
          seen[next] = true;
          todo.push(next);
        }
      });
    }
    return seen;
  }

  var answers = readAnswers();
  var way = wayHere(answers);
  var earlier = way ? way.steps : [];

  /* Answers that still apply after choosing `next`: the way here, this answer, and any later
     answers for questions that can still come after it. */
  function answersOnward(answerId, next) {
    var kept = {};
    earlier.forEach(function (id) {
      kept[id] = answers[id];
    });
    if (answerId) {
      kept[here] = answerId;
    }
    var later = descendants(next);
    later[next] = true;
    Object.keys(answers).forEach(function (id) {
      if (later[id]) {
        kept[id] = answers[id];
      }
    });
    return kept;
  }

  function rewriteForwardLinks() {
    Array.prototype.forEach.call(document.querySelectorAll("a[data-flow-next]"), function (link) {
      var answerId = link.getAttribute("data-flow-answer");
      var next = link.getAttribute("data-flow-next");
      link.setAttribute("href", withoutQuery(link.getAttribute("href")) + toQuery(answersOnward(answerId, next)));
      if (answerId && answers[here] === answerId) {
        link.classList.add("ltss-flow-answer--chosen");
        var note = document.createElement("span");
        note.className = "ltss-flow-chosen-note";
        note.textContent = " (your answer)";
        link.appendChild(note);
      }
    });
  }

  function rewriteBack() {
    var back = document.querySelector("a[data-flow-back]");
    if (!back) {
      return;
    }
    if (earlier.length) {
      var previous = earlier[earlier.length - 1];
      if (hrefs[previous]) {
        back.setAttribute("href", hrefs[previous] + toQuery(answers));
      }
    } else if (back.getAttribute("data-flow-several-parents") === "true") {
      /* Several questions lead here and the address does not say which: go back in history. */
      back.addEventListener("click", function (event) {
        if (window.history.length > 1 && document.referrer) {
          event.preventDefault();
          window.history.back();
        }
      });
    }
  }

  function showPosition() {
    var position = document.querySelector("[data-flow-position]");
    if (position && way && way.fromStart && nodes[here].kind === "question") {
      position.textContent = "Question " + (earlier.length + 1);
    }
  }

  function showAnswers() {
    var given = document.querySelector("[data-flow-given]");
    if (!given || !earlier.length) {
      return;
    }
    var list = given.querySelector("dl");
    earlier.forEach(function (id) {
      var row = document.createElement("div");
      row.className = "ltss-flow-given-row";
      var question = document.createElement("dt");
      var full = document.createElement("span");
      full.className = "ltss-flow-given-full";
      full.textContent = nodes[id].title;
      var short = document.createElement("span");
      short.className = "ltss-flow-given-short";
      short.textContent = nodes[id].short;
      question.appendChild(full);
      question.appendChild(short);
      var answer = document.createElement("dd");
      answer.textContent = answerOf(id, answers[id]).label;
      var action = document.createElement("dd");
      action.className = "ltss-flow-change";
      var change = document.createElement("a");
      change.setAttribute("href", (hrefs[id] || "") + toQuery(answers));
      change.textContent = "Change";
      var which = document.createElement("span");
      which.className = "ltss-visually-hidden";
      which.textContent = " your answer to: " + nodes[id].title;
      change.appendChild(which);
      action.appendChild(change);
      row.appendChild(question);
      row.appendChild(answer);
      row.appendChild(action);
      list.appendChild(row);
    });
    given.hidden = false;
    var routes = document.querySelector("[data-flow-routes]");
    if (routes) {
      routes.hidden = true;
    }
  }

  /* "Why this fits": keep the reasons of the reader's own way here, when the ways here differ. */
  function showOwnReasons() {
    var ways = document.querySelectorAll("[data-flow-way]");
    if (!ways.length || !way) {
      return;
    }
    Array.prototype.forEach.call(ways, function (element) {
      element.hidden = !element.getAttribute("data-flow-way").split(" ").some(function (alternative) {
        return alternative.split("&").every(function (pair) {
          var parts = pair.split("=");
          return earlier.indexOf(parts[0]) !== -1 && answers[parts[0]] === parts[1];
        });
      });
    });
    var depends = document.querySelector("[data-flow-why-depends]");
    if (depends) {
      depends.hidden = true;
    }
  }

  function offerPrint() {
    var slot = document.querySelector("[data-flow-print]");
    if (!slot || typeof window.print !== "function") {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button ltss-flow-print-button";
    button.textContent = "Print your pathway";
    button.addEventListener("click", function () {
      window.print();
    });
    slot.textContent = "";
    slot.appendChild(button);
  }

  rewriteForwardLinks();
  rewriteBack();
  showPosition();
  showAnswers();
  showOwnReasons();
  offerPrint();
})();
