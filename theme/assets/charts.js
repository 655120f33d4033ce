/* Charts: draws every [data-chart] element from the JSON options beside it.
   - Loads ECharts (served from this site, assets/vendor/echarts/) only on pages with charts.
   - Works with Material's instant navigation: initialises through document$ and disposes the
     previous page's charts when the page is swapped.
   - Follows the light/dark palette (colours come from Material's CSS variables), resizes with
     its container (hidden tabs included) and opens a node's page when it is clicked. */
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

  function drawAll() {
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
