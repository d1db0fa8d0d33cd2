// Attention over time: drag across the months of the chart to search that date range. The chart
// is complete without this (each month is a link); this only adds the range selection.
(function () {
  "use strict";
  var figure = document.querySelector("[data-attention]");
  if (!figure) return;
  var svg = figure.querySelector("svg.attention-chart");
  if (!svg) return;
  var bars = svg.querySelectorAll(".bar-link");
  var selection = svg.querySelector("[data-selection]");
  if (bars.length < 2 || !selection) return;
  var left = parseFloat(svg.getAttribute("data-plot-left"));
  var right = parseFloat(svg.getAttribute("data-plot-right"));
  var step = (right - left) / bars.length;
  var start = null, current = null, moved = false;

  function indexAt(event) {
    var box = svg.getBoundingClientRect();
    var x = (event.clientX - box.left) * 720 / box.width;
    return Math.max(0, Math.min(bars.length - 1, Math.floor((x - left) / step)));
  }
  function draw() {
    var low = Math.min(start, current), high = Math.max(start, current);
    selection.setAttribute("x", left + low * step);
    selection.setAttribute("width", (high - low + 1) * step);
  }
  function monthEnd(from) {
    var parts = from.split("-"), y = +parts[0], m = +parts[1];
    var last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return parts[0] + "-" + parts[1] + "-" + (last < 10 ? "0" : "") + last;
  }
  svg.addEventListener("pointerdown", function (event) {
    if (event.button !== 0) return;
    start = current = indexAt(event);
    moved = false;
    draw();
    event.preventDefault();  // no text selection while dragging
  });
  svg.addEventListener("pointermove", function (event) {
    if (start === null) return;
    var index = indexAt(event);
    if (index !== current) { current = index; moved = true; draw(); }
  });
  svg.addEventListener("pointerup", function (event) {
    if (start === null) return;
    var low = Math.min(start, current), high = Math.max(start, current);
    start = null;
    if (!moved) { selection.setAttribute("width", 0); return; }  // a click: the month's link
    var from = bars[low].getAttribute("data-from");
    var to = monthEnd(bars[high].getAttribute("data-from"));
    var base = figure.getAttribute("data-range-url") || "?";
    var join = base === "?" ? "" : "&";
    window.location.href = base + join + "from=" + from + "&to=" + to;
  });
})();
