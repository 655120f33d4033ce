/* Charts: draws every [data-chart] element from the JSON options beside it.
   - Loads ECharts (served from this site, assets/vendor/echarts/) only on pages with charts,
     when the first of them comes near the screen or the page is idle; draws each chart then.
   - Works with Material's instant navigation: initialises through document$ and disposes the
     previous page's charts when the page is swapped.
   - Follows the light/dark palette (colours come from Material's CSS variables), resizes with
     its container (hidden tabs included) and opens a point's page when it is clicked.
   - Makes the chain map's nodes (HTML links, which work without it) select and show details. */
(function () {
  "use strict";
  var script = document.currentScript;
  var base = script ? script.src : document.baseURI;
  var libraryUrl = new URL("vendor/echarts/echarts.min.js", base).href;
  var loading = null;
  var live = [];

  function loadLibrary() {
    if (window.echarts) return Promise.resolve(window.echarts);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = libraryUrl;
        tag.onload = function () { resolve(window.echarts); };
        tag.onerror = function () { loading = null; reject(new Error("could not load " + libraryUrl)); };
        document.head.appendChild(tag);
      });
    }
    return loading;
  }

  function theme() {
    var style = getComputedStyle(document.body);
    var fg = style.getPropertyValue("--md-default-fg-color").trim() || "#333";
    var light = style.getPropertyValue("--md-default-fg-color--lighter").trim() || "#ccc";
    var axis = { axisLine: { lineStyle: { color: light } }, axisLabel: { color: fg }, nameTextStyle: { color: fg },
                 splitLine: { lineStyle: { color: light } } };
    var bg = style.getPropertyValue("--md-default-bg-color").trim() || "#fff";
    var tint = style.getPropertyValue("--portal-tint").trim() || "#f6f7f9";
    var rule = style.getPropertyValue("--portal-rule").trim() || "#dadce0";
    // The base map in the page's own tints, its borders in the rule colour; labels ringed in
    // the background colour so that they stay sharp over shapes and bubbles.
    var area = { itemStyle: { areaColor: tint, borderColor: rule }, label: { color: fg },
                 emphasis: { itemStyle: { areaColor: rule }, label: { color: fg } } };
    return { backgroundColor: "transparent", textStyle: { color: fg }, legend: { textStyle: { color: fg } },
             title: { textStyle: { color: fg } }, categoryAxis: axis, valueAxis: axis, geo: area,
             bar: { label: { color: fg, textBorderWidth: 0 } },
             scatter: { label: { color: fg, textBorderColor: bg, textBorderWidth: 3 } },
             tooltip: { backgroundColor: bg, borderColor: rule, textStyle: { color: fg } },
             scheme: document.body.getAttribute("data-md-color-scheme") || "default" };
  }

  function disposeAll() {
    live.forEach(function (entry) { entry.observer.disconnect(); entry.chart.dispose(); });
    live = [];
  }

  function draw(echarts, element) {
    var options = JSON.parse(element.getAttribute("data-options"));
    var mapName = element.getAttribute("data-map-name");
    var ready = Promise.resolve();
    if (mapName && !echarts.getMap(mapName)) {
      ready = fetch(new URL(element.getAttribute("data-map-url"), document.baseURI))
        .then(function (response) { return response.json(); })
        .then(function (geojson) { echarts.registerMap(mapName, geojson); });
    }
    return ready.then(function () {
      // A page swapped away while the base map loaded: its element is gone.
      if (!element.isConnected) return;
      var current = theme();
      var chart = echarts.init(element, current, { renderer: "canvas" });
      element.setAttribute("data-theme", current.scheme);
      if (options.tooltip && options.tooltip.trigger === "item") options.tooltip.formatter = tip;
      if (element.getAttribute("data-group") === "of") prepareZoneBubbles(options, element);
      narrow(options, element.clientWidth);
      chart.setOption(options);
      chart.on("click", function (params) {
        var data = params.data || {};
        if (data.filter && filterList(data.filter)) return;
        var root = new URL(element.getAttribute("data-root"), document.baseURI);
        if (data.url) window.location.assign(new URL(data.url, root).href);
      });
      follow(chart, element);
      // A box of no width (a page being left, a collapsed container) gives a map's view no
      // scale, which ECharts cannot invert: such sizes are skipped.
      var observer = new ResizeObserver(function () {
        if (element.clientWidth && element.clientHeight && !chart.isDisposed()) chart.resize();
      });
      observer.observe(element);
      live.push({ chart: chart, observer: observer, element: element });
    });
  }

  // --- the chain map (HTML lanes): a node selected shows its facts in a panel under its segment.
  function setUpChainMap(figure, index) {
    if (figure.hasAttribute("data-ready")) return;
    figure.setAttribute("data-ready", "");
    var panel = document.createElement("div");
    panel.className = "portal-node-detail";
    panel.id = "portal-node-detail-" + index;
    panel.setAttribute("role", "region");
    panel.hidden = true;
    var selected = null;
    Array.prototype.forEach.call(figure.querySelectorAll("[data-node]"), function (node) {
      node.setAttribute("role", "button");
      node.setAttribute("aria-expanded", "false");
      node.setAttribute("aria-controls", panel.id);
    });

    function element(tag, text) {
      var el = document.createElement(tag);
      if (text !== undefined) el.textContent = text;
      return el;
    }

    function close() {
      if (!selected) return;
      selected.setAttribute("aria-expanded", "false");
      panel.hidden = true;
      selected = null;
    }

    function select(node) {
      var again = node === selected;
      close();
      if (again) return;
      var facts = JSON.parse(node.getAttribute("data-facts"));
      panel.textContent = "";
      var button = element("button", "×");
      button.type = "button";
      button.setAttribute("aria-label", figure.getAttribute("data-close"));
      button.addEventListener("click", function () { var from = selected; close(); if (from) from.focus(); });
      var title = element("p");
      title.appendChild(element("strong", facts.title));
      title.appendChild(document.createTextNode(" · " + facts.kind));
      var list = element("dl");
      facts.facts.forEach(function (pair) { list.appendChild(element("dt", pair[0])); list.appendChild(element("dd", pair[1])); });
      var open = element("a", facts.open + " →");
      open.href = node.href;
      panel.append(button, title, list, open);
      panel.setAttribute("aria-label", facts.title);
      node.closest(".portal-segment").appendChild(panel);
      panel.hidden = false;
      node.setAttribute("aria-expanded", "true");
      selected = node;
    }

    figure.addEventListener("click", function (event) {
      var node = event.target.closest("[data-node]");
      if (!node) return;
      event.preventDefault();
      select(node);
    });
    figure.addEventListener("keydown", function (event) {
      var node = event.target.closest("[data-node]");
      if (node && event.key === " ") { event.preventDefault(); select(node); }
      if (event.key === "Escape" && selected) { var from = selected; close(); from.focus(); }
    });
  }

  // Folded enterprises and projects are printed too.
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details.portal-more"), function (d) { d.open = true; });
  });

  // On a phone, category names take at most a third of the chart's width (they break over lines).
  function narrow(options, width) {
    [].concat(options.yAxis || []).forEach(function (axis) {
      if (axis.axisLabel && axis.axisLabel.width) axis.axisLabel.width = Math.min(axis.axisLabel.width, Math.round(width / 3.2));
    });
  }

  // A point's tooltip: its lines (data.tip) as text, never as markup.
  function tip(params) {
    var lines = params.data && params.data.tip;
    if (!lines) return "";
    var box = document.createElement("div");
    lines.forEach(function (line, i) {
      var el = document.createElement(i ? "div" : "strong");
      el.textContent = line;
      box.appendChild(el);
    });
    return box;
  }

  // --- a map of bubbles per zone and stage (generator/charts.py, _zone_stage_bubbles): each
  // bubble's tooltip and filter, from what it holds (`of`: jurisdiction/zone/stage), and the
  // scale its area follows, kept for when the list's filter changes what it holds.
  function prepareZoneBubbles(options, element) {
    var words = JSON.parse(element.getAttribute("data-follow")).words;
    var largest = 0;
    options.series.forEach(function (series) {
      series.data.forEach(function (point) {
        if (!point.of) return;
        var parts = point.of.split("/");
        point.zoneName = point.name;
        point.name = point.name + " · " + series.name;
        point.filter = { jurisdiction: parts[0], zone: parts[1], stage: parts[2] };
        largest = Math.max(largest, point.value[2]);
        setHolds(point, point.count, point.value[2], words);
      });
    });
    element.portalOptions = options;
    element.portalLargest = largest;
  }

  function setHolds(point, count, amount, words) {
    point.count = count;
    point.value = [point.value[0], point.value[1], amount];
    point.tip = [point.name, words[0] + count,
                 words[1] + amount.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })];
  }

  // A bubble's diameter, as generator/charts.py's _bubble: its area in proportion to the amount.
  function bubble(amount, largest, scale) {
    return !amount || !largest ? scale[0] : Math.round((scale[0] + (scale[1] - scale[0]) * Math.sqrt(amount / largest)) * 10) / 10;
  }

  // A zone clicked on a page with a list filters the list to it (the list keeps the address);
  // a field the list does not have (the jurisdiction, on a jurisdiction's own list) is left out.
  function filterList(filter) {
    var form = document.querySelector("[data-portal-list] form.portal-filters");
    if (!form) return false;
    var names = Object.keys(filter).filter(function (name) { return form.elements[name]; });
    var ok = names.length && names.every(function (name) {
      var field = form.elements[name];
      return field && Array.prototype.some.call(field.options || [], function (o) { return o.value === filter[name]; });
    });
    if (!ok) return false;
    names.forEach(function (name) { form.elements[name].value = filter[name]; });
    form.dispatchEvent(new Event("change"));
    form.closest("[data-portal-list]").scrollIntoView({ block: "start" });
    return true;
  }

  // --- charts that follow the list on their page: counts and amounts of the rows it shows, or
  // (data-group="id", the map) only the points of the rows it shows.
  function follow(chart, element) {
    var group = element.getAttribute("data-group");
    var list = document.querySelector("[data-portal-list]");
    if (!group || !list) return;
    // Every row the list's filter lets through, on any of its pages (assets/investment.js).
    var shown = list.portalShown || list.querySelectorAll("tbody tr");
    if (group === "id") return followPoints(chart, element, shown);
    if (group === "of") return followZones(chart, element, shown);
    var follow = JSON.parse(element.getAttribute("data-follow") || "{}");
    if (follow.top) return followTop(chart, group, follow.top, shown, list);
    var keys = JSON.parse(element.getAttribute("data-keys")), place = {};
    keys.forEach(function (key, index) { place[key] = index; });
    var counts = keys.map(function () { return 0; }), amounts = keys.map(function () { return 0; });
    Array.prototype.forEach.call(shown, function (row) {
      var index = place[row.getAttribute("data-" + group)];
      if (index === undefined) return;
      counts[index] += 1;
      amounts[index] += parseFloat(row.getAttribute("data-amount")) || 0;
    });
    chart.setOption({ series: [{ data: counts }, { data: amounts.map(function (a) { return Math.round(a * 100) / 100; }) }] });
  }

  // A chart of the largest categories only (generator/charts.py, chain_stats): the largest by
  // amount among the rows shown, named as the list's filter of the same name names them.
  function followTop(chart, group, top, shown, list) {
    var sums = {};
    Array.prototype.forEach.call(shown, function (row) {
      var key = row.getAttribute("data-" + group), sum = sums[key] || (sums[key] = { key: key, count: 0, amount: 0 });
      sum.count += 1;
      sum.amount += parseFloat(row.getAttribute("data-amount")) || 0;
    });
    var ranked = Object.keys(sums).map(function (key) { return sums[key]; })
      .sort(function (a, b) { return b.amount - a.amount || b.count - a.count; }).slice(0, top);
    var names = {}, select = list.querySelector("form.portal-filters select[name=" + group + "]");
    Array.prototype.forEach.call(select ? select.options : [], function (option) {
      names[option.value] = option.getAttribute("data-label") || option.textContent;
    });
    var categories = ranked.map(function (sum) { return names[sum.key] || sum.key; });
    chart.setOption({ yAxis: [{ data: categories }, { data: categories }],
                      series: [{ data: ranked.map(function (sum) { return sum.count; }) },
                               { data: ranked.map(function (sum) { return Math.round(sum.amount * 100) / 100; }) }] });
  }

  function followPoints(chart, element, shown) {
    var ids = {};
    Array.prototype.forEach.call(shown, function (row) { ids[row.getAttribute("data-id")] = true; });
    var all = JSON.parse(element.getAttribute("data-options")).series;
    chart.setOption({ series: all.map(function (series) {
      return { data: series.data.filter(function (point) { return !point.id || ids[point.id]; }) };
    }) });
  }

  function followZones(chart, element, shown) {
    var options = element.portalOptions;
    if (!options) return;
    var keys = JSON.parse(element.getAttribute("data-keys")), follow = JSON.parse(element.getAttribute("data-follow"));
    var held = {};
    Array.prototype.forEach.call(shown, function (row) {
      var key = keys.map(function (k) { return row.getAttribute("data-" + k); }).join("/");
      var sum = held[key] || (held[key] = { count: 0, amount: 0 });
      sum.count += 1;
      sum.amount += parseFloat(row.getAttribute("data-amount")) || 0;
    });
    chart.setOption({ series: options.series.map(function (series) {
      return { data: series.data.filter(function (point) { return !point.of || held[point.of]; }).map(function (point) {
        if (!point.of) return point;
        var sum = held[point.of], amount = Math.round(sum.amount * 100) / 100;
        var copy = Object.assign({}, point, { symbolSize: bubble(amount, element.portalLargest, follow.bubble) });
        setHolds(copy, sum.count, amount, follow.words);
        return copy;
      }) };
    }) });
  }

  document.addEventListener("portal:filtered", function () {
    live.forEach(function (entry) { follow(entry.chart, entry.element); });
  });

  // A chart is drawn when it comes near the screen, or else when the browser has nothing else to
  // do: ECharts is not fetched and run before a page whose charts lie below its first screen (a
  // list of 30,000 projects, under its first hundred rows) answers, and the page is still printed,
  // and read by tools that do not scroll, with every chart.
  var watching = null, pending = [];
  var idle = window.requestIdleCallback || function (work) { return window.setTimeout(work, 1000); };

  function drawAll() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-chain-map]"), setUpChainMap);
    disposeAll();
    if (watching) watching.disconnect();
    pending = Array.prototype.slice.call(document.querySelectorAll("[data-chart]"));
    if (!pending.length) return;
    if (!window.IntersectionObserver) return drawSome(pending.splice(0));
    watching = new IntersectionObserver(function (entries) {
      var near = entries.filter(function (entry) { return entry.isIntersecting; }).map(function (entry) {
        watching.unobserve(entry.target);
        pending.splice(pending.indexOf(entry.target), 1);
        return entry.target;
      });
      if (near.length) drawSome(near);
    }, { rootMargin: "600px 0px" });
    pending.forEach(function (element) { watching.observe(element); });
    drawRest();
  }

  // The charts not near the screen, one at a time, each when the browser is idle.
  function drawRest() {
    idle(function () {
      var element = pending.shift();
      if (!element) return;
      if (watching) watching.unobserve(element);
      drawSome([element]);
      drawRest();
    }, { timeout: 3000 });
  }

  function drawSome(elements) {
    loadLibrary().then(function (echarts) {
      return Promise.all(elements.map(function (element) { return draw(echarts, element); }));
    }).catch(function (error) { console.warn(error); });
  }

  // On paper every chart: those not drawn yet are drawn, if the library is already here.
  window.addEventListener("beforeprint", function () {
    if (window.echarts && pending.length) drawSome(pending.splice(0));
  });

  // Re-theme when the reader switches the light/dark palette.
  new MutationObserver(function () { if (live.length) drawAll(); })
    .observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(drawAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
