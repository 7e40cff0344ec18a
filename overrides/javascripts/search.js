// Plansite search: a header search box on every page, and the search page that
// queries the site's static index (site/search-index/, built by
// generator/search_index.py) and lists matching commitments (each result is an
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

  // The index (generator/search_index.py): Chinese runs → overlapping bigrams, other text →
  // lower-cased words with light suffix folding; terms live in shard fnv1a(term) % shards.
  var HAN_RUN = /[\u3400-\u4dbf\u4e00-\u9fff]+/g;
  var WORD = /[a-z0-9]+(?:['’][a-z]+)?/g;
  // As generator/search_index.py fold_word: a word and its plural are one term.
  function foldWord(w) {
    w = w.replace("’", "'").split("'")[0];
    if (w.length > 4 && /ies$/.test(w)) return w.slice(0, -3) + "y";
    if (w.length > 4 && /(sses|xes|ches|shes|zzes)$/.test(w)) return w.slice(0, -2);
    if (w.length > 3 && /s$/.test(w) && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
    var sufs = ["ing", "ed"];
    for (var i = 0; i < sufs.length; i++) {
      var s = sufs[i];
      if (w.length > s.length + 3 && w.slice(-s.length) === s) return w.slice(0, -s.length);
    }
    return w;
  }
  function words(text) {
    var ws = (text.toLowerCase().match(WORD) || []).map(foldWord).filter(Boolean);
    var pairs = [];
    for (var i = 0; i + 1 < ws.length; i++) pairs.push(ws[i] + " " + ws[i + 1]);
    return ws.concat(pairs);
  }
  function terms(text) {
    var out = [], pos = 0, m;
    HAN_RUN.lastIndex = 0;
    while ((m = HAN_RUN.exec(text)) !== null) {
      out = out.concat(words(text.slice(pos, m.index)));
      var run = m[0];
      if (run.length === 1) out.push(run);
      for (var i = 0; i + 1 < run.length; i++) out.push(run.substr(i, 2));
      pos = m.index + run.length;
    }
    return out.concat(words(text.slice(pos)));
  }
  function fnv1a(term) {
    var bytes = new TextEncoder().encode(term), h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) { h ^= bytes[i]; h = Math.imul(h, 0x01000193) >>> 0; }
    return h >>> 0;
  }

  var indexBase = new URL("search-index/" + (lang === "en" ? "en" : "zh") + "/", root);
  var cache = {};
  function getJSON(name) {
    if (!cache[name]) cache[name] = fetch(new URL(name, indexBase)).then(function (r) { return r.json(); });
    return cache[name];
  }

  var PHRASE_BONUS = 2.0;
  // A term's postings (generator/search_index.py): per record, the gap from the previous
  // record id in base 36, then one letter A…Z = the BM25 term weight in tenths.
  function unpack(packed) {
    var out = [], rec = 0, gap = "";
    for (var i = 0; i < packed.length; i++) {
      var c = packed.charCodeAt(i);
      if (c >= 65 && c <= 90) {
        rec += parseInt(gap, 36);
        out.push([rec, (c - 64) / 10]);
        gap = "";
      } else {
        gap += packed[i];
      }
    }
    return out;
  }
  function searchIndex(query) {
    var qterms = terms(query).filter(function (t, i, a) { return a.indexOf(t) === i; });
    if (!qterms.length) return Promise.resolve([]);
    return getJSON("meta.json").then(function (meta) {
      return Promise.all(qterms.map(function (t) {
        return getJSON("terms-" + (fnv1a(t) % meta.shards) + ".json").then(function (shard) { return shard[t] ? unpack(shard[t]) : []; });
      })).then(function (lists) {
        var scores = {}, matched = {};
        lists.forEach(function (list) {
          if (!list.length) return;
          var idf = Math.log(1 + (meta.records - list.length + 0.5) / (list.length + 0.5));
          list.forEach(function (p) {
            scores[p[0]] = (scores[p[0]] || 0) + idf * p[1];
            matched[p[0]] = (matched[p[0]] || 0) + 1;
          });
        });
        var ids = Object.keys(scores).map(Number);
        // records that contain every term of the query first, then the rest by score
        ids.sort(function (a, b) { return (matched[b] - matched[a]) || (scores[b] - scores[a]) || (a - b); });
        ids = ids.slice(0, 30);  // only these records' metadata chunks are fetched
        var chunks = ids.map(function (r) { return Math.floor(r / meta.chunk); }).filter(function (c, i, a) { return a.indexOf(c) === i; });
        return Promise.all(chunks.map(function (c) { return getJSON("records-" + c + ".json"); })).then(function () {
          return Promise.all(ids.map(function (r) {
            return getJSON("records-" + Math.floor(r / meta.chunk) + ".json").then(function (rows) {
              var row = rows[r % meta.chunk], doc = row.d;
              // a record names its document only when it differs from the record before it
              for (var k = r % meta.chunk; doc === undefined && k >= 0; k--) doc = rows[k].d;
              var shown = (row.t + " " + row.x).toLowerCase();
              var phrase = shown.indexOf(query.toLowerCase()) >= 0 ? PHRASE_BONUS : 0;
              var cover = matched[r] / qterms.length;
              return { url: new URL(row.u, root).href, title: row.t, doc: doc || "", excerpt: row.x, score: scores[r] * (0.5 + cover) + phrase * (1 + scores[r]) };
            });
          }));
        });
      });
    });
  }

  // The query's words in every form searched for (simplified, abbreviation or full name), to be
  // marked in the results: Chinese as text, longest first; English as words folded the way the
  // index folds them: a query for "service" marks "services", and "care" is not marked in
  // "career".
  function markWords(forms) {
    var han = [], latin = {};
    forms.forEach(function (f) {
      f.toLowerCase().split(/\s+/).forEach(function (w) {
        if (!w) return;
        if (/^[a-z0-9'’]+$/.test(w)) latin[foldWord(w)] = true;
        else if (han.indexOf(w) < 0) han.push(w);
      });
    });
    return { han: han.sort(function (a, b) { return b.length - a.length; }), latin: latin };
  }

  // ``value`` into ``el`` as text, what ``words`` finds in <mark>s: source text is only ever set
  // as text nodes, never parsed as HTML.
  function marked(el, value, words) {
    var lower = value.toLowerCase(), spans = [], m;
    words.han.forEach(function (w) {
      for (var i = lower.indexOf(w); i >= 0; i = lower.indexOf(w, i + w.length)) spans.push([i, i + w.length]);
    });
    var word = new RegExp(WORD.source, "g");
    while ((m = word.exec(lower)) !== null) {
      if (words.latin[foldWord(m[0])]) spans.push([m.index, m.index + m[0].length]);
    }
    spans.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var at = 0;
    spans.forEach(function (span) {
      if (span[0] < at) return;  // inside a longer mark
      if (span[0] > at) el.appendChild(document.createTextNode(value.slice(at, span[0])));
      var mark = document.createElement("mark");
      mark.textContent = value.slice(span[0], span[1]);
      el.appendChild(mark);
      at = span[1];
    });
    if (at < value.length) el.appendChild(document.createTextNode(value.slice(at)));
  }

  var generation = 0;
  function run(query, status, list) {
    var mine = ++generation;
    query = query.trim();
    if (!query) { list.innerHTML = ""; status.textContent = ""; return; }
    var words;  // set with the forms searched for, before any result is shown
    loadFold().then(function (table) {
      var forms = variants(query, table);
      words = markWords(forms);
      return Promise.all(forms.map(searchIndex));
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
        marked(a, h.title, words);
        var doc = document.createElement("span");
        doc.className = "plansite-result__doc";
        doc.textContent = h.doc;
        var p = document.createElement("p");
        p.className = "plansite-result__excerpt";
        marked(p, h.excerpt || "", words);
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

  // What the explorer's text filter (explorer.js) reads the same index with.
  window.PlansiteSearch = { terms: terms, fnv1a: fnv1a, unpack: unpack, loadFold: loadFold };

  function init() { addHeaderBox(); searchPageInit(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
