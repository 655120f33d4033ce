/* Investment lists: filters, full-text search, sorting, a count and pages, with the state
   kept in the address so that a filtered view can be shared and bookmarked. Without
   JavaScript the table is complete (or, for a long list, its first part, with links to the
   others) and the (hidden) form and pager are never shown.

   Why pages: a portal-wide list of a few thousand projects is tens of thousands of table
   cells, and every full layout of them costs about a second. Only the page's rows are in the
   table; the others are kept aside, ready. A list in parts (generator/render.py, _parts)
   carries its first part's rows; the script loads the other parts' rows in the background, a
   few at a time, and the filters, sorting, charts and downloads cover each as it arrives.
   Printing prints every matching row, not only the page. */
(function () {
  "use strict";
  var LOADING_AT_ONCE = 4;      // parts fetched side by side
  var REDRAW_EVERY = 1000;      // ms: while parts arrive, the count and the charts catch up this often

  function setUp(list) {
    var form = list.querySelector("form.portal-filters");
    if (!form || list.hasAttribute("data-ready")) return;
    var body = list.querySelector("tbody");
    var count = list.querySelector("[data-count]");
    var pager = list.querySelector(".portal-pager");
    var pageSize = parseInt(list.getAttribute("data-page-size"), 10) || body.rows.length || 1;
    // The list's filters, as generator/lists.py declares them ("stage:stage-id": the filter
    // stage compares each row's data-stage-id); the form's fields, kept in the address.
    var filters = (list.getAttribute("data-filters") || "").split(" ").filter(Boolean).map(function (f) { return f.split(":"); });
    var CHOICES = filters.map(function (f) { return f[0]; });
    var ATTRIBUTE = {};
    filters.forEach(function (f) { ATTRIBUTE[f[0]] = "data-" + (f[1] || f[0]); });
    var FIELDS = ["q"].concat(CHOICES, ["min", "max", "sort"]);   // and "page"
    var headers = Array.prototype.slice.call(list.querySelectorAll("th[data-sort]"));
    var collator = new Intl.Collator(document.documentElement.lang);
    // Every row, in the list's order, with what the filters read of it.
    var items = [], sorted = { key: null, order: [] }, matching = [];
    var parts = parseInt(list.getAttribute("data-parts"), 10) || 1;
    var complete = parts === 1 || !window.fetch, total = 0;

    function number(value) { return value === "" || value === null || value === undefined ? NaN : parseFloat(value); }

    function add(rows) {
      rows.forEach(function (row) {
        var choices = {};
        CHOICES.forEach(function (name) { choices[name] = row.getAttribute(ATTRIBUTE[name]); });
        items.push({ row: row, id: row.getAttribute("data-id"), text: row.textContent.toLowerCase(), choices: choices,
                     amount: number(row.getAttribute("data-amount")) });
      });
      sorted.key = null;
    }
    add(Array.prototype.slice.call(body.rows));
    total = parseInt(list.getAttribute("data-total"), 10) || items.length;

    var params = new URLSearchParams(window.location.search);
    FIELDS.forEach(function (name) { if (params.has(name) && form.elements[name]) form.elements[name].value = params.get(name); });
    var page = Math.max(1, parseInt(params.get("page"), 10) || 1);
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

    function values() {
      var v = {};
      FIELDS.forEach(function (name) { v[name] = form.elements[name] ? form.elements[name].value.trim() : ""; });
      return v;
    }

    // A test of item i against the filters v, all but `except` (a choice whose options are counted).
    function filter(v) {
      var min = number(v.min), max = number(v.max), query = v.q.toLowerCase();
      return function (i, except) {
        var item = items[i];
        return CHOICES.every(function (name) { return name === except || !v[name] || item.choices[name] === v[name]; }) &&
          (isNaN(min) || item.amount >= min) && (isNaN(max) || item.amount <= max) &&
          (!query || item.text.indexOf(query) !== -1);
      };
    }

    // Each option of a choice says how many rows it would show with the other filters as they are.
    function countOptions(v) {
      var passes = filter(v);
      CHOICES.forEach(function (name) {
        var select = form.elements[name];
        if (!select) return;
        var counts = {};
        items.forEach(function (item, i) {
          if (passes(i, name)) counts[item.choices[name]] = (counts[item.choices[name]] || 0) + 1;
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
      var v = values(), passes = filter(v);
      matching = sortRows(v.sort).filter(function (i) { return passes(i); });
      var found = matching.length;
      var pages = Math.max(1, Math.ceil(found / pageSize));
      // While parts are still arriving, a page asked for in the address may not be there yet.
      if (complete) page = Math.min(page, pages);
      var shownPage = Math.min(page, pages), first = (shownPage - 1) * pageSize;
      var fragment = document.createDocumentFragment();
      matching.slice(first, first + pageSize).forEach(function (i) { fragment.appendChild(items[i].row); });
      body.replaceChildren(fragment);
      // What the charts on the page follow (assets/charts.js): every matching row, on any page.
      list.portalShown = matching.map(function (i) { return items[i].row; });
      list.setAttribute("data-ready", "");
      var all = complete ? items.length : total;
      count.textContent = (pages > 1 ? list.getAttribute("data-range-template") : list.getAttribute("data-shown-template"))
        .replace("{from}", found ? first + 1 : 0).replace("{to}", Math.min(first + pageSize, found))
        .replace("{n}", found).replace("{total}", all);
      drawPager(shownPage, pages);
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

    function drawPager(shownPage, pages) {
      pager.hidden = pages < 2;
      pager.querySelector("[data-page-label]").textContent =
        list.getAttribute("data-page-template").replace("{page}", shownPage).replace("{pages}", pages);
      pager.querySelector("[data-page-previous]").disabled = shownPage <= 1;
      pager.querySelector("[data-page-next]").disabled = shownPage >= pages;
    }

    function turn(step) {
      page = Math.max(1, Math.min(page, Math.ceil(matching.length / pageSize)) + step);
      show();
      list.scrollIntoView({block: "start"});
    }

    // The items' indexes in the order asked for, sorted again only when the order or the rows change.
    function sortRows(sort) {
      var parts = (sort || "").split("-"), key = parts[0], descending = parts[1] === "desc";
      var th = headers.filter(function (h) { return h.getAttribute("data-sort") === key; })[0];
      headers.forEach(function (h) { if (h !== th) h.removeAttribute("aria-sort"); });
      if (th) th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      if (sorted.key === sort) return sorted.order;
      var order = items.map(function (item, i) { return i; });
      if (th) {
        // Amounts sort as numbers, stages in their declared order (data-stage-order), the rest as words.
        var column = parseInt(th.getAttribute("data-column"), 10), numeric = th.getAttribute("data-numeric");
        var keys = items.map(function (item) {
          return numeric ? number(item.row.getAttribute("data-" + numeric)) : item.row.cells[column].textContent.trim();
        });
        order.sort(function (a, b) {
          var result = numeric ? (isNaN(keys[a]) ? -Infinity : keys[a]) - (isNaN(keys[b]) ? -Infinity : keys[b])
            : collator.compare(keys[a], keys[b]);
          return (descending ? -result : result) || a - b;
        });
      }
      sorted = { key: sort, order: order };
      return order;
    }

    // On paper, every matching row: the table holds them while the page is printed.
    function printAll(printing) {
      if (!printing) { show(); return; }
      var fragment = document.createDocumentFragment();
      matching.forEach(function (i) { fragment.appendChild(items[i].row); });
      body.replaceChildren(fragment);
    }
    window.addEventListener("beforeprint", function () { printAll(true); });
    window.addEventListener("afterprint", function () { printAll(false); });
    var print = window.matchMedia("print");
    if (print.addEventListener) print.addEventListener("change", function (event) { printAll(event.matches); });

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
      matching.forEach(function (i, order) { shown[items[i].id] = order + 1; });
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
      Array.prototype.forEach.call(body.rows, function (row) {
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
    if (!complete) loadParts(parts);

    // --- the other parts' rows, fetched a few at a time and added in the list's order.
    function loadParts(parts) {
      var pattern = list.getAttribute("data-part-url"), status = list.querySelector("[data-loading]");
      var links = list.querySelector("[data-parts-nav]");
      var next = 2, added = 2, running = 0, arrived = {}, failed = false, redraw = null;
      if (links) links.hidden = true;   // the pager pages through every row
      // The count changes as rows come: a screen reader tells it once, when they all have.
      count.setAttribute("aria-busy", "true");
      say("data-loading-template");
      pump();

      function pump() {
        while (!failed && running < LOADING_AT_ONCE && next <= parts) {
          running += 1;
          fetchPart(next++).then(function (got) {
            running -= 1;
            if (failed) return;   // a part fetched before another failed: the list stays as it is said to be
            arrived[got.n] = got.rows;
            while (arrived[added]) { add(arrived[added]); delete arrived[added]; added += 1; }
            if (added > parts) finish(); else { later(); pump(); }
          }).catch(stop);
        }
      }

      function fetchPart(n) {
        var address = new URL(pattern.replace("{n}", n), document.baseURI).href;
        return fetch(address).then(function (response) {
          if (!response.ok) throw new Error(address + ": " + response.status);
          return response.text();
        }).then(function (html) { return { n: n, rows: rowsOf(html, address) }; });
      }

      function later() {
        say("data-loading-template");
        if (!redraw) redraw = window.setTimeout(function () { redraw = null; show(); }, REDRAW_EVERY);
      }

      function finish() {
        complete = true;
        window.clearTimeout(redraw);
        status.hidden = true;
        count.removeAttribute("aria-busy");
        show();
        if (window.performance && performance.mark) performance.mark("portal-list-complete");
      }

      function stop(error) {
        if (failed) return;
        failed = true;
        window.clearTimeout(redraw);
        console.warn(error);
        complete = true;
        count.removeAttribute("aria-busy");
        say("data-load-failed-template");
        if (links) links.hidden = false;
        show();
      }

      function say(template) {
        status.hidden = false;
        status.textContent = list.getAttribute(template).replace("{total}", total).replace("{loaded}", items.length);
      }
    }
  }

  // A part's rows, from its page: its list's table body, parsed in a document of its own whose
  // base is the part's address, so that each link, made absolute, still leads where it did.
  function rowsOf(html, address) {
    var start = html.indexOf("<tbody>", html.indexOf('class="portal-table portal-projects"'));
    var end = html.indexOf("</tbody>", start);
    if (start < 0 || end < 0) throw new Error(address + ": no list");
    var doc = document.implementation.createHTMLDocument("");
    var base = doc.createElement("base");
    base.href = address;
    doc.head.appendChild(base);
    var table = doc.createElement("table");
    table.innerHTML = html.slice(start, end + "</tbody>".length);
    Array.prototype.forEach.call(table.querySelectorAll("a[href]"), function (a) { a.setAttribute("href", a.href); });
    return Array.prototype.slice.call(table.tBodies[0].rows).map(function (row) { return document.adoptNode(row); });
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
