/* The search page (theme/pages/search.html), on the language's Pagefind index.

   Pagefind's own script (pagefind/pagefind.js) fetches only the chunks of the index a query
   needs. This file draws the results: each says what it is and where (kind · jurisdiction),
   with filters by kind and jurisdiction and their counts. The words and the filters live in
   the address (?q=…&kind=…&place=…), so that a search can be shared and the back button works.

   Everything shown comes from the index, which holds the site's own text: titles and labels are
   set as text, and an excerpt keeps nothing of its markup but Pagefind's <mark>s.

   Anywhere on the site, "/" puts the cursor in a search box. */
(function () {
  "use strict";
  var PAGE_SIZE = 10;
  var GROUPS = ["kind", "place"];
  var bundles = {};   // bundle address -> the promise of its Pagefind module

  function pagefind(bundle, root) {
    if (!bundles[bundle]) {
      bundles[bundle] = import(bundle + "pagefind.js").then(function (module) {
        return module.options({ baseUrl: root, excerptLength: 30 }).then(function () { return module; });
      });
    }
    return bundles[bundle];
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* An excerpt as text with its <mark>s: DOMParser's document runs no script and loads nothing. */
  function excerpt(html) {
    var parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html").body;
    var out = element("p", "portal-search__excerpt");
    parsed.querySelectorAll("p").forEach(function (p) {
      p.childNodes.forEach(function (node) {
        if (node.nodeType === 1 && node.tagName === "MARK") out.appendChild(element("mark", "", node.textContent));
        else out.appendChild(document.createTextNode(node.textContent));
      });
    });
    return out;
  }

  function setUp(box) {
    var form = box.querySelector("form");
    var input = form.elements.q;
    var status = box.querySelector(".portal-search__status");
    var list = box.querySelector(".portal-search__results");
    var more = box.querySelector(".portal-search__more");
    var panel = box.querySelector(".portal-search__filters");
    var facets = box.querySelector(".portal-search__facets");
    var root = new URL(box.getAttribute("data-root"), document.baseURI);
    var bundle = new URL(box.getAttribute("data-bundle"), document.baseURI).href;
    var chosen = { kind: [], place: [] };
    var results = [], shown = 0, asked = 0;

    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    GROUPS.forEach(function (group) { chosen[group] = params.getAll(group); });
    // The filters' own index (which pages are of which kind and place) grows with the portal:
    // it is fetched when a visitor opens the filters, not for every first query.
    var faceted = GROUPS.some(function (g) { return chosen[g].length; });
    panel.open = faceted;
    panel.addEventListener("toggle", function () {
      if (panel.open && !faceted) {
        faceted = true;
        search(false);
      }
    });

    function address() {
      var query = new URLSearchParams();
      if (input.value.trim()) query.set("q", input.value.trim());
      GROUPS.forEach(function (group) { chosen[group].forEach(function (value) { query.append(group, value); }); });
      var said = query.toString();
      return window.location.pathname + (said ? "?" + said : "");
    }

    function filters(except) {
      var out = {};
      GROUPS.forEach(function (group) {
        if (group !== except && chosen[group].length) out[group] = { any: chosen[group] };
      });
      return out;
    }

    /* Each option's count is what ticking it would add: the words with the other groups'
       filters, as in any faceted search. */
    function facetCounts(module, words, found) {
      return Promise.all(GROUPS.map(function (group) {
        if (!chosen[group].length) return (found.filters || {})[group] || {};
        return module.search(words, { filters: filters(group) }).then(function (other) {
          return (other && other.filters || {})[group] || {};
        });
      })).then(function (lists) {
        var counts = {};
        GROUPS.forEach(function (group, i) { counts[group] = lists[i]; });
        return counts;
      });
    }

    function drawFacets(counts) {
      facets.textContent = "";
      if (!faceted) {   // the panel's summary alone, until it is opened
        panel.hidden = false;
        return;
      }
      GROUPS.forEach(function (group) {
        var values = Object.keys(counts[group] || {}).filter(function (value) {
          return counts[group][value] > 0 || chosen[group].indexOf(value) !== -1;
        });
        if (!values.length) return;
        var set = element("fieldset", "portal-search__facet");
        set.appendChild(element("legend", "", box.getAttribute("data-" + group)));
        values.sort(function (a, b) { return counts[group][b] - counts[group][a] || a.localeCompare(b); });
        values.forEach(function (value) {
          var label = element("label", "portal-search__option");
          var check = element("input");
          check.type = "checkbox";
          check.name = group;
          check.value = value;
          check.checked = chosen[group].indexOf(value) !== -1;
          check.addEventListener("change", function () {
            chosen[group] = Array.prototype.map.call(
              facets.querySelectorAll('input[name="' + group + '"]:checked'), function (c) { return c.value; });
            search(true);
          });
          label.appendChild(check);
          label.appendChild(element("span", "", value));
          label.appendChild(element("span", "portal-search__option-count", String(counts[group][value] || 0)));
          set.appendChild(label);
        });
        facets.appendChild(set);
      });
      panel.hidden = faceted && !facets.childNodes.length;
    }

    function drawResult(data) {
      var item = element("li", "portal-search__result");
      var place = data.meta.place ? " · " + data.meta.place : "";
      item.appendChild(element("p", "portal-search__context", (data.meta.kind || "") + place));
      var link = element("a", "portal-search__title", data.meta.title || data.url);
      link.href = data.url;
      var heading = element("h2", "portal-search__heading");
      heading.appendChild(link);
      item.appendChild(heading);
      item.appendChild(excerpt(data.excerpt));
      // The sections of the page that hold the words, beyond the page's own top.
      var sections = (data.sub_results || []).filter(function (sub) { return sub.url.indexOf("#") !== -1; });
      if (sections.length) {
        var sub = element("ul", "portal-search__sections");
        sections.slice(0, 3).forEach(function (section) {
          var entry = element("li");
          var to = element("a", "", section.title);
          to.href = section.url;
          entry.appendChild(to);
          sub.appendChild(entry);
        });
        item.appendChild(sub);
      }
      return item;
    }

    function showMore() {
      var next = results.slice(shown, shown + PAGE_SIZE);
      var ticket = asked;
      return Promise.all(next.map(function (result) { return result.data(); })).then(function (pages) {
        if (ticket !== asked) return;
        pages.forEach(function (data) { list.appendChild(drawResult(data)); });
        shown += next.length;
        more.hidden = shown >= results.length;
        list.setAttribute("aria-busy", "false");
      });
    }

    function search(changed) {
      var words = input.value.trim();
      var ticket = ++asked;
      if (changed) window.history.replaceState(window.history.state, "", address());
      list.textContent = "";
      more.hidden = true;
      list.setAttribute("aria-busy", "true");
      if (!words) {
        status.textContent = "";
        panel.hidden = true;
        list.setAttribute("aria-busy", "false");
        return Promise.resolve();
      }
      status.textContent = box.getAttribute("data-busy");
      var module;
      return pagefind(bundle, root.pathname).then(function (loaded) {
        module = loaded;
        return faceted ? module.filters() : null;   // filters() loads their index: results then carry counts
      }).then(function () {
        return module.search(words, { filters: filters() });
      }).then(function (found) {
        if (ticket !== asked || !found) return;
        return facetCounts(module, words, found).then(function (counts) { return [found, counts]; });
      }).then(function (both) {
        if (!both || ticket !== asked) return;
        var found = both[0];
        results = found.results;
        shown = 0;
        drawFacets(both[1]);
        status.textContent = results.length === 0 ? box.getAttribute("data-none")
          : results.length === 1 ? box.getAttribute("data-found-one")
          : box.getAttribute("data-found").replace("{n}", results.length.toLocaleString());
        return showMore();
      }).catch(function () {
        if (ticket !== asked) return;
        status.textContent = box.getAttribute("data-failed");
        list.setAttribute("aria-busy", "false");
      });
    }

    var typing;
    input.addEventListener("input", function () {
      window.clearTimeout(typing);
      typing = window.setTimeout(function () { search(true); }, 250);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      window.clearTimeout(typing);
      search(true);
    });
    more.addEventListener("click", function () {
      var first = list.children.length;
      showMore().then(function () {
        var link = list.children[first] && list.children[first].querySelector("a");
        if (link) link.focus();   // the keyboard goes on where the new results begin
      });
    });
    search(false);
    if (!input.value) input.focus();
  }

  function init() {
    var box = document.querySelector(".portal-search");
    if (box && !box.hasAttribute("data-ready")) {
      box.setAttribute("data-ready", "");
      setUp(box);
    }
  }

  // On the search page, the header's button leads to the page's own box.
  document.addEventListener("submit", function (event) {
    var own = document.querySelector(".portal-search__input");
    if (own && event.target.classList.contains("portal-header-search")) {
      event.preventDefault();
      own.focus();
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    var box = document.querySelector(".portal-search__input") || document.querySelector(".portal-header-search__input");
    if (box && box.offsetParent !== null) {
      event.preventDefault();
      box.focus();
    }
  });

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
