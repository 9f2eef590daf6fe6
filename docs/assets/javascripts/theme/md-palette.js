/* Material for MkDocs 9.x, partials/javascripts/palette.html, as an external file (see md-scope.js):
 * the colour scheme the reader chose, set before the page is drawn. */
(function () {
  var palette = __md_get("__palette");
  if (!(palette && palette.color)) return;
  if (palette.color.media === "(prefers-color-scheme)") {
    var media = matchMedia("(prefers-color-scheme: light)");
    var input = document.querySelector(media.matches ? "[data-md-color-media='(prefers-color-scheme: light)']"
      : "[data-md-color-media='(prefers-color-scheme: dark)']");
    palette.color.media = input.getAttribute("data-md-color-media");
    palette.color.scheme = input.getAttribute("data-md-color-scheme");
    palette.color.primary = input.getAttribute("data-md-color-primary");
    palette.color.accent = input.getAttribute("data-md-color-accent");
  }
  Object.keys(palette.color).forEach(function (key) { document.body.setAttribute("data-md-color-" + key, palette.color[key]); });
})();
