/* Charts: draws every [data-chart] element from the JSON options beside it.
   - Loads ECharts (served from this site, assets/vendor/echarts/) only on pages with charts.
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
    return { backgroundColor: "transparent", textStyle: { color: fg }, legend: { textStyle: { color: fg } },
             categoryAxis: axis, valueAxis: axis, graph: { label: { color: fg } },
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
      var current = theme();
      var chart = echarts.init(element, current, { renderer: "canvas" });
      element.setAttribute("data-theme", current.scheme);
      chart.setOption(options);
      chart.on("click", function (params) {
        var url = params.data && params.data.url;
        var root = new URL(element.getAttribute("data-root"), document.baseURI);
        if (url) window.location.assign(new URL(url, root).href);
      });
      var observer = new ResizeObserver(function () { chart.resize(); });
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

  function drawAll() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-chain-map]"), setUpChainMap);
    disposeAll();
    var elements = Array.prototype.slice.call(document.querySelectorAll("[data-chart]"));
    if (!elements.length) return;
    loadLibrary().then(function (echarts) {
      return Promise.all(elements.map(function (element) { return draw(echarts, element); }));
    }).catch(function (error) { console.warn(error); });
  }

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
