/* Communiqué UI: small d3 drawings over data the server embeds as JSON (never as HTML). */
(function () {
  "use strict";
  var COOP = "#1f7a4d", CONF = "#b3261e", NEUTRAL = "#8a94a0";

  function readJSON(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  function box(id) {
    var el = document.getElementById(id);
    return { el: el, width: Math.max(el.clientWidth, 320), height: Math.max(el.clientHeight, 260) };
  }
  function empty(el) {
    var note = document.createElement("div");
    note.className = "empty-note";
    note.textContent = el.getAttribute("data-empty") || "No data.";
    el.appendChild(note);
    el.setAttribute("data-rendered", "empty");
  }
  function done(el, n) { el.setAttribute("data-rendered", String(n)); }
  function scoreColour(s) { return s > 0 ? COOP : s < 0 ? CONF : NEUTRAL; }

  /* Dashboard: events per month, stacked by type. */
  function timeline(id, dataId) {
    var data = readJSON(dataId), b = box(id);
    if (!data || !data.rows.length) { return empty(b.el); }
    var m = { t: 10, r: 140, b: 30, l: 40 }, w = b.width - m.l - m.r, h = 240 - m.t - m.b;
    var stack = d3.stack().keys(data.types).value(function (d, k) { return d[k] || 0; })(data.rows);
    var x = d3.scaleBand().domain(data.rows.map(function (d) { return d.period; })).range([0, w]).padding(0.15);
    var y = d3.scaleLinear().domain([0, d3.max(stack, function (s) { return d3.max(s, function (d) { return d[1]; }); })]).nice().range([h, 0]);
    var colour = d3.scaleOrdinal(d3.schemeTableau10.concat(d3.schemeSet3)).domain(data.types);
    var svg = d3.select(b.el).append("svg").attr("viewBox", [0, 0, b.width, 240]);
    var g = svg.append("g").attr("transform", "translate(" + m.l + "," + m.t + ")");
    g.selectAll("g.layer").data(stack).join("g").attr("class", "layer").attr("fill", function (s) { return colour(s.key); })
      .selectAll("rect").data(function (s) { return s; }).join("rect")
      .attr("x", function (d) { return x(d.data.period); }).attr("y", function (d) { return y(d[1]); })
      .attr("height", function (d) { return y(d[0]) - y(d[1]); }).attr("width", x.bandwidth());
    g.append("g").attr("transform", "translate(0," + h + ")").call(d3.axisBottom(x).tickValues(x.domain().filter(function (d, i) { return !(i % Math.ceil(x.domain().length / 12)); })));
    g.append("g").call(d3.axisLeft(y).ticks(5));
    var legend = svg.append("g").attr("transform", "translate(" + (b.width - m.r + 10) + "," + m.t + ")");
    data.types.forEach(function (t, i) {
      legend.append("rect").attr("y", i * 14).attr("width", 10).attr("height", 10).attr("fill", colour(t));
      legend.append("text").attr("x", 14).attr("y", i * 14 + 9).attr("font-size", 10).text(t);
    });
    done(b.el, data.rows.length);
  }

  /* Dyad: events per period (bars) and summed score (line); a click filters the table. */
  function dyad(id, dataId) {
    var data = readJSON(dataId), b = box(id), pts = data ? data.points : [];
    if (!pts.length) { return empty(b.el); }
    var m = { t: 16, r: 40, b: 30, l: 44 }, w = b.width - m.l - m.r, h = 260 - m.t - m.b;
    var x = d3.scaleBand().domain(pts.map(function (d) { return d.period; })).range([0, w]).padding(0.3);
    var ext = d3.extent(pts, function (d) { return d.score; });
    var y = d3.scaleLinear().domain([Math.min(0, ext[0]), Math.max(0, ext[1])]).nice().range([h, 0]);
    var yc = d3.scaleLinear().domain([0, d3.max(pts, function (d) { return d.events; })]).nice().range([h, 0]);
    var svg = d3.select(b.el).append("svg").attr("viewBox", [0, 0, b.width, 260]);
    var g = svg.append("g").attr("transform", "translate(" + m.l + "," + m.t + ")");
    g.selectAll("rect.count").data(pts).join("rect").attr("class", "count").attr("fill", "#dde2e8")
      .attr("x", function (d) { return x(d.period); }).attr("width", x.bandwidth())
      .attr("y", function (d) { return yc(d.events); }).attr("height", function (d) { return h - yc(d.events); });
    g.append("line").attr("x1", 0).attr("x2", w).attr("y1", y(0)).attr("y2", y(0)).attr("stroke", "#999");
    g.append("path").datum(pts).attr("fill", "none").attr("stroke", "#14213d").attr("stroke-width", 2)
      .attr("d", d3.line().x(function (d) { return x(d.period) + x.bandwidth() / 2; }).y(function (d) { return y(d.score); }));
    var table = document.querySelector("table.events");
    g.selectAll("circle.point").data(pts).join("circle").attr("class", "point").attr("r", 6)
      .attr("cx", function (d) { return x(d.period) + x.bandwidth() / 2; }).attr("cy", function (d) { return y(d.score); })
      .attr("fill", function (d) { return scoreColour(d.score); }).style("cursor", "pointer")
      .on("click", function (_e, d) {
        var ids = (data.by_period[d.period] || []);
        document.getElementById("dyad-filter").textContent = "in " + d.period + " (" + ids.length + ")";
        if (!table) { return; }
        table.querySelectorAll("tbody tr").forEach(function (tr) {
          tr.style.display = ids.indexOf(tr.id.slice(3)) >= 0 ? "" : "none";
        });
      })
      .append("title").text(function (d) { return d.period + ": " + d.events + " event(s), score " + d.score.toFixed(1); });
    g.append("g").attr("transform", "translate(0," + h + ")").call(d3.axisBottom(x));
    g.append("g").call(d3.axisLeft(y).ticks(5));
    g.append("g").attr("transform", "translate(" + w + ",0)").call(d3.axisRight(yc).ticks(4));
    done(b.el, pts.length);
  }

  /* Network: force layout; node size = activity, edge colour = cooperation/conflict; edge click -> dyad page. */
  function network(id, dataId) {
    var data = readJSON(dataId), b = box(id);
    if (!data || !data.nodes.length) { return empty(b.el); }
    var width = b.width, height = 560;
    var nodes = data.nodes.map(function (d) { return Object.assign({}, d); });
    var links = data.edges.map(function (d) { return Object.assign({}, d); });
    var size = d3.scaleSqrt().domain([1, d3.max(nodes, function (d) { return d.events; })]).range([5, 26]);
    var widthScale = d3.scaleSqrt().domain([1, d3.max(links, function (d) { return d.events; }) || 1]).range([1.5, 9]);
    var svg = d3.select(b.el).append("svg").attr("viewBox", [0, 0, width, height]);
    var sim = d3.forceSimulation(nodes)
      .force("link", d3.forceLink(links).id(function (d) { return d.id; }).distance(110))
      .force("charge", d3.forceManyBody().strength(-260))
      .force("center", d3.forceCenter(width / 2, height / 2))
      .force("collide", d3.forceCollide().radius(function (d) { return size(d.events) + 4; }));
    var link = svg.append("g").selectAll("line").data(links).join("line").attr("class", "edge")
      .attr("stroke", function (d) { return scoreColour(d.score); }).attr("stroke-opacity", 0.7)
      .attr("stroke-width", function (d) { return widthScale(d.events); }).style("cursor", "pointer")
      .on("click", function (_e, d) { window.location.href = "/dyads/" + encodeURIComponent(d.source.id) + "/" + encodeURIComponent(d.target.id); });
    link.append("title").text(function (d) { return d.source + " – " + d.target + ": " + d.events + " event(s), score " + d.score; });
    var node = svg.append("g").selectAll("g").data(nodes).join("g").attr("class", "node");
    node.append("circle").attr("r", function (d) { return size(d.events); }).attr("fill", "#2b5fab").attr("fill-opacity", 0.85);
    node.append("text").text(function (d) { return d.id; }).attr("font-size", 11).attr("dx", function (d) { return size(d.events) + 3; }).attr("dy", 4);
    node.call(d3.drag().on("start", function (e, d) { if (!e.active) { sim.alphaTarget(0.3).restart(); } d.fx = d.x; d.fy = d.y; })
      .on("drag", function (e, d) { d.fx = e.x; d.fy = e.y; })
      .on("end", function (e, d) { if (!e.active) { sim.alphaTarget(0); } d.fx = null; d.fy = null; }));
    sim.on("tick", function () {
      link.attr("x1", function (d) { return d.source.x; }).attr("y1", function (d) { return d.source.y; })
        .attr("x2", function (d) { return d.target.x; }).attr("y2", function (d) { return d.target.y; });
      node.attr("transform", function (d) { return "translate(" + d.x + "," + d.y + ")"; });
    });
    done(b.el, nodes.length);
  }

  /* Map: world outline from the vendored atlas, events as dots. */
  function worldMap(id, atlasUrl, eventsUrl) {
    var b = box(id), width = b.width, height = 560;
    Promise.all([d3.json(atlasUrl), d3.json(eventsUrl)]).then(function (res) {
      var world = res[0], events = res[1];
      var svg = d3.select(b.el).append("svg").attr("viewBox", [0, 0, width, height]);
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
      if (!feats.length) { empty(b.el); } else { done(b.el, feats.length); }
    }).catch(function (err) { b.el.setAttribute("data-rendered", "error"); b.el.textContent = "Map failed: " + err; });
  }

  /* Reader: hovering a highlighted span lights up its records. */
  function reader(id) {
    var el = document.getElementById(id);
    if (!el) { return; }
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

  window.Communique = { timeline: timeline, dyad: dyad, network: network, worldMap: worldMap, reader: reader,
                        readJSON: readJSON, empty: empty };
})();
