// Progressive enhancement for the search page: ticking a facet or choosing a sort order submits
// the search form (a plain GET, so the back button returns to the previous state). Without
// JavaScript the "Apply filters" and "Search" buttons do the same.
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
})();
