// Keep the reader's place when switching language: carry the #anchor over.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a.plansite-lang");
  if (link && window.location.hash) {
    link.setAttribute("href", link.getAttribute("href").split("#")[0] + window.location.hash);
  }
}, true);

// Wide tables on a phone: each cell is labelled with its column's heading, so that a table of
// four columns or more reads as one card per row (plansite.css) instead of columns a few
// characters wide.
document.querySelectorAll(".md-typeset table").forEach(function (table) {
  var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) { return th.textContent.trim(); });
  if (heads.length < 4) return;
  table.setAttribute("data-plansite-cards", "");
  table.querySelectorAll("tbody tr").forEach(function (row) {
    Array.prototype.forEach.call(row.children, function (cell, i) {
      if (heads[i]) cell.setAttribute("data-label", heads[i]);
    });
  });
});
