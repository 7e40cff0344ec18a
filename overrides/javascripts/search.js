// Plansite search: a header search box on every page, and the search page that
// queries the Pagefind index and lists matching commitments (each result is an
// item, linked to its #item anchor). Queries are folded first: traditional
// characters → simplified, and abbreviations ↔ full forms (data/search-fold.json).
(function () {
  "use strict";
  var meta = function (name) {
    var el = document.querySelector('meta[name="' + name + '"]');
    return el ? el.getAttribute("content") : "";
  };
  var root = new URL(meta("plansite-root") || "./", window.location.href);
  var lang = meta("plansite-lang") || document.documentElement.lang || "zh";
  var searchPage = new URL(lang === "en" ? "en/search/" : "search/", root);
  var text = {
    zh: { placeholder: "搜索", none: "没有找到符合条件的工作任务。", count: function (n) { return "找到 " + n + " 条工作任务"; } },
    en: { placeholder: "Search", none: "No commitments match.", count: function (n) { return n + " commitment" + (n === 1 ? "" : "s") + " found"; } }
  }[lang === "en" ? "en" : "zh"];

  // Header box on every page: Enter opens the search page with the query.
  function addHeaderBox() {
    var header = document.querySelector(".md-header__inner");
    if (!header || document.getElementById("plansite-q")) return;
    var form = document.createElement("form");
    form.className = "plansite-header-search";
    form.setAttribute("role", "search");
    form.action = searchPage.pathname;
    var input = document.createElement("input");
    input.type = "search";
    input.name = "q";
    input.placeholder = text.placeholder;
    input.setAttribute("aria-label", text.placeholder);
    form.appendChild(input);
    var options = header.querySelector(".md-header__option");
    header.insertBefore(form, options || null);
  }

  var fold = null;
  function loadFold() {
    if (!fold) {
      fold = fetch(new URL("data/search-fold.json", root)).then(function (r) { return r.json(); })
        .catch(function () { return { chars: {}, synonyms: [] }; });
    }
    return fold;
  }

  function variants(query, table) {
    var simplified = Array.from(query).map(function (c) { return table.chars[c] || c; }).join("");
    var out = [simplified];
    table.synonyms.forEach(function (group) {
      group.forEach(function (form) {
        if (simplified.indexOf(form) >= 0) {
          group.forEach(function (other) {
            if (other !== form) out.push(simplified.split(form).join(other));
          });
        }
      });
    });
    return out.filter(function (v, i) { return out.indexOf(v) === i; }).slice(0, 6);
  }

  // Chinese queries are cut into the words the index was built with (data/search-vocab.txt):
  // forward maximum matching over the index vocabulary; other text splits on spaces.
  var vocab = null;
  function loadVocab() {
    if (!vocab) {
      vocab = fetch(new URL("data/search-vocab.txt", root)).then(function (r) { return r.text(); })
        .then(function (t) { return new Set(t.split("\n").filter(Boolean)); })
        .catch(function () { return new Set(); });
    }
    return vocab;
  }

  var MAX_WORD = 8;
  function segment(query, words) {
    var out = [];
    query.split(/([\u4e00-\u9fff]+)/).forEach(function (part, i) {
      if (i % 2 === 0) {
        part.split(/[\s\u3000，。、；：？！“”‘’（）《》]+/).forEach(function (w) { if (w) out.push(w); });
        return;
      }
      var pos = 0;
      while (pos < part.length) {
        var len = Math.min(MAX_WORD, part.length - pos);
        while (len > 1 && !words.has(part.substr(pos, len))) len--;
        out.push(part.substr(pos, len));
        pos += len;
      }
    });
    return out.join(" ");
  }

  var pagefind = null;
  // Chinese is indexed as "cmn" (see generator/search_index.py): Pagefind picks its index
  // from <html lang> when an instance is created, so the search page presents that code
  // for the moment the instance is made.
  var INDEX_LANGUAGE = { zh: "cmn" };
  function loadPagefind() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
        var html = document.documentElement;
        var pageLang = html.getAttribute("lang");
        html.setAttribute("lang", INDEX_LANGUAGE[lang] || lang);
        var instance = pf.createInstance({ baseUrl: "/" });
        return instance.init().then(function () {
          html.setAttribute("lang", pageLang);
          return instance;
        });
      });
    }
    return pagefind;
  }

  function itemHits(result) {
    // Every record is one commitment (or one document's title page), see generator/search_index.py.
    return result.data().then(function (data) {
      var url = new URL(data.url.replace(/^\/+/, ""), root).href;
      return [{ url: url, title: data.meta.title, doc: data.meta.document, excerpt: data.meta.excerpt, score: result.score }];
    });
  }

  var generation = 0;
  function run(query, status, list) {
    var mine = ++generation;
    query = query.trim();
    if (!query) { list.innerHTML = ""; status.textContent = ""; return; }
    Promise.all([loadPagefind(), loadFold(), loadVocab()]).then(function (all) {
      var pf = all[0], table = all[1], words = all[2];
      return Promise.all(variants(query, table).map(function (q) { return pf.search(segment(q, words)); }));
    }).then(function (searches) {
      var results = [];
      searches.forEach(function (s) { if (s) results = results.concat(s.results.slice(0, 30)); });
      return Promise.all(results.map(itemHits));
    }).then(function (groups) {
      if (mine !== generation) return;
      var best = {};
      groups.forEach(function (hits) {
        hits.forEach(function (h) { if (!best[h.url] || best[h.url].score < h.score) best[h.url] = h; });
      });
      var hits = Object.keys(best).map(function (k) { return best[k]; });
      hits.sort(function (a, b) { return b.score - a.score || (a.url < b.url ? -1 : 1); });
      list.innerHTML = "";
      hits.slice(0, 50).forEach(function (h) {
        var li = document.createElement("li");
        li.className = "plansite-result";
        li.setAttribute("data-url", h.url);
        var a = document.createElement("a");
        a.href = h.url;
        a.textContent = h.title;
        var doc = document.createElement("span");
        doc.className = "plansite-result__doc";
        doc.textContent = h.doc;
        var p = document.createElement("p");
        p.className = "plansite-result__excerpt";
        p.textContent = h.excerpt || "";  // source text: always set as text, never as HTML
        li.appendChild(a); li.appendChild(doc); li.appendChild(p);
        list.appendChild(li);
      });
      status.textContent = hits.length ? text.count(hits.length) : text.none;
      list.setAttribute("data-q", query);  // which query the list shows (tests wait on it)
    });
  }

  function searchPageInit() {
    var input = document.getElementById("plansite-q");
    if (!input) return;
    var status = document.getElementById("plansite-status");
    var list = document.getElementById("plansite-results");
    var timer = null;
    var go = function () {
      var url = new URL(window.location.href);
      url.searchParams.set("q", input.value);
      window.history.replaceState(null, "", url);
      run(input.value, status, list);
    };
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(go, 150); });
    var q = new URL(window.location.href).searchParams.get("q");
    if (q) { input.value = q; go(); }
  }

  function init() { addHeaderBox(); searchPageInit(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
