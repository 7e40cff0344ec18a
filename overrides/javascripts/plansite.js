// Keep the reader's place when switching language: carry the #anchor over.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a.plansite-lang");
  if (link && window.location.hash) {
    link.setAttribute("href", link.getAttribute("href").split("#")[0] + window.location.hash);
  }
}, true);
