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

// "Cite" on every commitment: copies its reference with the item's permalink (made from the page's
// own address, so it is right wherever the site is served).
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest("button.plansite-cite");
  if (!button) return;
  var url = window.location.origin + window.location.pathname + "#" + button.getAttribute("data-anchor");
  var text = button.getAttribute("data-cite") + url;
  var done = function () {
    var label = button.textContent;
    button.textContent = document.documentElement.lang.indexOf("en") === 0 ? "Citation copied" : "已复制引用";
    button.setAttribute("data-copied", text);
    setTimeout(function () { button.textContent = label; }, 2000);
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); });
  } else {
    fallbackCopy(text);
    done();
  }
});

function fallbackCopy(text) {
  var area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  try { document.execCommand("copy"); } catch (e) { /* the text stays in data-copied */ }
  document.body.removeChild(area);
}
