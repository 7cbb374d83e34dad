/* Communiqué UI: small d3 drawings over data the server embeds as JSON (never as HTML).
   No inline script: every element with data-widget="NAME" is drawn by widgets[NAME] once the
   page is parsed (data-source names its <script type="application/json"> block).
   Charts do not mislead: time axes come complete from the server (empty periods present and
   empty), lines break where a period has no value, every axis is titled with its unit. */
(function () {
  "use strict";
  var COOP = "#1f7a4d", CONF = "#b3261e", NEUTRAL = "#8a94a0", INK = "#14213d", TITLE = "#4a525c";
  var widgets = {};

  function readJSON(id) {
    var el = id ? document.getElementById(id) : null;
    return el ? JSON.parse(el.textContent) : null;
  }
  function source(el) { return readJSON(el.getAttribute("data-source")); }
  function widthOf(el) { return Math.max(el.clientWidth, 320); }
  function empty(el) {
    var note = document.createElement("div");
    note.className = "empty-note";
    note.textContent = el.getAttribute("data-empty") || "No data.";
    el.appendChild(note);
    el.setAttribute("data-rendered", "empty");
  }
  function done(el, n) { el.setAttribute("data-rendered", String(n)); }
  function scoreColour(s) { return s > 0 ? COOP : s < 0 ? CONF : NEUTRAL; }
  /* At most `most` evenly spaced labels of a band or point axis (the bands themselves all stay). */
  function sparseTicks(domain, most) {
    var every = Math.ceil(domain.length / most);
    return domain.filter(function (_d, i) { return !(i % every); });
  }
  /* An axis title; rotate -90 for a left axis, 90 for a right one. */
  function axisTitle(g, text, x, y, rotate) {
    g.append("text").attr("class", "axis-title").attr("text-anchor", "middle").attr("font-size", 11).attr("fill", TITLE)
      .attr("transform", "translate(" + x + "," + y + ")" + (rotate ? " rotate(" + rotate + ")" : "")).text(text);
  }
  /* Bars at least 1 px wide (a long axis of days stays visible) and at most 48 px (one period is not a wall). */
  function barWidth(x) { return Math.max(1, Math.min(48, x.bandwidth())); }
  /* A value domain with 8% room beyond its data ends (a point never sits on the frame), 0 kept as is. */
  function padded(lo, hi) {
    var room = (hi - lo || 1) * 0.08;
    return [lo < 0 ? lo - room : lo, hi > 0 ? hi + room : hi];
  }
  function integerAxis(axis, top) { return axis.ticks(Math.min(5, Math.max(1, top))).tickFormat(d3.format("d")); }

  /* Dashboard: events per period, stacked by PLOVER type, one band per period (empty ones too). */
  function timeline(el) {
    var data = source(el);
    if (!data || !data.rows.length) { return empty(el); }
    var width = widthOf(el), height = 270, m = { t: 12, r: 150, b: 44, l: 56 };
    var w = width - m.l - m.r, h = height - m.t - m.b;
    var stack = d3.stack().keys(data.types).value(function (d, k) { return d.counts[k] || 0; })(data.rows);
    var x = d3.scaleBand().domain(data.rows.map(function (d) { return d.period; })).range([0, w]).padding(0.15);
    var top = d3.max(data.rows, function (d) { return d.total; }) || 1;
    var y = d3.scaleLinear().domain([0, top]).nice().range([h, 0]);
    var colour = function (t) { return data.colours[t] || NEUTRAL; }, bar = barWidth(x);
    var svg = d3.select(el).append("svg").attr("viewBox", [0, 0, width, height]);
    var g = svg.append("g").attr("transform", "translate(" + m.l + "," + m.t + ")");
    g.selectAll("g.layer").data(stack).join("g").attr("class", "layer").attr("fill", function (s) { return colour(s.key); })
      .selectAll("rect").data(function (s) { return s.filter(function (d) { return d[1] > d[0]; }).map(function (d) { d.key = s.key; return d; }); })
      .join("rect").attr("class", "bar").attr("stroke", "#fff").attr("stroke-width", 0.5)
      .attr("x", function (d) { return x(d.data.period) + (x.bandwidth() - bar) / 2; }).attr("y", function (d) { return y(d[1]); })
      .attr("height", function (d) { return y(d[0]) - y(d[1]); }).attr("width", bar)
      .append("title").text(function (d) { return d.data.period + " " + d.key + ": " + (d[1] - d[0]); });
    g.append("g").attr("class", "x-axis").attr("transform", "translate(0," + h + ")")
      .call(d3.axisBottom(x).tickValues(sparseTicks(x.domain(), 12)).tickSizeOuter(0));
    g.append("g").attr("class", "y-axis").call(integerAxis(d3.axisLeft(y), top));
    axisTitle(g, data.by + " (every " + data.by + " from the first to the last; empty = no events)", w / 2, h + 36);
    axisTitle(g, "events per " + data.by, -42, h / 2, -90);
    var legend = svg.append("g").attr("class", "type-legend").attr("transform", "translate(" + (width - m.r + 12) + "," + m.t + ")");
    data.types.forEach(function (t, i) {
      legend.append("rect").attr("y", i * 14).attr("width", 10).attr("height", 10).attr("fill", colour(t));
      legend.append("text").attr("x", 14).attr("y", i * 14 + 9).attr("font-size", 10).text(t);
    });
    if (data.undated) {
      var left = document.createElement("p");
      left.className = "muted small undated-note";
      left.textContent = data.undated + " event(s) without a usable date are not on this axis.";
      el.appendChild(left);
    }
    done(el, data.rows.length);
  }

  /* Dyad: happenings per period (bars, right axis) and summed score (line, left axis, broken where
     a period has no event); a click on a point filters the table below. */
  function dyad(el) {
    var data = source(el), pts = data ? data.points : [];
    var scored = pts.filter(function (d) { return d.score !== null; });
    if (!scored.length) { return empty(el); }
    var width = widthOf(el), height = 300, m = { t: 16, r: 64, b: 44, l: 64 };
    var w = width - m.l - m.r, h = height - m.t - m.b, unit = data.count === "clusters" ? "happening" : "report";
    var x = d3.scaleBand().domain(pts.map(function (d) { return d.period; })).range([0, w]).padding(0.3);
    var mid = function (d) { return x(d.period) + x.bandwidth() / 2; }, bar = barWidth(x);
    var ext = d3.extent(scored, function (d) { return d.score; });
    var y = d3.scaleLinear().domain(padded(Math.min(0, ext[0]), Math.max(0, ext[1]))).nice().range([h, 0]);
    var top = d3.max(pts, function (d) { return d.events; }) || 1;
    var yc = d3.scaleLinear().domain([0, top]).nice().range([h, 0]);
    var svg = d3.select(el).append("svg").attr("viewBox", [0, 0, width, height]);
    var g = svg.append("g").attr("transform", "translate(" + m.l + "," + m.t + ")");
    g.selectAll("rect.count").data(pts.filter(function (d) { return d.events > 0; })).join("rect").attr("class", "count")
      .attr("fill", "#dde2e8").attr("x", function (d) { return mid(d) - bar / 2; }).attr("width", bar)
      .attr("y", function (d) { return yc(d.events); }).attr("height", function (d) { return h - yc(d.events); });
    g.append("line").attr("x1", 0).attr("x2", w).attr("y1", y(0)).attr("y2", y(0)).attr("stroke", "#999");
    g.append("path").attr("class", "score-line").datum(pts).attr("fill", "none").attr("stroke", INK).attr("stroke-width", 2)
      .attr("d", d3.line().defined(function (d) { return d.score !== null; }).x(mid).y(function (d) { return y(d.score); }));
    var table = document.querySelector("table.events"), filter = document.getElementById("dyad-filter");
    g.selectAll("circle.point").data(scored).join("circle").attr("class", "point").attr("r", 6)
      .attr("cx", mid).attr("cy", function (d) { return y(d.score); })
      .attr("fill", function (d) { return scoreColour(d.score); }).style("cursor", "pointer")
      .on("click", function (_e, d) {
        var ids = data.by_period[d.period] || [];
        if (filter) { filter.textContent = "in " + d.period + " (" + ids.length + ")"; }
        if (!table) { return; }
        table.querySelectorAll("tbody tr").forEach(function (tr) {
          tr.style.display = ids.indexOf(tr.id.slice(3)) >= 0 ? "" : "none";
        });
      })
      .append("title").text(function (d) { return d.period + ": " + d.events + " " + unit + "(s), score " + d.score.toFixed(1); });
    g.append("g").attr("class", "x-axis").attr("transform", "translate(0," + h + ")")
      .call(d3.axisBottom(x).tickValues(sparseTicks(x.domain(), 12)).tickSizeOuter(0));
    g.append("g").attr("class", "y-axis").call(d3.axisLeft(y).ticks(5));
    g.append("g").attr("class", "y-axis right").attr("transform", "translate(" + w + ",0)").call(integerAxis(d3.axisRight(yc), top));
    axisTitle(g, data.by + " (every " + data.by + " from the first to the last)", w / 2, h + 36);
    axisTitle(g, "summed PLOVER score, points (line)", -48, h / 2, -90);
    axisTitle(g, unit + "s per " + data.by + " (bars)", w + 48, h / 2, 90);
    done(el, scored.length);
  }

  /* Network: force layout kept inside its frame; wheel zooms, drag on the background pans,
     "Reset view" returns to the whole graph; node size = activity, edge colour = summed score. */
  function network(el) {
    var data = source(el);
    if (!data || !data.nodes.length) { return empty(el); }
    var width = widthOf(el), height = 560, pad = 4;
    var nodes = data.nodes.map(function (d) { return Object.assign({}, d); });
    var links = data.edges.map(function (d) { return Object.assign({}, d); });
    var size = d3.scaleSqrt().domain([1, d3.max(nodes, function (d) { return d.events; }) || 1]).range([5, 24]);
    var widthScale = d3.scaleSqrt().domain([1, d3.max(links, function (d) { return d.events; }) || 1]).range([1.5, 9]);
    var svg = d3.select(el).append("svg").attr("viewBox", [0, 0, width, height]);
    var view = svg.append("g").attr("class", "viewport");
    var link = view.append("g").selectAll("line").data(links).join("line").attr("class", "edge")
      .attr("stroke", function (d) { return scoreColour(d.score); }).attr("stroke-opacity", 0.7)
      .attr("stroke-width", function (d) { return widthScale(d.events); }).style("cursor", "pointer")
      .on("click", function (_e, d) { window.location.href = "/dyads/" + encodeURIComponent(d.source.id) + "/" + encodeURIComponent(d.target.id); });
    link.append("title").text(function (d) { return d.source + " – " + d.target + ": " + d.events + " event(s), score " + d.score; });
    var node = view.append("g").selectAll("g").data(nodes).join("g").attr("class", "node");
    node.append("circle").attr("r", function (d) { return size(d.events); }).attr("fill", "#2b5fab").attr("fill-opacity", 0.85);
    node.append("text").text(function (d) { return d.id; }).attr("font-size", 11).attr("dx", function (d) { return size(d.events) + 3; }).attr("dy", 4)
      .each(function (d) { d.label = this.getComputedTextLength() + 3; });
    node.append("title").text(function (d) { return d.id + ": " + d.events + " event(s)"; });
    /* Keep a node, its circle and its label inside the frame. */
    function clamp(d) {
      var r = size(d.events);
      d.x = Math.max(r + pad, Math.min(width - r - d.label - pad, d.x));
      d.y = Math.max(r + pad, Math.min(height - r - pad, d.y));
    }
    var sim = d3.forceSimulation(nodes)
      .force("link", d3.forceLink(links).id(function (d) { return d.id; }).distance(90))
      .force("charge", d3.forceManyBody().strength(-220))
      .force("x", d3.forceX(width / 2).strength(0.03)).force("y", d3.forceY(height / 2).strength(0.09))
      .force("collide", d3.forceCollide().radius(function (d) { return size(d.events) + 6; })).stop();
    for (var i = 0; i < 300; i += 1) { sim.tick(); }
    fit(nodes, size, width, height, pad);
    nodes.forEach(clamp);
    function draw() {
      nodes.forEach(clamp);
      link.attr("x1", function (d) { return d.source.x; }).attr("y1", function (d) { return d.source.y; })
        .attr("x2", function (d) { return d.target.x; }).attr("y2", function (d) { return d.target.y; });
      node.attr("transform", function (d) { return "translate(" + d.x + "," + d.y + ")"; });
    }
    draw();
    sim.on("tick", draw);
    node.call(d3.drag().on("start", function (e, d) { if (!e.active) { sim.alphaTarget(0.3).restart(); } d.fx = d.x; d.fy = d.y; })
      .on("drag", function (e, d) { d.fx = e.x; d.fy = e.y; })
      .on("end", function (e, d) { if (!e.active) { sim.alphaTarget(0); } d.fx = null; d.fy = null; }));
    var zoom = d3.zoom().scaleExtent([1, 8]).translateExtent([[0, 0], [width, height]])
      .on("zoom", function (e) { view.attr("transform", e.transform); el.setAttribute("data-zoom", e.transform.k.toFixed(3)); });
    svg.call(zoom);
    var reset = document.createElement("button");
    reset.type = "button";
    reset.className = "chart-reset";
    reset.textContent = "Reset view";
    reset.addEventListener("click", function () { svg.call(zoom.transform, d3.zoomIdentity); });
    el.appendChild(reset);
    el.setAttribute("data-zoom", "1.000");
    done(el, nodes.length);
  }

  /* Scale the laid-out positions (not the marks) about their centre so that every node and its
     label fits in the frame; a layout that already fits is left as it is. */
  function fit(nodes, size, width, height, pad) {
    var x0 = d3.min(nodes, function (d) { return d.x - size(d.events); });
    var x1 = d3.max(nodes, function (d) { return d.x + size(d.events) + d.label; });
    var y0 = d3.min(nodes, function (d) { return d.y - size(d.events); });
    var y1 = d3.max(nodes, function (d) { return d.y + size(d.events); });
    var s = Math.min(1, (width - 2 * pad) / Math.max(1, x1 - x0), (height - 2 * pad) / Math.max(1, y1 - y0));
    var cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    nodes.forEach(function (d) { d.x = width / 2 + (d.x - cx) * s; d.y = height / 2 + (d.y - cy) * s; });
  }

  /* Map: world outline from the vendored atlas, events as dots. */
  function worldMap(el) {
    var width = widthOf(el), height = 560;
    Promise.all([d3.json(el.getAttribute("data-atlas")), d3.json(el.getAttribute("data-events"))]).then(function (res) {
      var world = res[0], events = res[1];
      var svg = d3.select(el).append("svg").attr("viewBox", [0, 0, width, height]);
      var projection = d3.geoNaturalEarth1().fitSize([width, height], { type: "Sphere" });
      var path = d3.geoPath(projection);
      svg.append("path").datum({ type: "Sphere" }).attr("d", path).attr("fill", "#eef3f8");
      svg.append("path").datum(topojson.feature(world, world.objects.countries)).attr("d", path)
        .attr("fill", "#d5dbe2").attr("stroke", "#fff").attr("stroke-width", 0.5);
      var feats = events.features || [];
      svg.append("g").selectAll("circle").data(feats).join("circle").attr("class", "event-dot")
        .attr("r", 5).attr("fill", function (d) { return scoreColour(d.properties.score); }).attr("fill-opacity", 0.75)
        .attr("cx", function (d) { return projection(d.geometry.coordinates)[0]; })
        .attr("cy", function (d) { return projection(d.geometry.coordinates)[1]; }).style("cursor", "pointer")
        .on("click", function (_e, d) { window.location.href = "/articles/" + encodeURIComponent(d.properties.article_id) + "#ev-" + encodeURIComponent(d.properties.id); })
        .append("title").text(function (d) { var p = d.properties; return p.type + " " + p.actors.join(",") + " → " + p.recipients.join(",") + " · " + (p.place || "") + " · " + (p.date || ""); });
      if (!feats.length) { empty(el); } else { done(el, feats.length); }
    }).catch(function (err) { el.setAttribute("data-rendered", "error"); el.textContent = "Map failed: " + err; });
  }

  /* Reader: hovering a highlighted span lights up its records. */
  function reader(el) {
    el.addEventListener("mouseover", function (e) {
      var t = e.target.closest("[data-events],[data-quotes]");
      document.querySelectorAll(".flash").forEach(function (x) { x.classList.remove("flash"); });
      if (!t) { return; }
      (t.getAttribute("data-events") || "").split(" ").concat((t.getAttribute("data-quotes") || "").split(" ").map(function (q) { return q && "q-" + q; }))
        .forEach(function (ident) {
          if (!ident) { return; }
          var rec = document.getElementById(ident.indexOf("q-") === 0 ? ident : "ev-" + ident);
          if (rec) { rec.classList.add("flash"); }
        });
    });
  }

  /* Draw every [data-widget] element; one failing widget is marked and reported, the others still draw. */
  function init() {
    document.querySelectorAll("[data-widget]").forEach(function (el) {
      var make = widgets[el.getAttribute("data-widget")];
      if (!make) { return; }
      try {
        make(el);
      } catch (err) {
        el.setAttribute("data-rendered", "error");
        setTimeout(function () { throw err; });
      }
    });
  }

  widgets.timeline = timeline;
  widgets.dyad = dyad;
  widgets.network = network;
  widgets.map = worldMap;
  widgets.reader = reader;
  window.Communique = { widgets: widgets, readJSON: readJSON, source: source, empty: empty, done: done,
                        widthOf: widthOf, axisTitle: axisTitle, sparseTicks: sparseTicks, scoreColour: scoreColour };
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
