/* Material for MkDocs 9.x, partials/javascripts/base.html, as an external file so that the pages'
 * Content-Security-Policy needs no inline script (overrides/partials/javascripts/base.html).
 * The one change: the scope comes from this script element's data-scope, not from the template. */
window.__md_scope = new URL(document.currentScript.getAttribute("data-scope"), location);
window.__md_hash = function (e) { return Array.from(e).reduce(function (h, c) { return (h << 5) - h + c.charCodeAt(0); }, 0); };
window.__md_get = function (e, store, scope) {
  store = store || localStorage; scope = scope || __md_scope;
  return JSON.parse(store.getItem(scope.pathname + "." + e));
};
window.__md_set = function (e, value, store, scope) {
  store = store || localStorage; scope = scope || __md_scope;
  try { store.setItem(scope.pathname + "." + e, JSON.stringify(value)); } catch (err) {}
};
