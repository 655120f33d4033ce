/* Investment lists: filters, full-text search, sorting and a count, with the state kept in
   the address so that a filtered view can be shared and bookmarked. Without JavaScript the
   table is complete and the (hidden) form is never shown. */
(function () {
  "use strict";
  var FIELDS = ["q", "jurisdiction", "chain", "stage", "zone", "min", "max", "sort"];

  function setUp(list) {
    var form = list.querySelector("form.portal-filters");
    if (!form) return;
    var body = list.querySelector("tbody");
    var rows = Array.prototype.slice.call(body.rows);
    var count = list.querySelector("[data-count]");
    var template = list.getAttribute("data-shown-template");
    var headers = Array.prototype.slice.call(list.querySelectorAll("th[data-sort]"));
    var texts = rows.map(function (row) { return row.textContent.toLowerCase(); });

    var params = new URLSearchParams(window.location.search);
    FIELDS.forEach(function (name) { if (params.has(name) && form.elements[name]) form.elements[name].value = params.get(name); });
    form.hidden = false;

    headers.forEach(function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "portal-sort";
      button.textContent = th.textContent;
      button.addEventListener("click", function () {
        var key = th.getAttribute("data-sort");
        var current = form.elements.sort.value;
        form.elements.sort.value = current === key + "-asc" ? key + "-desc" : key + "-asc";
        apply();
      });
      th.textContent = "";
      th.appendChild(button);
      th.setAttribute("data-column", index);
    });

    function number(value) { return value === "" || value === undefined ? NaN : parseFloat(value); }

    function apply() {
      var v = {};
      FIELDS.forEach(function (name) { v[name] = form.elements[name] ? form.elements[name].value.trim() : ""; });
      var query = v.q.toLowerCase(), min = number(v.min), max = number(v.max), shown = 0;
      rows.forEach(function (row, i) {
        var amount = number(row.getAttribute("data-amount"));
        var ok = (!v.jurisdiction || row.getAttribute("data-jurisdiction") === v.jurisdiction) &&
          (!v.chain || row.getAttribute("data-chain") === v.chain) &&
          (!v.stage || row.getAttribute("data-stage") === v.stage) &&
          (!v.zone || row.getAttribute("data-zone") === v.zone) &&
          (isNaN(min) || amount >= min) && (isNaN(max) || amount <= max) &&
          (!query || texts[i].indexOf(query) !== -1);
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      sortRows(v.sort);
      count.textContent = template.replace("{n}", shown).replace("{total}", rows.length);
      var next = new URLSearchParams();
      FIELDS.forEach(function (name) { if (v[name]) next.set(name, v[name]); });
      var search = next.toString();
      window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
    }

    function sortRows(sort) {
      headers.forEach(function (th) { th.removeAttribute("aria-sort"); });
      if (!sort) return;
      var parts = sort.split("-"), key = parts[0], descending = parts[1] === "desc";
      var th = headers.filter(function (h) { return h.getAttribute("data-sort") === key; })[0];
      if (!th) return;
      th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      var column = parseInt(th.getAttribute("data-column"), 10), numeric = th.hasAttribute("data-numeric");
      var ordered = rows.slice().sort(function (a, b) {
        var x, y, result;
        if (numeric) {
          x = number(a.getAttribute("data-amount")); y = number(b.getAttribute("data-amount"));
          result = (isNaN(x) ? -Infinity : x) - (isNaN(y) ? -Infinity : y);
        } else {
          result = a.cells[column].textContent.trim().localeCompare(b.cells[column].textContent.trim(), document.documentElement.lang);
        }
        return descending ? -result : result;
      });
      ordered.forEach(function (row) { body.appendChild(row); });
    }

    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    apply();
  }

  function init() { Array.prototype.forEach.call(document.querySelectorAll("[data-portal-list]"), setUp); }
  // Material's instant navigation swaps pages without reloading: document$ emits for each page.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
