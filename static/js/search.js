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
})();
