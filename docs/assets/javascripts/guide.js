// Small behaviours of the guide on top of Material.

// Material's search container has role="dialog" but no name; screen readers
// (and axe) need one. Once is enough: the header is not replaced on navigation.
var search = document.querySelector(".md-search[role=dialog]");
if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "搜索");

// 常用词句库: show only the phrases of the chosen section.
// Material loads pages without a full reload, so listen to its document$.
document$.subscribe(function () {
  var filter = document.querySelector(".phrase-filter");
  if (!filter) return;
  filter.addEventListener("change", function (event) {
    var value = event.target.value;
    document.querySelectorAll(".phrase-bank .copy-block").forEach(function (block) {
      var section = block.firstElementChild.getAttribute("data-section");
      block.hidden = value !== "all" && section !== value;
    });
  });
});
