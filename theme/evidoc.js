// evidoc: small progressive enhancements. Every page works without this script.
(function () {
  "use strict";

  // The heading the reader is at: the last heading whose top is above the top quarter of the screen.
  function currentHeadingId() {
    var headings = document.querySelectorAll(".content h2[id], .content h3[id], .content h4[id]");
    var id = null;
    var limit = window.innerHeight / 4;
    for (var i = 0; i < headings.length; i++) {
      if (headings[i].getBoundingClientRect().top <= limit) id = headings[i].id; else break;
    }
    return id;
  }

  // Language switcher: keep the reader's place. Anchors are the same in every language.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-keep-place]");
    if (!link) return;
    var id = location.hash ? location.hash.slice(1) : currentHeadingId();
    if (!id) return;
    event.preventDefault();
    location.href = link.href.split("#")[0] + "#" + id;
  });

  // Phone layout: the sidebar opens as a drawer.
  var toggle = document.querySelector(".menu-toggle");
  var sidebar = document.getElementById("sidebar");
  if (toggle && sidebar) {
    toggle.addEventListener("click", function () {
      var open = sidebar.classList.toggle("open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  // Sortable tables: click a header to sort by that column (numbers as numbers).
  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    var raw = cell.getAttribute("data-sort");
    if (raw === null) raw = cell.textContent.trim();
    var number = parseFloat(raw.replace(/[^0-9.\-]/g, ""));
    return isNaN(number) || !/\d/.test(raw) ? raw.toLowerCase() : number;
  }
  function compare(a, b) {
    if (typeof a === "number" && typeof b === "number") return a - b;
    if (typeof a === "number") return -1;
    if (typeof b === "number") return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r1, r2) {
          var c = compare(cellValue(r1, index), cellValue(r2, index));
          return ascending ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
})();
