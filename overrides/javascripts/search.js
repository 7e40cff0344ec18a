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

  var pagefind = null;
  function loadPagefind() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
        return pf.options({ baseUrl: root.pathname }).then(function () { return pf; });
      });
    }
    return pagefind;
  }

  function itemHits(result) {
    return result.data().then(function (data) {
      var subs = (data.sub_results || []).filter(function (s) { return s.url.indexOf("#item-") >= 0; });
      if (!subs.length) {
        return [{ url: data.url, title: data.meta.title, doc: data.meta.title, excerpt: data.excerpt, score: result.score }];
      }
      return subs.map(function (s) {
        var weight = (s.locations || []).length || 1;
        return { url: s.url, title: s.title, doc: data.meta.title, excerpt: s.excerpt, score: result.score * weight };
      });
    });
  }

  var generation = 0;
  function run(query, status, list) {
    var mine = ++generation;
    query = query.trim();
    if (!query) { list.innerHTML = ""; status.textContent = ""; return; }
    Promise.all([loadPagefind(), loadFold()]).then(function (both) {
      var pf = both[0], table = both[1];
      return Promise.all(variants(query, table).map(function (q) { return pf.search(q); }));
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
        p.innerHTML = h.excerpt || "";  // Pagefind's excerpt: escaped text with <mark> around matches
        li.appendChild(a); li.appendChild(doc); li.appendChild(p);
        list.appendChild(li);
      });
      status.textContent = hits.length ? text.count(hits.length) : text.none;
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
