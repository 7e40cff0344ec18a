// Plansite explorer (/commitments/): filter every item of the corpus by theme, region, year, kind
// of plan, kind of item, has-target and text; counts beside each choice; a page of results as a
// table; the selection in the address (shareable, the back button works); the selection as CSV.
// Data (generator/render/explorer.py): data/explorer.json (one code per item, a column per
// document) and data/explorer/<doc-id>.json (what a row shows, in each language's tree), fetched
// for the rows shown.
// The text filter reads the search index (search-index/<lang>/, as search.js does). Source text
// is only ever set as text (textContent), never parsed as HTML.
(function () {
  "use strict";
  var box = document.getElementById("plansite-explorer");
  if (!box) return;
  var L = JSON.parse(box.getAttribute("data-labels"));
  var meta = function (name) {
    var el = document.querySelector('meta[name="' + name + '"]');
    return el ? el.getAttribute("content") : "";
  };
  var rootRel = meta("plansite-root") || "./";
  var root = new URL(rootRel, window.location.href);
  var lang = meta("plansite-lang") === "en" ? "en" : "zh";
  var treeRel = rootRel + (lang === "en" ? "en/" : "");
  var PAGE = 50;
  var F = { theme: 0, region: 1, year: 2, plan: 3, item: 4, target: 5, text: 6 };
  var fmt = function (s, vars) { return s.replace(/\{(\w+)\}/g, function (m, k) { return vars[k]; }); };
  var el = function (tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  };
  var fetched = {};
  function getJSON(url) {
    if (!fetched[url]) fetched[url] = fetch(url).then(function (r) { if (!r.ok) throw new Error(url); return r.json(); });
    return fetched[url];
  }

  // ---------------------------------------------------------------- the index, decoded once
  var D = null;
  function decode(ix) {
    var docs = ix.docs, nd = docs.id.length, start = new Int32Array(nd + 1), n = 0, d, j;
    for (d = 0; d < nd; d++) { start[d] = n; n += docs.items[d]; }
    start[nd] = n;
    var mask = new Int32Array(n), kind = new Uint8Array(n), tgt = new Uint8Array(n), w = ix.width, codes = ix.items;
    var digit = {}, alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
    for (j = 0; j < 64; j++) digit[alphabet[j]] = j;
    for (var i = 0; i < n; i++) {
      var c = 0;
      for (j = 0; j < w; j++) c = c * 64 + digit[codes[i * w + j]];
      var combo = ix.combos[c];
      mask[i] = combo[0]; kind[i] = combo[1]; tgt[i] = combo[2];
    }
    var chains = ix.regions.map(function (node, k) {  // each node with the nodes above it
      var chain = [k];
      for (var p = node[3]; p >= 0; p = ix.regions[p][3]) chain.push(p);
      return chain;
    });
    // the search index's records: documents by id, each one record and then one per item
    var byId = docs.id.map(function (_, k) { return k; }).sort(function (a, b) { return docs.id[a] < docs.id[b] ? -1 : 1; });
    var recToItem = new Int32Array(nd + n).fill(-1), rec = 0;
    byId.forEach(function (k) { rec++; for (var x = start[k]; x < start[k + 1]; x++) recToItem[rec++] = x; });
    var itemDoc = new Int32Array(n);
    for (d = 0; d < nd; d++) itemDoc.fill(d, start[d], start[d + 1]);
    return { ix: ix, nd: nd, n: n, start: start, mask: mask, kind: kind, tgt: tgt, chains: chains, recToItem: recToItem, itemDoc: itemDoc };
  }

  // ---------------------------------------------------------------- the selection and the address
  var DEFAULT_ITEM = ["commitment"];
  function parse(search) {
    var p = new URLSearchParams(search);
    var list = function (name, dflt) { return p.has(name) ? p.get(name).split(",").filter(Boolean) : dflt.slice(); };
    return {
      theme: list("theme", []), region: p.get("region") || "", year: list("year", []), plan: list("plan", []),
      item: list("item", DEFAULT_ITEM), target: p.get("target") === "1", q: p.get("q") || "", page: Math.max(1, parseInt(p.get("page") || "1", 10) || 1)
    };
  }
  function toURL(s) {
    var url = new URL(window.location.href);
    url.search = "";
    var p = url.searchParams;
    ["theme", "year", "plan"].forEach(function (k) { if (s[k].length) p.set(k, s[k].join(",")); });
    if (s.region) p.set("region", s.region);
    if (s.item.join(",") !== DEFAULT_ITEM.join(",")) p.set("item", s.item.join(","));
    if (s.target) p.set("target", "1");
    if (s.q) p.set("q", s.q);
    if (s.page > 1) p.set("page", String(s.page));
    return url;
  }

  // ---------------------------------------------------------------- the text filter (search index)
  function textMatches(q) {
    var S = window.PlansiteSearch;
    if (!q.trim() || !S) return Promise.resolve(null);
    var base = new URL("search-index/" + lang + "/", root);
    return S.loadFold().then(function (table) {
      var folded = Array.from(q).map(function (ch) { return table.chars[ch] || ch; }).join("");
      var terms = S.terms(folded).filter(function (t, i, a) { return a.indexOf(t) === i; });
      if (!terms.length) return null;
      return getJSON(new URL("meta.json", base).href).then(function (m) {
        return Promise.all(terms.map(function (t) {
          return getJSON(new URL("terms-" + (S.fnv1a(t) % m.shards) + ".json", base).href).then(function (shard) { return shard[t] ? S.unpack(shard[t]) : []; });
        }));
      }).then(function (lists) {
        var hits = new Uint16Array(D.recToItem.length), out = new Uint8Array(D.n);
        lists.forEach(function (list) { list.forEach(function (p) { if (p[0] < hits.length) hits[p[0]]++; }); });
        for (var r = 0; r < hits.length; r++) if (hits[r] === terms.length && D.recToItem[r] >= 0) out[D.recToItem[r]] = 1;
        return out;
      });
    });
  }

  // ---------------------------------------------------------------- filtering and counting
  function selector(values, chosen) {
    if (!chosen.length) return null;
    var sel = new Uint8Array(values.length);
    values.forEach(function (v, k) { if (chosen.indexOf(v) >= 0) sel[k] = 1; });
    return sel;
  }
  // Items matching the selection, in order, and each facet value's count: the items that value
  // would give with the other facets as selected.
  function compute(s, textSel) {
    var ix = D.ix, docs = ix.docs, nt = ix.themes.length;
    var themeMask = 0;
    ix.themes.forEach(function (t, k) { if (s.theme.indexOf(t[0]) >= 0) themeMask |= 1 << k; });
    var regionNode = -1;
    ix.regions.forEach(function (r, k) { if (r[0] === s.region) regionNode = k; });
    var inRegion = D.chains.map(function (chain) { return regionNode < 0 || chain.indexOf(regionNode) >= 0; });
    var years = selector(ix.periods, s.year), plans = selector(ix.kinds.map(function (k) { return k[0]; }), s.plan);
    var items = selector(ix.item_kinds, s.item);
    var c = { theme: new Int32Array(nt), region: new Int32Array(ix.regions.length), year: new Int32Array(ix.periods.length), plan: new Int32Array(ix.kinds.length), item: new Int32Array(ix.item_kinds.length), target: 0 };
    var results = [], mask = D.mask, kind = D.kind, tgt = D.tgt, start = D.start;
    var bits = function (m) { while (m) { var b = m & -m; c.theme[31 - Math.clz32(b)]++; m ^= b; } };
    for (var d = 0; d < D.nd; d++) {
      var fails = 0, which = -1, region = docs.region[d], period = docs.period[d], plan = docs.kind[d], inR = 0;
      if (region < 0 ? regionNode >= 0 : !inRegion[region]) { fails++; which = F.region; }
      if (years && !years[period]) { fails++; which = F.year; }
      if (plans && !plans[plan]) { fails++; which = F.plan; }
      if (fails > 1) continue;
      for (var i = start[d]; i < start[d + 1]; i++) {
        var f = fails, w = which, m = mask[i], k = kind[i];
        if (themeMask && !(m & themeMask)) { f++; w = F.theme; }
        if (items && !items[k]) { f++; w = F.item; }
        if (s.target && !tgt[i]) { f++; w = F.target; }
        if (textSel && !textSel[i]) { f++; w = F.text; }
        if (f > 1) continue;
        if (f === 0) {
          results.push(i);
          bits(m); inR++; c.year[period]++; c.plan[plan]++; c.item[k]++; c.target += tgt[i];
        } else if (w === F.theme) bits(m);
        else if (w === F.region) inR++;
        else if (w === F.year) c.year[period]++;
        else if (w === F.plan) c.plan[plan]++;
        else if (w === F.item) c.item[k]++;
      }
      if (inR && region >= 0) D.chains[region].forEach(function (node) { c.region[node] += inR; });
    }
    return { results: results, counts: c };
  }

  // ---------------------------------------------------------------- the form
  var ui = {};
  function option(fieldset, name, value, text) {
    var label = el("label", { class: "plansite-explorer__option" });
    var input = el("input", { type: "checkbox", name: name, value: value });
    var count = el("span", { class: "plansite-explorer__count" });
    label.appendChild(input);
    label.appendChild(el("span", { class: "plansite-explorer__name" }, text));
    label.appendChild(count);
    fieldset.appendChild(label);
    return { input: input, count: count, label: label };
  }
  function group(parent, legend, name, values) {
    var fs = el("fieldset", { class: "plansite-explorer__group", "data-facet": name });
    fs.appendChild(el("legend", {}, legend));
    parent.appendChild(fs);
    return values.map(function (v) { return option(fs, name, v[0], v[1]); });
  }
  function periodName(p) { return p === "undated" ? L.undated : p.replace("-", "–"); }
  function buildForm() {
    var ix = D.ix;
    box.textContent = "";
    var form = el("form", { class: "plansite-explorer__form", "aria-label": L.explorer_filters });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    var textRow = el("div", { class: "plansite-explorer__text" });
    textRow.appendChild(el("label", { for: "plansite-explorer-q" }, L.explorer_text));
    ui.q = el("input", { type: "search", id: "plansite-explorer-q", name: "q", autocomplete: "off", placeholder: L.explorer_text_hint });
    textRow.appendChild(ui.q);
    form.appendChild(textRow);
    var details = el("details", { class: "plansite-explorer__filters" });
    details.open = !window.matchMedia || window.matchMedia("(min-width: 60em)").matches;
    details.appendChild(el("summary", {}, L.explorer_filters));
    var target = el("div", { class: "plansite-explorer__group plansite-explorer__target" });
    ui.target = option(target, "target", "1", L.explorer_has_target);
    details.appendChild(target);
    ui.item = group(details, L.explorer_item_kind, "item", ix.item_kinds.map(function (k) { return [k, L["item_kind_" + k + "_name"]]; }));
    ui.theme = group(details, L.explorer_theme, "theme", ix.themes.map(function (t) { return [t[0], lang === "en" ? t[2] : t[1]]; }));
    var regionBox = el("div", { class: "plansite-explorer__group plansite-explorer__region" });
    regionBox.appendChild(el("label", { for: "plansite-explorer-region" }, L.explorer_region));
    ui.region = el("select", { id: "plansite-explorer-region", name: "region" });
    ui.region.appendChild(el("option", { value: "" }, L.explorer_region_all));
    ui.regionNames = ix.regions.map(function (r, k) {
      ui.region.appendChild(el("option", { value: r[0] }));
      return "\u2003".repeat(D.chains[k].length - 1) + (lang === "en" ? r[2] : r[1]);
    });
    regionBox.appendChild(ui.region);
    details.appendChild(regionBox);
    ui.year = group(details, L.explorer_year, "year", ix.periods.map(function (p) { return [p, periodName(p)]; }));
    ui.plan = group(details, L.explorer_plan_kind, "plan", ix.kinds.map(function (k) { return [k[0], lang === "en" ? k[2] : k[1]]; }));
    var reset = el("button", { type: "button", class: "md-button plansite-explorer__reset" }, L.explorer_reset);
    reset.addEventListener("click", function () { setForm(parse("")); changed(true); });
    details.appendChild(reset);
    form.appendChild(details);
    form.addEventListener("change", function (e) { if (e.target !== ui.q) changed(true); });
    var timer = null, typing = false;
    ui.q.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { changed(!typing); typing = true; }, 200);
    });
    ui.q.addEventListener("blur", function () { typing = false; });
    box.appendChild(form);
    buildResults();
  }
  function checked(list) { return list.filter(function (o) { return o.input.checked; }).map(function (o) { return o.input.value; }); }
  function fromForm() {
    return { theme: checked(ui.theme), region: ui.region.value, year: checked(ui.year), plan: checked(ui.plan), item: checked(ui.item), target: ui.target.input.checked, q: ui.q.value, page: 1 };
  }
  function setForm(s) {
    ["theme", "year", "plan", "item"].forEach(function (k) { ui[k].forEach(function (o) { o.input.checked = s[k].indexOf(o.input.value) >= 0; }); });
    ui.region.value = s.region;
    if (ui.region.value !== s.region) ui.region.value = "";
    ui.target.input.checked = s.target;
    ui.q.value = s.q;
  }
  function showCounts(c) {
    ["theme", "year", "plan", "item"].forEach(function (k) {
      ui[k].forEach(function (o, i) {
        o.count.textContent = String(c[k][i]);
        o.label.classList.toggle("plansite-explorer__option--none", c[k][i] === 0);
      });
    });
    ui.target.count.textContent = String(c.target);
    for (var k = 0; k < ui.regionNames.length; k++) ui.region.options[k + 1].textContent = ui.regionNames[k] + " (" + c.region[k] + ")";
  }

  // ---------------------------------------------------------------- the results
  function buildResults() {
    var out = el("section", { class: "plansite-explorer__results", "aria-label": L.explorer_col_title });
    var bar = el("div", { class: "plansite-explorer__bar" });
    ui.status = el("p", { class: "plansite-explorer__status", role: "status", "aria-live": "polite" });
    ui.csv = el("button", { type: "button", class: "md-button plansite-explorer__csv" }, L.explorer_csv);
    ui.csv.addEventListener("click", downloadCSV);
    bar.appendChild(ui.status);
    bar.appendChild(ui.csv);
    out.appendChild(bar);
    ui.table = el("table", { "data-plansite-cards": "", class: "plansite-explorer__table" });
    var head = el("tr");
    ui.heads = [L.explorer_col_plan, L.explorer_col_number, L.explorer_col_title, L.explorer_col_themes, L.explorer_col_targets];
    ui.heads.forEach(function (h) { head.appendChild(el("th", { scope: "col" }, h)); });
    var thead = el("thead");
    thead.appendChild(head);
    ui.table.appendChild(thead);
    ui.body = el("tbody");
    ui.table.appendChild(ui.body);
    var wrap = el("div", { class: "plansite-explorer__wrap" });
    wrap.appendChild(ui.table);
    out.appendChild(wrap);
    var pager = el("nav", { class: "plansite-explorer__pager", "aria-label": L.explorer_page.replace(/\{\w+\}/g, "").trim() });
    ui.prev = el("button", { type: "button", class: "md-button" }, L.explorer_prev);
    ui.next = el("button", { type: "button", class: "md-button" }, L.explorer_next);
    ui.pageText = el("span", { class: "plansite-explorer__page" });
    ui.prev.addEventListener("click", function () { turn(-1); });
    ui.next.addEventListener("click", function () { turn(1); });
    pager.appendChild(ui.prev);
    pager.appendChild(ui.pageText);
    pager.appendChild(ui.next);
    out.appendChild(pager);
    box.appendChild(out);
  }
  function docRows(d) { return getJSON(new URL((lang === "en" ? "en/" : "") + "data/explorer/" + D.ix.docs.id[d] + ".json", root).href); }
  function themeNames(m) {
    var names = [];
    D.ix.themes.forEach(function (t, k) { if (m & (1 << k)) names.push(lang === "en" ? t[2] : t[1]); });
    return names;
  }
  function themeIds(m) { return D.ix.themes.filter(function (t, k) { return m & (1 << k); }).map(function (t) { return t[0]; }); }
  function cell(tr, k, child) {
    var td = el("td", { "data-label": ui.heads[k] });
    if (typeof child === "string") td.textContent = child; else if (child) td.appendChild(child);
    tr.appendChild(td);
    return td;
  }
  // A plan as the table names it: region, years, kind (its title when pointed at)
  function planName(d) {
    var ix = D.ix, docs = ix.docs, r = ix.regions[docs.region[d]], k = ix.kinds[docs.kind[d]];
    return [r ? (lang === "en" ? r[2] : r[1]) : "", periodName(ix.periods[docs.period[d]]), lang === "en" ? k[2] : k[1]].filter(Boolean).join(" ");
  }
  function row(i, rows, repeat) {
    var d = D.itemDoc[i], r = rows.items[i - D.start[d]], id = D.ix.docs.id[d];
    var tr = el("tr", { "data-item": id + "#" + r[0] });
    var plan = cell(tr, 0, el("a", { href: treeRel + "documents/" + id + "/", title: rows.title }, planName(d)));
    if (repeat) plan.className = "plansite-explorer__repeat";  // the plan of the row above: said once, kept for screen readers
    cell(tr, 1, r[1]);
    var title = cell(tr, 2, el("a", { href: treeRel + "documents/" + id + "/#" + r[0] }, r[2]));
    var kind = D.ix.item_kinds[D.kind[i]];
    if (kind !== "commitment") title.appendChild(el("span", { class: "plansite-explorer__kind" }, L["item_kind_" + kind + "_name"]));
    var themes = cell(tr, 3, "");
    themeNames(D.mask[i]).forEach(function (t) { themes.appendChild(el("span", { class: "plansite-explorer__line" }, t)); });
    var targets = cell(tr, 4, "");
    r[3].forEach(function (t) { targets.appendChild(el("span", { class: "plansite-explorer__line" }, t)); });
    return tr;
  }

  var current = null, generation = 0;
  function show(s) {
    var mine = ++generation;
    box.setAttribute("data-state", "loading");
    return textMatches(s.q).then(function (textSel) {
      if (mine !== generation) return;
      var found = compute(s, textSel);
      var pages = Math.max(1, Math.ceil(found.results.length / PAGE));
      s.page = Math.min(s.page, pages);
      current = { s: s, results: found.results };
      showCounts(found.counts);
      var slice = found.results.slice((s.page - 1) * PAGE, s.page * PAGE);
      var docs = slice.map(function (i) { return D.itemDoc[i]; }).filter(function (d, k, a) { return a.indexOf(d) === k; });
      ui.status.textContent = found.results.length ? fmt(L.explorer_count, { n: found.results.length.toLocaleString(lang === "en" ? "en" : "zh-CN") }) : L.explorer_none;
      ui.pageText.textContent = fmt(L.explorer_page, { page: s.page, pages: pages });
      ui.prev.disabled = s.page <= 1;
      ui.next.disabled = s.page >= pages;
      ui.csv.disabled = !found.results.length;
      box.setAttribute("data-count", String(found.results.length));
      return Promise.all(docs.map(docRows)).then(function (loaded) {
        if (mine !== generation) return;
        var byDoc = {};
        docs.forEach(function (d, k) { byDoc[d] = loaded[k]; });
        ui.body.textContent = "";
        slice.forEach(function (i, k) { ui.body.appendChild(row(i, byDoc[D.itemDoc[i]], k > 0 && D.itemDoc[slice[k - 1]] === D.itemDoc[i])); });
        box.setAttribute("data-selection", toURL(s).search);
        box.setAttribute("data-state", "ready");
      });
    });
  }
  function changed(push) {
    var s = fromForm();
    var url = toURL(s);
    if (push) window.history.pushState(null, "", url); else window.history.replaceState(null, "", url);
    show(s);
  }
  function turn(step) {
    if (!current) return;
    var s = Object.assign({}, current.s, { page: current.s.page + step });
    window.history.pushState(null, "", toURL(s));
    show(s).then(function () { ui.table.scrollIntoView({ block: "start" }); });
  }
  window.addEventListener("popstate", function () {
    if (!D) return;
    var s = parse(window.location.search);
    setForm(s);
    show(s);
  });

  // ---------------------------------------------------------------- CSV of the selection
  function csvField(v) {
    v = String(v);
    return /[",\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
  }
  function downloadCSV() {
    if (!current) return;
    var results = current.results, label = ui.csv.textContent;
    var docs = results.map(function (i) { return D.itemDoc[i]; }).filter(function (d, k, a) { return k === 0 || a[k - 1] !== d; });
    ui.csv.disabled = true;
    ui.csv.textContent = L.explorer_csv_busy;
    var loaded = {}, next = 0;
    var worker = function () {  // a few documents' rows at a time
      if (next >= docs.length) return Promise.resolve();
      var d = docs[next++];
      return docRows(d).then(function (rows) { loaded[d] = rows; return worker(); });
    };
    var workers = [];
    for (var k = 0; k < 6; k++) workers.push(worker());
    Promise.all(workers).then(function () {
      var lines = [["document_id", "item_id", "number", "title", "kind", "themes", "targets", "url"].join(",")];
      results.forEach(function (i) {
        var d = D.itemDoc[i], r = loaded[d].items[i - D.start[d]], id = D.ix.docs.id[d];
        var url = new URL(treeRel + "documents/" + id + "/#" + r[0], window.location.href).href;
        lines.push([id, r[0], r[1], r[2], D.ix.item_kinds[D.kind[i]], themeIds(D.mask[i]).join(";"), r[3].join("; "), url].map(csvField).join(","));
      });
      var blob = new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
      var a = el("a", { href: URL.createObjectURL(blob), download: "plansite-selection.csv" });
      document.body.appendChild(a);
      a.click();
      document.body.removeChild(a);
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
    }).finally(function () {
      ui.csv.disabled = false;
      ui.csv.textContent = label;
    });
  }

  // ---------------------------------------------------------------- start
  box.setAttribute("data-state", "loading");
  box.textContent = L.explorer_loading;
  getJSON(new URL("data/explorer.json", root).href).then(function (ix) {
    D = decode(ix);
    buildForm();
    var s = parse(window.location.search);
    setForm(s);
    return show(s);
  });
})();
