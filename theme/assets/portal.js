/* Small behaviours of every page. The 404 page speaks every language of the portal; the one
   whose folder the missing address is in comes first (a server sends the one 404 page for all). */
(function () {
  "use strict";
  function init() {
    var notices = document.querySelectorAll(".portal-not-found__notice");
    if (notices.length < 2) return;
    var path = window.location.pathname;
    for (var i = 0; i < notices.length; i++) {
      var prefix = notices[i].getAttribute("data-prefix");
      if (prefix && path.indexOf("/" + prefix) !== -1) {
        notices[i].parentNode.insertBefore(notices[i], notices[0]);
        document.documentElement.lang = notices[i].lang;
        return;
      }
    }
  }
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
