/* Investment lists: filters, full-text search, sorting, a count and pages, with the state
   kept in the address so that a filtered view can be shared and bookmarked. Without
   JavaScript the table is complete and the (hidden) form and pager are never shown.

   Why pages: a portal-wide list of a few thousand projects is tens of thousands of table
   cells, and every full layout of them costs about a second. Material's start-up code forces
   several; with only one page of rows displayed (portal.css hides the rest from the moment
   Material marks the document as scripted) the list is usable at once. Printing prints every
   matching row, not only the page. */
(function () {
  "use strict";
  var OFF_PAGE = "portal-off-page";

  function setUp(list) {
    var form = list.querySelector("form.portal-filters");
    if (!form) return;
    var body = list.querySelector("tbody");
    var rows = Array.prototype.slice.call(body.rows);
    var count = list.querySelector("[data-count]");
    var pager = list.querySelector(".portal-pager");
    var pageSize = parseInt(list.getAttribute("data-page-size"), 10) || rows.length || 1;
    // The list's filters, as generator/lists.py declares them ("stage:stage-id": the filter
    // stage compares each row's data-stage-id); the form's fields, kept in the address.
    var filters = (list.getAttribute("data-filters") || "").split(" ").filter(Boolean).map(function (f) { return f.split(":"); });
    var CHOICES = filters.map(function (f) { return f[0]; });
    var ATTRIBUTE = {};
    filters.forEach(function (f) { ATTRIBUTE[f[0]] = "data-" + (f[1] || f[0]); });
    var FIELDS = ["q"].concat(CHOICES, ["min", "max", "sort"]);   // and "page"
    var headers = Array.prototype.slice.call(list.querySelectorAll("th[data-sort]"));
    var texts = rows.map(function (row) { return row.textContent.toLowerCase(); });
    var collator = new Intl.Collator(document.documentElement.lang);
    var page = 1, placed = "", placedOrder = rows.map(function (row, i) { return i; });

    var params = new URLSearchParams(window.location.search);
    FIELDS.forEach(function (name) { if (params.has(name) && form.elements[name]) form.elements[name].value = params.get(name); });
    page = Math.max(1, parseInt(params.get("page"), 10) || 1);
    form.hidden = false;
    // The filters fold behind one control on a phone, so that the list starts on the first
    // screen; on a desk, or when the address carries a filtered view, they are open.
    var panel = list.querySelector(".portal-filter-panel");
    var summary = panel && panel.querySelector("summary");
    if (panel) {
      panel.hidden = false;
      panel.open = window.matchMedia("(min-width: 60em)").matches ||
        FIELDS.some(function (name) { return name !== "sort" && params.get(name); });
    }

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

    function number(value) { return value === "" || value === null || value === undefined ? NaN : parseFloat(value); }

    function values() {
      var v = {};
      FIELDS.forEach(function (name) { v[name] = form.elements[name] ? form.elements[name].value.trim() : ""; });
      return v;
    }

    var choiceValues = rows.map(function (row) {
      var values = {};
      CHOICES.forEach(function (name) { values[name] = row.getAttribute(ATTRIBUTE[name]); });
      return values;
    });
    var amounts = rows.map(function (row) { return number(row.getAttribute("data-amount")); });

    // A test of row i against the filters v, all but `except` (a choice whose options are counted).
    function filter(v) {
      var min = number(v.min), max = number(v.max), query = v.q.toLowerCase();
      return function (i, except) {
        return CHOICES.every(function (name) { return name === except || !v[name] || choiceValues[i][name] === v[name]; }) &&
          (isNaN(min) || amounts[i] >= min) && (isNaN(max) || amounts[i] <= max) &&
          (!query || texts[i].indexOf(query) !== -1);
      };
    }

    function matches(v) {
      var passes = filter(v);
      return rows.map(function (row, i) { return passes(i); });
    }

    // Each option of a choice says how many rows it would show with the other filters as they are.
    function countOptions(v) {
      var passes = filter(v);
      CHOICES.forEach(function (name) {
        var select = form.elements[name];
        if (!select) return;
        var counts = {};
        rows.forEach(function (row, i) {
          if (passes(i, name)) counts[choiceValues[i][name]] = (counts[choiceValues[i][name]] || 0) + 1;
        });
        Array.prototype.forEach.call(select.options, function (option) {
          if (!option.value) return;
          if (!option.hasAttribute("data-label")) option.setAttribute("data-label", option.textContent);
          option.textContent = option.getAttribute("data-label") + " (" + (counts[option.value] || 0) + ")";
        });
      });
    }

    // Filters and sorting start again from the first page; the pager keeps the filters.
    function apply() { page = 1; show(); }

    function show() {
      var v = values(), ok = matches(v);
      var ordered = sortRows(v.sort);
      var total = ok.filter(Boolean).length;
      var pages = Math.max(1, Math.ceil(total / pageSize));
      page = Math.min(page, pages);
      var first = (page - 1) * pageSize, seen = 0;
      ordered.forEach(function (i) {
        var row = rows[i];
        row.hidden = !ok[i];
        if (ok[i]) {
          row.classList.toggle(OFF_PAGE, seen < first || seen >= first + pageSize);
          seen += 1;
        } else {
          row.classList.remove(OFF_PAGE);
        }
      });
      list.setAttribute("data-ready", "");
      count.textContent = (pages > 1 ? list.getAttribute("data-range-template") : list.getAttribute("data-shown-template"))
        .replace("{from}", total ? first + 1 : 0).replace("{to}", Math.min(first + pageSize, total))
        .replace("{n}", total).replace("{total}", rows.length);
      drawPager(pages);
      drawPicks();
      countOptions(v);
      markActive(v);
      remember(v);
      list.dispatchEvent(new CustomEvent("portal:filtered", { bubbles: true }));
    }

    function markActive(v) {
      if (!summary) return;
      var active = FIELDS.filter(function (name) { return name !== "sort" && v[name]; }).length;
      if (active) summary.setAttribute("data-active", active); else summary.removeAttribute("data-active");
    }

    function remember(v) {
      var next = new URLSearchParams();
      FIELDS.forEach(function (name) { if (v[name]) next.set(name, v[name]); });
      if (page > 1) next.set("page", page);
      if (picked.length) next.set("compare", picked.join(","));
      var search = next.toString();
      window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
    }

    function drawPager(pages) {
      pager.hidden = pages < 2;
      pager.querySelector("[data-page-label]").textContent =
        list.getAttribute("data-page-template").replace("{page}", page).replace("{pages}", pages);
      pager.querySelector("[data-page-previous]").disabled = page <= 1;
      pager.querySelector("[data-page-next]").disabled = page >= pages;
    }

    function turn(step) {
      page += step;
      show();
      list.scrollIntoView({block: "start"});
    }

    function sortRows(sort) {
      var parts = (sort || "").split("-"), key = parts[0], descending = parts[1] === "desc";
      var th = headers.filter(function (h) { return h.getAttribute("data-sort") === key; })[0];
      headers.forEach(function (h) { if (h !== th) h.removeAttribute("aria-sort"); });
      if (th) th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      if (sort === placed) return placedOrder;
      placed = sort;
      var order = rows.map(function (row, i) { return i; });
      if (!th) return place(order);
      // Amounts sort as numbers, stages in their declared order (data-stage-order), the rest as words.
      var column = parseInt(th.getAttribute("data-column"), 10), numeric = th.getAttribute("data-numeric");
      var keys = rows.map(function (row) {
        return numeric ? number(row.getAttribute("data-" + numeric)) : row.cells[column].textContent.trim();
      });
      order.sort(function (a, b) {
        var result = numeric ? (isNaN(keys[a]) ? -Infinity : keys[a]) - (isNaN(keys[b]) ? -Infinity : keys[b])
          : collator.compare(keys[a], keys[b]);
        return (descending ? -result : result) || a - b;
      });
      return place(order);
    }

    // Rows are moved only when the order changes: paging and filtering leave them in place.
    function place(order) {
      var fragment = document.createDocumentFragment();
      order.forEach(function (i) { fragment.appendChild(rows[i]); });
      body.appendChild(fragment);
      placedOrder = order;
      return order;
    }

    // "Download this view": the published JSON, cut to the rows shown, in their order.
    var viewDownloads = list.querySelector("[data-view-downloads]");
    var published = null;
    if (viewDownloads && window.portalTableFiles && window.fetch) {
      viewDownloads.hidden = false;
      viewDownloads.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-format]");
        if (!button) return;
        published = published || fetch(viewDownloads.getAttribute("data-json")).then(function (r) { return r.json(); });
        published.then(function (data) { save(data, button.getAttribute("data-format")); })
          .catch(function (error) { published = null; console.warn(error); });
      });
    }

    function save(data, format) {
      var shown = {};
      Array.prototype.forEach.call(body.rows, function (row, order) {
        if (!row.hidden) shown[row.getAttribute("data-id")] = order + 1;
      });
      var chosen = data.rows.filter(function (r) { return shown[r.id]; })
        .sort(function (a, b) { return shown[a.id] - shown[b.id]; });
      var words = { yes: viewDownloads.getAttribute("data-yes"), no: viewDownloads.getAttribute("data-no") };
      var file = format === "csv" ? window.portalTableFiles.csv(data.columns, chosen, words)
        : window.portalTableFiles.xlsx(data.columns, chosen, words, viewDownloads.getAttribute("data-sheet"));
      var link = document.createElement("a");
      link.href = URL.createObjectURL(file);
      link.download = viewDownloads.getAttribute("data-name") + "." + format;
      document.body.appendChild(link);
      link.click();
      link.remove();
      window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
    }

    // --- compare: a box on each row shown picks it (two to four); the picks are kept in the
    // address, and the bar opens the compare page with them.
    var bar = list.querySelector("[data-compare-bar]");
    var picked = (params.get("compare") || "").split(",").filter(Boolean).slice(0, 4);

    function drawPicks() {
      if (!bar) return;
      rows.forEach(function (row) {
        if (row.hidden || row.classList.contains(OFF_PAGE)) return;
        var box = row.querySelector("[data-pick]") || addPick(row);
        box.checked = picked.indexOf(row.getAttribute("data-id")) !== -1;
        box.disabled = !box.checked && picked.length >= 4;
      });
      bar.hidden = !picked.length;
      bar.querySelector("[data-compare-count]").textContent = bar.getAttribute("data-selected").replace("{n}", picked.length);
      var open = bar.querySelector("[data-compare-open]");
      open.hidden = picked.length < 2;
      open.href = open.href.split("?")[0] + "?ids=" + picked.map(encodeURIComponent).join(",");
    }

    function addPick(row) {
      var label = document.createElement("label"), box = document.createElement("input");
      label.className = "portal-pick";
      box.type = "checkbox";
      box.setAttribute("data-pick", row.getAttribute("data-id"));
      box.setAttribute("aria-label", bar.getAttribute("data-pick") + ": " + row.cells[0].querySelector("a").textContent);
      label.append(box, document.createTextNode(" " + bar.getAttribute("data-pick")));
      row.cells[0].appendChild(label);
      return box;
    }

    if (bar) {
      body.addEventListener("change", function (event) {
        var id = event.target.getAttribute("data-pick");
        if (!id) return;
        picked = picked.filter(function (other) { return other !== id; });
        if (event.target.checked) picked.push(id);
        drawPicks();
        remember(values());
      });
      bar.querySelector("[data-compare-clear]").addEventListener("click", function () {
        picked = [];
        drawPicks();
        remember(values());
      });
    }

    pager.querySelector("[data-page-previous]").addEventListener("click", function () { turn(-1); });
    pager.querySelector("[data-page-next]").addEventListener("click", function () { turn(1); });
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    show();
    // For bench/run.py: when the list became usable (a User Timing mark, visible in DevTools).
    if (window.performance && performance.mark) performance.mark("portal-list-ready");
  }

  // --- the compare page: the projects of ?ids= side by side, from the published data.
  function setUpCompare(view) {
    var status = view.querySelector(".portal-compare__status"), holder = view.querySelector(".portal-compare__table");
    var none = status.innerHTML;
    var ids = (new URLSearchParams(window.location.search).get("ids") || "").split(",").filter(Boolean).slice(0, 4);
    if (!ids.length) return;
    fetch(view.getAttribute("data-json")).then(function (r) { return r.json(); }).then(function (data) {
      var byId = {};
      data.rows.forEach(function (row) { byId[row.id] = row; });
      draw();

      function draw() {
        var shown = ids.filter(function (id) { return byId[id]; });
        var missing = ids.filter(function (id) { return !byId[id]; });
        holder.textContent = "";
        if (missing.length) status.textContent = view.getAttribute("data-missing") + missing.join(", ");
        else if (!shown.length) status.innerHTML = none;
        status.hidden = !missing.length && shown.length > 0;
        if (shown.length) holder.appendChild(table(data.columns, shown.map(function (id) { return byId[id]; })));
      }

      function table(columns, projects) {
        var el = document.createElement("table"), head = el.createTHead().insertRow(), tbody = el.createTBody();
        el.className = "portal-table portal-compare-table";
        head.appendChild(cell("th", view.getAttribute("data-field"), "col"));
        projects.forEach(function (project) {
          var th = cell("th", "", "col"), link = document.createElement("a"), remove = document.createElement("button");
          // A project's page, by the page table's pattern the page carries (generator/pages.py).
          link.href = new URL(view.getAttribute("data-project-url").replace("{id}", encodeURIComponent(project.id)), document.baseURI).href;
          link.textContent = project.project;
          remove.type = "button";
          remove.textContent = view.getAttribute("data-remove");
          remove.setAttribute("aria-label", view.getAttribute("data-remove") + ": " + project.project);
          remove.addEventListener("click", function () {
            ids = ids.filter(function (id) { return id !== project.id; });
            var query = ids.length ? "?ids=" + ids.map(encodeURIComponent).join(",") : "";
            window.history.replaceState(null, "", window.location.pathname + query);
            draw();
          });
          th.append(link, document.createElement("br"), remove);
          head.appendChild(th);
        });
        columns.forEach(function (column) {
          if (["id", "project", "url"].indexOf(column.key) !== -1) return;
          var tr = tbody.insertRow();
          tr.appendChild(cell("th", column.title, "row"));
          projects.forEach(function (project) {
            var value = project[column.key], td = cell("td", text(value));
            if (typeof value === "number") td.className = "portal-number";
            tr.appendChild(td);
          });
        });
        return el;
      }

      function text(value) {
        if (value === null || value === undefined) return "";
        if (typeof value === "boolean") return view.getAttribute(value ? "data-yes" : "data-no");
        return typeof value === "number" ? value.toFixed(2) : String(value);
      }
    }).catch(function (error) { console.warn(error); });
  }

  function cell(tag, text, scope) {
    var el = document.createElement(tag);
    el.textContent = text;
    if (scope) el.scope = scope;
    return el;
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-portal-list]"), setUp);
    Array.prototype.forEach.call(document.querySelectorAll("[data-compare-view]"), setUpCompare);
  }
  // Material's instant navigation swaps pages without reloading: document$ emits for each page.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
