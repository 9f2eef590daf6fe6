/* Material for MkDocs 9.x, partials/javascripts/content.html, as an external file (see md-scope.js):
 * the content tab the reader chose last (with content.tabs.link) and the one the address names. */
(function () {
  if (document.currentScript.hasAttribute("data-tabs-link")) {
    var tabs = __md_get("__tabs");
    if (Array.isArray(tabs)) {
      document.querySelectorAll(".tabbed-set").forEach(function (set) {
        var labels = set.querySelector(".tabbed-labels");
        for (var t = 0; t < tabs.length; t++) {
          var found = [].slice.call(labels.getElementsByTagName("label")).filter(function (l) { return l.innerText.trim() === tabs[t]; })[0];
          if (found) { document.getElementById(found.htmlFor).checked = true; return; }
        }
      });
    }
  }
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.indexOf("__tabbed_") === 0;
})();
