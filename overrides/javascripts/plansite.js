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

// Reading modes (partials/reading.html): larger text and high contrast, each a toggle on <html>
// remembered in localStorage (one origin: both language trees share it; main.html applies it
// before the page is drawn).
(function () {
  var modes = { "plansite-textsize": ["data-plansite-textsize", "large"], "plansite-contrast": ["data-plansite-contrast", "high"] };
  Object.keys(modes).forEach(function (id) {
    var button = document.getElementById(id);
    var attr = modes[id][0], value = modes[id][1];
    if (!button) return;
    var on = function () { return document.documentElement.getAttribute(attr) === value; };
    button.setAttribute("aria-pressed", String(on()));
    button.addEventListener("click", function () {
      var next = !on();
      if (next) document.documentElement.setAttribute(attr, value);
      else document.documentElement.removeAttribute(attr);
      try {
        if (next) localStorage.setItem(id, value);
        else localStorage.removeItem(id);
      } catch (e) { /* private mode: the mode lasts for this page */ }
      button.setAttribute("aria-pressed", String(next));
    });
  });
})();

// Print: each item's permalink, made from the page's own address, printed small after it
// (plansite.css shows .plansite-print-link only on paper).
document.querySelectorAll("button.plansite-cite[data-anchor]").forEach(function (button) {
  var link = document.createElement("span");
  link.className = "plansite-print-link";
  link.textContent = window.location.origin + window.location.pathname + "#" + button.getAttribute("data-anchor");
  button.parentNode.appendChild(link);
});

// Read aloud (朗读) an item or the page with the browser's speech synthesis, only where the
// system has a voice for the page's language: without one the buttons stay hidden.
(function () {
  var synth = window.speechSynthesis;
  if (!synth || typeof SpeechSynthesisUtterance === "undefined") return;
  var lang = document.documentElement.lang.indexOf("en") === 0 ? "en" : "zh";
  var pageButton = document.querySelector("button.plansite-speak[data-speak=page]");
  var skip = ".plansite-chips, .plansite-related, .plansite-cite-row, .plansite-speak-row, .headerlink, .plansite-item-kind, table, .admonition";
  var heading = /^H[1-6]$/;

  function voice() {
    return synth.getVoices().filter(function (v) { return (v.lang || "").toLowerCase().indexOf(lang) === 0; })[0] || null;
  }
  function textOf(el) {
    var copy = el.cloneNode(true);
    copy.querySelectorAll(skip).forEach(function (e) { e.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }
  function itemText(anchor) {
    var h = document.getElementById(anchor);
    if (!h) return "";
    var parts = [textOf(h)];
    for (var el = h.nextElementSibling; el && !heading.test(el.tagName); el = el.nextElementSibling) {
      if (!el.matches(skip)) parts.push(textOf(el));
    }
    return parts.join("\n");
  }
  function pageText() {
    var article = document.getElementById("plansite-content");
    return Array.prototype.filter.call(article.querySelectorAll("h1, h2, h3, h4, p, li"), function (el) {
      return !el.closest(skip) && !el.querySelector("p, li");
    }).map(textOf).filter(Boolean).join("\n");
  }
  var playing = null;
  function stop() {
    synth.cancel();
    if (playing) {
      playing.textContent = playing.getAttribute("data-label");
      playing.setAttribute("aria-pressed", "false");
    }
    playing = null;
  }
  function speak(button, text) {
    var was = playing;
    stop();
    if (was === button) return;  // pressed again: stopped
    var v = voice();
    // sentence by sentence: long utterances are cut off by some engines
    var sentences = text.match(/[^。！？!?.\n]+[。！？!?.]*/g) || [];
    sentences.forEach(function (s, i) {
      var u = new SpeechSynthesisUtterance(s.trim());
      u.lang = lang === "en" ? "en" : "zh-CN";
      if (v) u.voice = v;
      if (i === sentences.length - 1) u.onend = function () { if (playing === button) stop(); };
      synth.speak(u);
    });
    playing = button;
    button.textContent = button.getAttribute("data-stop");
    button.setAttribute("aria-pressed", "true");
  }
  function setUp() {
    if (!voice() || document.querySelector("button.plansite-speak[data-speak=item]")) return;
    if (pageButton) pageButton.parentNode.hidden = false;
    document.querySelectorAll("button.plansite-cite[data-anchor]").forEach(function (cite) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "plansite-speak";
      b.setAttribute("data-speak", "item");
      b.setAttribute("data-anchor", cite.getAttribute("data-anchor"));
      b.setAttribute("data-label", pageButton.getAttribute("data-item") || pageButton.getAttribute("data-label"));
      b.setAttribute("data-stop", pageButton.getAttribute("data-stop"));
      b.textContent = b.getAttribute("data-label");
      cite.insertAdjacentElement("afterend", b);
    });
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.plansite-speak");
    if (!button) return;
    speak(button, button.getAttribute("data-speak") === "page" ? pageText() : itemText(button.getAttribute("data-anchor")));
  });
  if (!pageButton) return;
  setUp();
  if (synth.addEventListener) synth.addEventListener("voiceschanged", setUp);
})();
