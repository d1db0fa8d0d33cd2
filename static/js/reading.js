/* Article page tools, as progressive enhancement: without JavaScript the page still reads, the
 * first match is a link and citations can be selected by hand.
 * - Previous / next match: moves through <mark class="hit"> elements, scrolling each into view
 *   and announcing "Match N of M" (the focus stays on the button).
 * - Highlight toggle: turns the marks' colour off and on (aria-pressed tells assistive tech).
 * - Copy buttons: copy the text of the element named by data-copy, then say so in a live region.
 * - "Go to the first" match: the same as "next" from the start, so the mark lands in the middle
 *   of the screen, never under the sticky match bar (CSS scroll-margin does it without JS).
 * - A link to a reader comment (#comment-<block>-<n>, as search results give) opens its folded
 *   comment section and brings the comment into view.
 * Keys: "n" / "p" also jump to the next / previous match when no form field has the focus.
 */
(function () {
  "use strict";

  var status = document.getElementById("copy-status");
  function announce(message) {
    if (status) { status.textContent = ""; window.setTimeout(function () { status.textContent = message; }, 50); }
  }

  // --- matches ---------------------------------------------------------------------------
  var body = document.getElementById("article-body");
  var marks = body ? Array.prototype.slice.call(body.querySelectorAll("mark.hit")) : [];
  var controls = document.querySelector(".match-buttons");
  var matchStatus = document.getElementById("match-status");
  var current = -1;

  function show(index) {
    if (!marks.length) { return; }
    if (current >= 0) { marks[current].classList.remove("current"); }
    current = (index + marks.length) % marks.length;
    var mark = marks[current];
    mark.classList.add("current");
    // The focus stays on the button, so Enter again goes on to the next match; the live
    // region says where we are.
    mark.scrollIntoView({ block: "center" });
    if (matchStatus) {
      matchStatus.textContent = "Match " + (current + 1) + " of " + marks.length + ".";
    }
  }

  if (controls && marks.length) {
    controls.hidden = false;
    controls.querySelectorAll("[data-match-step]").forEach(function (button) {
      button.addEventListener("click", function () {
        show(current + parseInt(button.getAttribute("data-match-step"), 10));
      });
    });
    var toggle = controls.querySelector("[data-highlight-toggle]");
    if (toggle) {
      toggle.addEventListener("click", function () {
        var on = toggle.getAttribute("aria-pressed") !== "true";
        toggle.setAttribute("aria-pressed", on ? "true" : "false");
        body.classList.toggle("plain", !on);
        announce(on ? "Search terms highlighted." : "Highlighting turned off.");
      });
    }
    var first = document.querySelector(".first-match");
    if (first) {
      first.addEventListener("click", function (event) {
        event.preventDefault();
        show(0);
        if (window.history && window.history.replaceState) {
          window.history.replaceState(null, "", "#match-0");
        }
      });
    }
    document.addEventListener("keydown", function (event) {
      var tag = (event.target.tagName || "").toLowerCase();
      if (event.ctrlKey || event.metaKey || event.altKey || tag === "input" || tag === "textarea" ||
          tag === "select" || event.target.isContentEditable) { return; }
      if (event.key === "n") { show(current + 1); }
      if (event.key === "p") { show(current - 1); }
    });
  }

  // --- reader comments: open the section a link points into ---------------------------------
  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) { return; }
    var details = target.closest("details");
    if (details && !details.open) { details.open = true; }
    if (target.closest(".reader-comments")) {
      target.scrollIntoView({ block: "center" });
    }
  }
  openTarget();
  window.addEventListener("hashchange", openTarget);

  // --- copy buttons ------------------------------------------------------------------------
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (error) { ok = false; }
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy refused")); }
    });
  }

  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var target = document.getElementById(button.getAttribute("data-copy"));
    if (!target) { return; }
    button.hidden = false;
    var label = button.textContent;
    button.addEventListener("click", function () {
      var text = target.tagName === "A" ? target.href : target.textContent;
      copyText(text).then(function () {
        button.textContent = "Copied";
        announce("Copied to the clipboard.");
        window.setTimeout(function () { button.textContent = label; }, 2000);
      }, function () {
        announce("Your browser refused to copy: select the text and copy it by hand.");
      });
    });
  });
})();
