/* Put before Material's search worker by the build (plugins/ltss_toolkit/search/worker.py): Material's message
   listener gets each query put in the words the index holds. Material adds a trailing wildcard to every word and
   then skips lunr's stemmer and stop-word filter, so a plural, another ending or a small typo finds nothing, and
   "in" or "a" matches every word that starts with them. A query that uses lunr's own syntax (+, -, *, ~, ^, :,
   quotes) is left as typed. In the file:// shim the worker's global is an iframe's window: the same applies. */
(function () {
  var add = self.addEventListener, post = self.postMessage, typed = [];
  self.addEventListener = function (type, listener, options) {
    if (type !== "message") return add.call(this, type, listener, options);
    return add.call(this, type, function (event) {
      var message = event.data;
      if (message && typeof message.data === "string" && self.lunr) {
        typed = message.data.toLowerCase().split(/\s+/);
        event = { data: { type: message.type, data: ltssSearchQuery(message.data) } };
      }
      return listener.call(this, event);
    }, options);
  };
  // Each result lists the query's words it lacks ("Missing: ..."): only the words the reader typed, not the forms
  // added for them.
  self.postMessage = function (message) {
    var items = message && message.data && message.data.items;
    (items || []).forEach(function (group) {
      group.forEach(function (item) {
        Object.keys(item.terms || {}).forEach(function (term) {
          if (!item.terms[term] && typed.indexOf(term) < 0) delete item.terms[term];
        });
      });
    });
    return post.apply(self, arguments);
  };
})();

function ltssSearchQuery(query) {
  if (/(^|\s)[+\-]|[*~^:"]/.test(query)) return query;
  var words = query.toLowerCase().trim().split(/\s+/).filter(Boolean), out = [];
  // A section number and its subsection typed apart or closed up ("1915 c", "1915c") as the law writes it: 1915(c).
  for (var i = 0; i < words.length; i++) {
    var closed = /^(\d{3,4})\(?([a-z])\)?$/.exec(words[i]), letter = /^\(?([a-z])\)?$/.exec(words[i + 1] || "");
    if (closed) words[i] = closed[1] + "(" + closed[2] + ")";
    else if (/^\d{3,4}$/.test(words[i]) && letter) words.splice(i, 2, words[i] + "(" + letter[1] + ")");
  }
  var stop = function (word) { return !lunr.stopWordFilter(new lunr.Token(word)); };
  words.forEach(function (word, i) {
    if (words.length > 1 && stop(word)) return;
    // A hyphenated compound is also looked up closed up, as the index holds it ("D-SNP" as "dsnp"). Closed-up
    // forms are matched whole ("^1": Material adds no wildcard), or "buyin" would find "buying". When a part is a
    // stop word, which would match every word it starts, the other parts are matched whole too ("buy-in": "buy").
    if (/^[a-z0-9]+(-[a-z0-9]+)+$/.test(word)) {
      out.push(word.replace(/-/g, "") + "^1");
      if (word.split("-").some(stop)) {
        word.split("-").forEach(function (part) { if (!stop(part)) out.push(part + "^1"); });
        return;
      }
    }
    // Its stem, which the trailing wildcard extends to every ending: "repurpose" finds "repurposing".
    out.push(/^[a-z]{4,}$/.test(word) ? lunr.stemmer(new lunr.Token(word)).toString() : word);
    // One typo allowed in a long word: "transporation".
    if (/^[a-z]{6,}$/.test(word)) out.push(word + "~1");
    // Two words typed apart that the text writes as one compound: "buy in", "person centered", "d snp".
    var next = words[i + 1];
    if (next && /^[a-z][a-z0-9]*$/.test(word) && /^[a-z0-9]+$/.test(next)) out.push(word + next + "^1");
  });
  return out.join(" ") || query;
}
