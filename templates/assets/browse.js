// The statement browser (quotes/) and the outlet comparison (compare/).
// The pages come pre-built with their first screen; this script filters and
// sorts every statement over the site's compact index (quotes/data/: a
// small file naming the speakers, outlets and days, one file of statements
// per tracked speaker, and each outlet's statements again in
// quotes/data/outlets/, fetched only when the reader asks for more than the
// page shows: a filter by outlet, or a comparison, fetches only the outlets'
// files; a filter by copy family, the family's files in quotes/data/families/).
// Same origin, nothing else loaded; everything is built with DOM
// calls, never from HTML text.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var STEP = 50;

  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function number(n) { return n.toLocaleString("en"); }

  function plural(n, word) { return number(n) + " " + word + (n === 1 ? "" : "s"); }

  // ----------------------------------------------------------------- the index

  function Index(form) {
    this.root = new URL(form.getAttribute("data-root") || "./", window.location.href);
    this.url = new URL(form.getAttribute("data-index"), window.location.href);
    this.meta = null;
    this.shards = {};
  }

  Index.prototype.fetch = function (url) {
    return fetch(url).then(function (response) {
      if (!response.ok) { throw new Error(response.status + " " + url); }
      return response.json();
    });
  };

  Index.prototype.load = function () {
    var self = this;
    if (!this.meta) {
      this.meta = this.fetch(this.url).then(function (meta) {
        meta.speakerAt = {};
        meta.speakers.forEach(function (s, n) { meta.speakerAt[s.id] = n; });
        meta.outletAt = {};
        meta.outlets.forEach(function (o, n) { meta.outletAt[o[0]] = n; });
        meta.familyAt = {};
        (meta.families || []).forEach(function (f, n) { meta.familyAt[f[0]] = n; });
        return meta;
      });
    }
    return this.meta.then(function (meta) { self.ready = meta; return meta; });
  };

  // the statements of the shards named (all when names is null), from the
  // speakers' shards or, with table "outlet_shards", from the outlets'
  Index.prototype.rows = function (names, table) {
    var self = this;
    table = table || "shards";
    return this.load().then(function (meta) {
      var files = meta[table] || {};
      names = names || Object.keys(files);
      return Promise.all(names.map(function (name) {
        var key = table + ":" + name;
        if (!self.shards[key]) {
          self.shards[key] = self.fetch(new URL(files[name], self.root)).then(function (data) { return data.rows; });
        }
        return self.shards[key];
      })).then(function (lists) { return [].concat.apply([], lists); });
    });
  };

  // the statements some outlets printed (positions in meta.outlets), each once
  Index.prototype.outletRows = function (outlets) {
    var self = this;
    return this.load().then(function (meta) {
      if (!meta.outlet_shards) { return self.rows(null); }  // (an index from before the outlets' files)
      var names = [];
      outlets.forEach(function (o) { names = names.concat(meta.outlets[o][3] || []); });
      return self.rows(names, "outlet_shards").then(function (rows) {
        var seen = {};
        return rows.filter(function (r) { return seen[r[0]] ? false : (seen[r[0]] = true); });
      });
    });
  };

  // the statements printed by any article of a copy family (a position in
  // meta.families: [id, statements, files]), from its files beside the index
  Index.prototype.familyRows = function (family) {
    var self = this;
    return this.load().then(function (meta) {
      var entry = meta.families[family], names = [];
      for (var k = 1; k <= entry[2]; k++) { names.push("families/" + entry[0] + (k > 1 ? "." + k : "")); }
      return Promise.all(names.map(function (name) {
        var key = "families:" + name;
        if (!self.shards[key]) {
          self.shards[key] = self.fetch(new URL(name + ".json", self.url)).then(function (data) { return data.rows; });
        }
        return self.shards[key];
      })).then(function (lists) { return [].concat.apply([], lists); });
    });
  };

  Index.prototype.page = function (path) { return new URL(path, this.root).href; };

  // ------------------------------------------------------ a statement, as a row

  // a row: [id, speaker, text, day, outlets (-1 - n: different wording), flags, time, sources]
  function reach(row) { return row[4].length; }
  function variants(row) { return row[4].filter(function (c) { return c < 0; }).length; }
  function outletOf(cell) { return cell < 0 ? -1 - cell : cell; }
  function cellFor(row, outlet) {
    for (var i = 0; i < row[4].length; i++) {
      if (outletOf(row[4][i]) === outlet) { return row[4][i] < 0 ? "different" : "same"; }
    }
    return "";
  }
  function quotePath(row) { return "quotes/" + (row[0].toLowerCase() === "index" ? "index.page" : row[0]) + ".html"; }

  function strip(row, total) {
    var n = reach(row), diff = variants(row), same = n - diff;
    var width = Math.max(100 * n / (total || 1), 2), sameWidth = width * same / (n || 1);
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("class", "strip");
    svg.setAttribute("viewBox", "0 0 100 6");
    svg.setAttribute("preserveAspectRatio", "none");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "Carried by " + n + " of " + total + " outlets" +
      (diff ? ", " + diff + " with different wording" : ""));
    [["strip-all", 0, 100], ["strip-same", 0, same ? sameWidth : 0], ["strip-diff", sameWidth, diff ? width - sameWidth : 0]]
      .forEach(function (part) {
        if (!part[2]) { return; }
        var rect = document.createElementNS(SVG, "rect");
        rect.setAttribute("class", part[0]);
        if (part[1]) { rect.setAttribute("x", part[1].toFixed(1)); }
        rect.setAttribute("width", part[2].toFixed(1));
        rect.setAttribute("height", "6");
        svg.appendChild(rect);
      });
    return svg;
  }

  function badge(index, speaker) {
    var node;
    if (speaker.path) {
      node = make("a", "badge " + speaker.css, speaker.name);
      node.href = index.page(speaker.path);
    } else {
      node = make("span", "badge " + speaker.css, speaker.name);
    }
    return node;
  }

  // the same markup as the pre-built rows (templates/_macros.html, statement_row)
  function statementRow(index, row, total) {
    var meta = index.ready, speaker = meta.speakers[row[1]], n = reach(row), diff = variants(row);
    var item = make("li", "statement " + speaker.css);
    var quote = make("blockquote"), p = make("p"), link = make("a", "", "“" + row[2] + "”");
    link.href = index.page(quotePath(row));
    p.appendChild(link);
    quote.appendChild(p);
    item.appendChild(quote);
    var line = make("p", "meta");
    line.appendChild(badge(index, speaker));
    line.appendChild(document.createTextNode(" "));
    line.appendChild(make("strong", "reach", plural(n, "outlet")));
    if (row[7]) { line.appendChild(document.createTextNode(" · " + plural(row[7], "independent source"))); }
    if (diff) {
      line.appendChild(document.createTextNode(" · "));
      line.appendChild(make("span", "differs", "wording differs in " + diff));
    }
    line.appendChild(document.createTextNode(" · first printed "));
    var time = make("time", "", meta.days[row[3]]);
    time.setAttribute("datetime", meta.days[row[3]]);
    line.appendChild(time);
    if (row[5] & 1) { line.appendChild(document.createTextNode(" · fragment")); }
    item.appendChild(line);
    item.appendChild(strip(row, total));
    var outlets = make("p", "outlets");
    var named = row[4].map(outletOf).map(function (o) { return meta.outlets[o]; })
      .sort(function (a, b) { return a[1].toLowerCase() < b[1].toLowerCase() ? -1 : a[1].toLowerCase() > b[1].toLowerCase() ? 1 : 0; });
    named.slice(0, 8).forEach(function (o, i) {
      if (i) { outlets.appendChild(document.createTextNode(", ")); }
      var a = make("a", "", o[1]);
      a.href = index.page(quotePath(row)) + "#outlet-" + o[0];
      outlets.appendChild(a);
    });
    if (named.length > 8) { outlets.appendChild(document.createTextNode(" and " + (named.length - 8) + " more")); }
    item.appendChild(outlets);
    return item;
  }

  // ------------------------------------------------------------- the browser

  var ORDERS = {
    reach: function (a, b) { return reach(b) - reach(a) || cmp(a[3], b[3]) || cmp(a[6], b[6]) || cmp(a[0], b[0]); },
    earliest: function (a, b) { return cmp(a[3], b[3]) || cmp(a[6], b[6]) || reach(b) - reach(a) || cmp(a[0], b[0]); },
    latest: function (a, b) { return cmp(b[3], a[3]) || cmp(b[6], a[6]) || reach(b) - reach(a) || cmp(a[0], b[0]); }
  };
  function cmp(a, b) {
    a = a === undefined || a === null ? -1e9 : a;
    b = b === undefined || b === null ? -1e9 : b;
    return a < b ? -1 : a > b ? 1 : 0;
  }

  function browser(form) {
    var index = new Index(form);
    var total = parseInt(form.getAttribute("data-total"), 10) || 1;
    var results = document.getElementById("browse-results");
    var status = document.getElementById("browse-status");
    var moreWrap = document.getElementById("browse-more-wrap");
    var more = document.getElementById("browse-more");
    var found = [], shown = 0, asked = 0;
    var fields = ["speaker", "outlet", "family", "min", "from", "to", "sort", "fragments"];

    function filters() {
      return {
        speaker: form.elements.speaker.value,
        outlet: form.elements.outlet.value,
        family: form.elements.family ? form.elements.family.value : "",
        min: Math.max(1, parseInt(form.elements.min.value, 10) || 1),
        from: form.elements.from.value,
        to: form.elements.to.value,
        sort: ORDERS[form.elements.sort.value] ? form.elements.sort.value : "reach",
        fragments: form.elements.fragments.checked
      };
    }

    function remember(f) {
      var params = new URLSearchParams();
      if (f.speaker) { params.set("speaker", f.speaker); }
      if (f.outlet) { params.set("outlet", f.outlet); }
      if (f.family) { params.set("family", f.family); }
      if (f.min > 1) { params.set("min", f.min); }
      if (f.from) { params.set("from", f.from); }
      if (f.to) { params.set("to", f.to); }
      if (f.sort !== "reach") { params.set("sort", f.sort); }
      if (f.fragments) { params.set("fragments", "1"); }
      var query = params.toString();
      history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
    }

    function describe(f, meta) {
      var parts = [];
      if (f.speaker) {
        var s = meta.speakers[meta.speakerAt[f.speaker === "-" ? "" : f.speaker]];
        parts.push(s ? "by " + s.name : "");
      }
      if (f.outlet && meta.outletAt[f.outlet] !== undefined) { parts.push("printed by " + meta.outlets[meta.outletAt[f.outlet]][1]); }
      if (f.family && meta.familyAt[f.family] !== undefined && form.elements.family.selectedIndex > 0) {
        parts.push("printed by the copy family " + form.elements.family.options[form.elements.family.selectedIndex].text);
      }
      if (f.min > 1) { parts.push("carried by at least " + f.min + " outlets"); }
      if (f.from || f.to) { parts.push("first printed " + (f.from && f.to && f.from === f.to ? "on " + f.from : (f.from ? "from " + f.from + " " : "") + (f.to ? "to " + f.to : ""))); }
      return parts.filter(Boolean).join(", ");
    }

    function show(count) {
      var list = results.querySelector("ol") || results.appendChild(make("ol", "statement-list"));
      var end = Math.min(found.length, shown + count);
      var first = null;
      for (var i = shown; i < end; i++) {
        var item = statementRow(index, found[i], total);
        first = first || item;
        list.appendChild(item);
      }
      shown = end;
      moreWrap.hidden = shown >= found.length;
      if (!moreWrap.hidden) { more.textContent = "Show " + Math.min(STEP, found.length - shown) + " more"; }
      return first;
    }

    function apply(keepUrl) {
      var f = filters(), ask = ++asked;
      if (!keepUrl) { remember(f); }
      status.textContent = "Loading the statements…";
      index.load().then(function (meta) {
        // the fewest statements that hold the answer: the speaker's files, or the outlet's
        var wanted = null, s = null;
        var o = f.outlet && meta.outletAt[f.outlet] !== undefined ? meta.outletAt[f.outlet] : -1;
        var family = f.family && meta.familyAt[f.family] !== undefined ? meta.familyAt[f.family] : -1;
        if (family >= 0) {  // a family's files hold every statement its articles printed, and only those
          return index.familyRows(family).then(function (rows) { return [meta, rows]; });
        }
        if (f.speaker) {
          s = meta.speakers[meta.speakerAt[f.speaker === "-" ? "" : f.speaker]];
          wanted = s ? s.shards : [];
        }
        if (o >= 0 && meta.outlet_shards && (!f.speaker || (s && meta.outlets[o][2] < s.statements + s.fragments))) {
          return index.outletRows([o]).then(function (rows) { return [meta, rows]; });
        }
        return index.rows(wanted).then(function (rows) { return [meta, rows]; });
      }).then(function (both) {
        if (ask !== asked) { return; }  // a later request is on its way
        var meta = both[0], speaker = f.speaker ? meta.speakerAt[f.speaker === "-" ? "" : f.speaker] : -1;
        var outlet = f.outlet && meta.outletAt[f.outlet] !== undefined ? meta.outletAt[f.outlet] : -1;
        found = both[1].filter(function (r) {
          if (speaker >= 0 && r[1] !== speaker) { return false; }
          if (!f.fragments && (r[5] & 1)) { return false; }
          if (r[4].length < f.min) { return false; }
          if (outlet >= 0 && !cellFor(r, outlet)) { return false; }
          var day = meta.days[r[3]];
          return !(f.from && day < f.from) && !(f.to && day > f.to);
        });
        found.sort(ORDERS[f.sort]);
        results.textContent = "";
        shown = 0;
        show(STEP);
        var what = describe(f, meta);
        status.textContent = found.length
          ? "Showing " + number(shown) + " of " + plural(found.length, "statement") + (what ? " " + what : "") + "."
          : "No statement " + (what || "matches") + ".";
      }).catch(function () {
        status.textContent = "The statements could not be loaded. Each speaker's page lists theirs.";
      });
    }

    // the page's address says which statements to show (a link from elsewhere, or back)
    var params = new URLSearchParams(window.location.search);
    var given = false;
    fields.forEach(function (name) {
      if (!params.has(name) || !form.elements[name]) { return; }
      given = true;
      var field = form.elements[name];
      if (field.type === "checkbox") { field.checked = params.get(name) === "1"; } else { field.value = params.get(name); }
    });
    form.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    form.addEventListener("change", function () { apply(); });
    form.addEventListener("reset", function () { setTimeout(function () { apply(); }, 0); });
    more.addEventListener("click", function () {
      var first = show(STEP);
      status.textContent = "Showing " + number(shown) + " of " + plural(found.length, "statement") + ".";
      if (first) { first.querySelector("a").focus(); }
    });
    if (given) { apply(true); }
  }

  // ------------------------------------------------------------ the comparison

  function comparison(form) {
    var index = new Index(form);
    var results = document.getElementById("compare-results");
    var moreWrap = document.getElementById("compare-more-wrap");
    var more = document.getElementById("compare-more");
    var rows = [], chosen = [], shown = 0, body = null, asked = 0;

    function cell(row, outlet, meta) {
      var td = make("td");
      var kind = cellFor(row, outlet);
      if (!kind) {
        td.className = "cell-none";
        var dash = make("span", "", "–");
        dash.setAttribute("aria-hidden", "true");
        td.appendChild(dash);
        td.appendChild(document.createTextNode(" left out"));
        return td;
      }
      td.className = kind === "same" ? "cell-same" : "cell-diff";
      var a = make("a");
      a.href = index.page(quotePath(row)) + "#outlet-" + meta.outlets[outlet][0];
      var mark = make("span", "", kind === "same" ? "●" : "◐");
      mark.setAttribute("aria-hidden", "true");
      a.appendChild(mark);
      a.appendChild(document.createTextNode(kind === "same" ? " printed" : " other words"));
      td.appendChild(a);
      return td;
    }

    function show(count, meta) {
      var end = Math.min(rows.length, shown + count);
      for (var i = shown; i < end; i++) {
        var row = rows[i], tr = make("tr"), th = make("th");
        th.setAttribute("scope", "row");
        var a = make("a", "", "“" + row[2] + "”");
        a.href = index.page(quotePath(row));
        th.appendChild(a);
        th.appendChild(document.createTextNode(" "));
        th.appendChild(make("span", "meta", meta.speakers[row[1]].name + " · " + plural(reach(row), "outlet")));
        tr.appendChild(th);
        chosen.forEach(function (o) { tr.appendChild(cell(row, o, meta)); });
        body.appendChild(tr);
      }
      shown = end;
      moreWrap.hidden = shown >= rows.length;
      if (!moreWrap.hidden) { more.textContent = "Show " + Math.min(100, rows.length - shown) + " more"; }
    }

    function apply(keepUrl) {
      var ids = ["a", "b", "c"].map(function (k) { return form.elements[k].value; }).filter(Boolean);
      ids = ids.filter(function (id, n) { return ids.indexOf(id) === n; });
      if (!keepUrl) {
        var params = new URLSearchParams();
        ids.forEach(function (id, n) { params.set("abc"[n], id); });
        history.replaceState(null, "", window.location.pathname + "?" + params.toString());
      }
      var ask = ++asked;
      results.textContent = "";
      var status = results.appendChild(make("p", "status", "Loading the statements…"));
      status.setAttribute("role", "status");
      var picked = [];
      index.load().then(function (meta) {
        picked = ids.map(function (id) { return meta.outletAt[id]; }).filter(function (n) { return n !== undefined; });
        return picked.length < 2 ? null : index.outletRows(picked);  // only the chosen outlets' files
      }).then(function (all) {
        if (ask !== asked) { return; }  // a later choice is on its way
        var meta = index.ready;
        chosen = picked;
        if (all === null) {
          status.textContent = "Pick at least two different outlets.";
          moreWrap.hidden = true;
          return;
        }
        rows = all.filter(function (r) {
          return !(r[5] & 1) && chosen.some(function (o) { return cellFor(r, o); });
        });
        var printedBy = function (r) { return chosen.filter(function (o) { return cellFor(r, o); }).length; };
        rows.sort(function (a, b) { return printedBy(b) - printedBy(a) || ORDERS.reach(a, b); });
        var names = chosen.map(function (o) { return meta.outlets[o][1]; });
        status.textContent = names.slice(0, -1).join(", ") + " and " + names[names.length - 1] + ": " +
          plural(rows.length, "statement") + " printed by at least one of them.";
        var tallies = results.appendChild(make("ul", "tallies"));
        chosen.forEach(function (o, n) {
          var printed = 0, other = 0, alone = 0;
          rows.forEach(function (r) {
            var kind = cellFor(r, o);
            if (!kind) { return; }
            printed++;
            if (kind === "different") { other++; }
            if (printedBy(r) === 1) { alone++; }
          });
          tallies.appendChild(make("li", "", names[n] + ": printed " + printed + ", left out " + (rows.length - printed) +
            ", in other words " + other + ", alone " + alone));
        });
        var wrap = results.appendChild(make("div", "table-wrap compare-wrap"));
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", "Statements by outlet");
        wrap.tabIndex = 0;
        var table = wrap.appendChild(make("table", "compare"));
        var head = table.appendChild(make("thead")).appendChild(make("tr"));
        var corner = head.appendChild(make("th", "", "Statement"));
        corner.setAttribute("scope", "col");
        names.forEach(function (name) { head.appendChild(make("th", "", name)).setAttribute("scope", "col"); });
        body = table.appendChild(make("tbody"));
        shown = 0;
        show(100, meta);
      }).catch(function () {
        status.textContent = "The statements could not be loaded. Each outlet's page lists its statements.";
      });
    }

    var params = new URLSearchParams(window.location.search);
    var given = false;
    ["a", "b", "c"].forEach(function (k) {
      if (params.has(k)) { form.elements[k].value = params.get(k); given = true; }
    });
    if (given && !params.has("c")) { form.elements.c.value = ""; }
    if (form.elements.b.value === form.elements.a.value) {  // (a link from an outlet's page names only it)
      var other = Array.prototype.find.call(form.elements.b.options, function (o) { return o.value !== form.elements.a.value; });
      if (other) { form.elements.b.value = other.value; }
    }
    form.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    form.addEventListener("change", function () { apply(); });
    more.addEventListener("click", function () { show(100, index.ready); });
    if (given) { apply(true); }
  }

  var browse = document.getElementById("browse");
  if (browse) { browser(browse); }
  var compare = document.getElementById("compare");
  if (compare) { comparison(compare); }
})();
