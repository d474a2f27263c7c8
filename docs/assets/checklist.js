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
