// The compare page (docs/compare.md): two plans side by side by theme, their commitments and
// targets per theme. Reads data/compare/index.json (every document) and data/compare/<id>.json
// (one document's commitments by theme; generator/render/compare.py). The URL keeps the pair
// (?a=<id>&b=<id>). Source text is set as text, never as HTML.
(function () {
  var root = document.getElementById("plansite-compare");
  if (!root) return;
  var label = function (name) { return root.getAttribute("data-label-" + name) || ""; };
  var base = root.getAttribute("data-base");
  var docsBase = root.getAttribute("data-docs");
  var index = null;
  var byId = {};
  var cache = {};

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function span(d) { return d[3] === d[4] ? String(d[3]) : d[3] + "–" + d[4]; }
  function docLabel(d) { return d[2] + " " + span(d) + " · " + d[7]; }

  function select(name, text) {
    var wrap = el("p", "plansite-compare-pick");
    var lab = el("label", null, text);
    var sel = el("select");
    sel.id = "plansite-compare-" + name;
    lab.setAttribute("for", sel.id);
    sel.appendChild(el("option", null, label("choose"))).value = "";
    var groups = {};
    index.docs.forEach(function (d) {
      if (!groups[d[1]]) { groups[d[1]] = el("optgroup"); groups[d[1]].label = d[2]; sel.appendChild(groups[d[1]]); }
      var o = el("option", null, span(d) + " " + d[6] + " · " + d[7]);
      o.value = d[0];
      groups[d[1]].appendChild(o);
    });
    wrap.appendChild(lab);
    wrap.appendChild(sel);
    return wrap;
  }

  // The plans a reader most likely compares with `a`: the same region's other plans, those whose
  // years overlap a's first (a five-year plan and the annual work points of its span), then by
  // distance in years.
  function partners(a) {
    var d = byId[a];
    if (!d) return [];
    return index.docs.filter(function (o) { return o[1] === d[1] && o[0] !== a; }).sort(function (x, y) {
      var ox = x[3] <= d[4] && d[3] <= x[4] ? 0 : 1, oy = y[3] <= d[4] && d[3] <= y[4] ? 0 : 1;
      return ox - oy || Math.abs(x[3] - d[3]) - Math.abs(y[3] - d[3]) || (x[0] < y[0] ? -1 : 1);
    });
  }

  function load(id) {
    if (!cache[id]) cache[id] = fetch(base + encodeURIComponent(id) + ".json").then(function (r) { return r.json(); });
    return cache[id];
  }

  function column(doc, rows) {
    var cell = el("div", "plansite-compare-col");
    var d = byId[doc.id];
    cell.appendChild(el("p", "plansite-compare-colhead", d[2] + " " + span(d)));  // shown when the columns stack
    if (!rows || !rows.length) { cell.appendChild(el("p", "plansite-compare-none", label("none"))); return cell; }
    var list = el("ul");
    rows.forEach(function (r) {
      var li = el("li");
      var a = el("a", null, r[1] + " " + r[2]);
      a.href = docsBase + encodeURIComponent(doc.id) + "/#" + r[0];
      li.appendChild(a);
      if (r[3].length) {
        var t = el("ul", "plansite-compare-targets");
        r[3].forEach(function (s) { t.appendChild(el("li", null, s)); });
        li.appendChild(t);
      }
      list.appendChild(li);
    });
    cell.appendChild(list);
    return cell;
  }

  function count(doc, tid) { return (doc.themes[tid] || []).length; }

  function show(out, a, b) {
    out.textContent = "";
    if (!a || !b) return;
    Promise.all([load(a), load(b)]).then(function (pair) {
      var A = pair[0], B = pair[1];
      var head = el("div", "plansite-compare-row plansite-compare-head");
      [A, B].forEach(function (d) {
        var h = el("p");
        var link = el("a", null, docLabel(byId[d.id]));
        link.href = docsBase + encodeURIComponent(d.id) + "/";
        h.appendChild(link);
        head.appendChild(h);
      });
      out.appendChild(head);
      var themes = index.themes.concat([["", label("unthemed")]]);
      var shown = 0;
      themes.forEach(function (th) {
        var na = count(A, th[0]), nb = count(B, th[0]);
        if (!na && !nb) return;
        shown += 1;
        var sec = el("section", "plansite-compare-theme");
        sec.appendChild(el("h2", null, th[1] + " (" + na + " · " + nb + ")"));
        var row = el("div", "plansite-compare-row");
        row.appendChild(column(A, A.themes[th[0]]));
        row.appendChild(column(B, B.themes[th[0]]));
        sec.appendChild(row);
        out.appendChild(sec);
      });
      if (!shown) out.appendChild(el("p", null, label("none")));
      out.setAttribute("data-ready", "");
    });
  }

  function suggestions(box, a, b, go) {
    box.textContent = "";
    var list = partners(a);
    if (!list.length) return;
    box.appendChild(el("span", null, label("suggest")));
    list.slice(0, 8).forEach(function (o) {
      var link = el("a", null, span(o) + " " + o[6]);
      link.href = "?a=" + encodeURIComponent(a) + "&b=" + encodeURIComponent(o[0]);
      if (o[0] === b) link.setAttribute("aria-current", "true");
      link.addEventListener("click", function (ev) { ev.preventDefault(); go(a, o[0]); });
      box.appendChild(link);
    });
  }

  function init(data) {
    index = data;
    index.docs.forEach(function (d) { byId[d[0]] = d; });
    var form = el("form", "plansite-compare-form");
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
    var pa = select("a", label("a")), pb = select("b", label("b"));
    form.appendChild(pa);
    form.appendChild(pb);
    var hint = el("p", "plansite-compare-suggest");
    var out = el("div", "plansite-compare-out");
    out.setAttribute("aria-live", "polite");
    root.textContent = "";
    root.appendChild(form);
    root.appendChild(hint);
    root.appendChild(out);
    var sa = pa.querySelector("select"), sb = pb.querySelector("select");
    function go(a, b, replace) {
      if (a && !b) b = (partners(a)[0] || [""])[0];
      sa.value = a || "";
      sb.value = b || "";
      var q = "?" + (a ? "a=" + encodeURIComponent(a) : "") + (b ? "&b=" + encodeURIComponent(b) : "");
      history[replace ? "replaceState" : "pushState"]({ a: a, b: b }, "", a ? q : location.pathname);
      suggestions(hint, a, b, go);
      show(out, a, b);
    }
    sa.addEventListener("change", function () { go(sa.value, ""); });
    sb.addEventListener("change", function () { go(sa.value, sb.value); });
    window.addEventListener("popstate", function () { start(true); });
    function start(replace) {
      var p = new URLSearchParams(location.search);
      var a = p.get("a"), b = p.get("b");
      go(byId[a] ? a : "", byId[b] ? b : "", replace);
    }
    start(true);
  }

  fetch(base + "index.json").then(function (r) { return r.json(); }).then(init);
})();
