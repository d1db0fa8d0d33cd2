// Progressive enhancement for the search page (without JavaScript every control still works as
// a plain GET form or link, so the URL stays the one state of a search):
// - ticking a facet or choosing a sort order submits the search form;
// - on a phone (narrow screen) the facet groups start folded: the results come first;
// - keys: "/" focuses the search box; "j" / "k" move the focus to the next / previous result;
//   "-" or "x" on a facet's checkbox leaves that value out (one Tab stop per value);
// - the advanced-search boxes write the query language into the search box as one types
//   (the same rules as search/querying/advanced.py, which answers the form without JavaScript).
(function () {
  "use strict";
  var form = document.querySelector("[data-search-form]");
  if (!form) return;
  form.addEventListener("change", function (event) {
    if (event.target.hasAttribute("data-autosubmit")) {
      if (form.requestSubmit) form.requestSubmit(); else form.submit();
    }
  });
  // Leave empty fields (an unused date box) out of the URL, so a shared link says only what
  // the search is.
  form.addEventListener("submit", function () {
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.name && field.value === "" && field.type !== "checkbox") field.disabled = true;
    });
  });
  // Back/forward can restore this page from the cache as it was left, with the box just ticked
  // that took the reader away: put every control back to what the URL says.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    Array.prototype.forEach.call(form.elements, function (field) { field.disabled = false; });
    form.reset();
  });

  // --- folding: all groups folded on a phone -----------------------------------------------
  if (window.matchMedia && window.matchMedia("(max-width: 50rem)").matches) {
    document.querySelectorAll("details.facet-group").forEach(function (group) {
      group.open = false;
    });
  }

  // --- keys ------------------------------------------------------------------------------------
  var box = document.getElementById("id_q");
  function typing(target) {
    var tag = (target.tagName || "").toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
  }
  function results() {
    return Array.prototype.slice.call(document.querySelectorAll(".hits .card-title a"));
  }
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if ((event.key === "-" || event.key === "x") && target.hasAttribute &&
        target.hasAttribute("data-exclude")) {
      event.preventDefault();
      window.location.href = target.getAttribute("data-exclude");
      return;
    }
    if (typing(target)) return;
    if (event.key === "/" && box) {
      event.preventDefault();
      box.focus();
      box.select();
    } else if (event.key === "j" || event.key === "k") {
      var links = results();
      if (!links.length) return;
      var at = links.indexOf(document.activeElement);
      var next = event.key === "j" ? at + 1 : (at < 0 ? 0 : at - 1);
      next = Math.max(0, Math.min(links.length - 1, next));
      event.preventDefault();
      links[next].focus();
      links[next].closest("li").scrollIntoView({ block: "nearest" });
    }
  });

  // --- advanced search: the boxes write the query into the search box ----------------------
  var boxes = document.querySelectorAll("[data-advanced]");
  var quotes = /["“”„]/g;
  function words(text) {
    return (text || "").replace(quotes, " ").split(/\s+/).map(function (w) {
      w = w.replace(/^-+/, "");
      return /^(AND|OR|NOT)$/.test(w) ? w.toLowerCase() : w;
    }).filter(Boolean);
  }
  function quoted(text) { return '"' + words(text).join(" ") + '"'; }
  function compose(values) {
    var parts = words(values.all);
    var phrase = (values.phrase || "").replace(quotes, " ").split(/\s+/).filter(Boolean);
    if (phrase.length) parts.push('"' + phrase.join(" ") + '"');
    var any = words(values.any);
    if (any.length === 1) parts.push(any[0]);
    else if (any.length) parts.push("(" + any.join(" OR ") + ")");
    words(values.none).forEach(function (w) { parts.push("-" + w); });
    ["headline", "outlet", "byline"].forEach(function (name) {
      var found = words(values[name]);
      if (!found.length) return;
      if (name === "headline" && found.length > 1) {
        found.forEach(function (w) { parts.push("headline:" + w); });
      } else {
        parts.push(name + ":" + (found.length === 1 ? found[0] : quoted(values[name])));
      }
    });
    return parts.join(" ");
  }
  if (box && boxes.length) {
    var typed = box.value;
    boxes.forEach(function (input) {
      input.addEventListener("input", function () {
        var values = {};
        boxes.forEach(function (b) { values[b.getAttribute("data-advanced")] = b.value; });
        var query = compose(values);
        box.value = query || typed;
      });
    });
  }
})();
