/* Communiqué alignment pages: the S-score chart and the bloc graph with a period slider.
   Data come from <script type="application/json"> blocks; text goes in with textContent only.
   Both register as widgets of app.js (data-widget="alignment" / "blocs"), drawn once the page is parsed. */
(function () {
  "use strict";
  var COOP = "#1f7a4d", CONF = "#b3261e", LINE = "#2b5fab";
  var PALETTE = d3.schemeTableau10.concat(d3.schemeSet2, d3.schemeDark2);

  var C = window.Communique;  /* helpers from app.js */
  /* Stable colour of a bloc id ("B3" -> the third colour), the same in every period. */
  function blocColour(id) {
    var n = parseInt(String(id || "").replace(/\D/g, ""), 10);
    return isNaN(n) ? "#c0c6cc" : PALETTE[(n - 1) % PALETTE.length];
  }
  function highlightRows(selector, period) {
    document.querySelectorAll(selector).forEach(function (el) {
      el.style.background = el.getAttribute("data-period") === period ? "#fff6d6" : "";
    });
  }

  /* Alignment: S-score per period (line, -1..1, left axis) over the dyad's summed score (bars, right
     axis), on the server's complete period axis; the line breaks at periods without an S-score. */
  function alignment(el) {
    var data = C.source(el);
    var pts = data ? data.alignment.filter(function (d) { return d.s_score !== null; }) : [];
    if (!pts.length) { return C.empty(el); }
    var width = C.widthOf(el), height = 300, m = { t: 16, r: 64, b: 44, l: 64 };
    var w = width - m.l - m.r, h = height - m.t - m.b;
    var x = d3.scalePoint().domain(data.periods).range([0, w]).padding(0.5);
    var y = d3.scaleLinear().domain([-1, 1]).range([h, 0]);
    var bars = data.dyad.filter(function (d) { return d.score_sum !== null; });
    var ext = d3.extent(bars, function (d) { return d.score_sum; });
    var yd = d3.scaleLinear().domain([Math.min(0, ext[0] || 0), Math.max(0, ext[1] || 0)]).nice().range([h, 0]);
    var svg = d3.select(el).append("svg").attr("viewBox", [0, 0, width, height]);
    var g = svg.append("g").attr("transform", "translate(" + m.l + "," + m.t + ")");
    var bw = Math.max(2, Math.min(30, w / Math.max(data.periods.length, 1) * 0.5));
    g.selectAll("rect.dyad").data(bars).join("rect").attr("class", "dyad")
      .attr("x", function (d) { return x(d.period) - bw / 2; }).attr("width", bw)
      .attr("y", function (d) { return yd(Math.max(0, d.score_sum)); })
      .attr("height", function (d) { return Math.abs(yd(d.score_sum) - yd(0)); })
      .attr("fill", function (d) { return d.score_sum >= 0 ? COOP : CONF; }).attr("fill-opacity", 0.25)
      .append("title").text(function (d) { return d.period + ": " + data.a + "–" + data.b + " " + d.events + " fact(s), score " + d.score_sum; });
    g.append("line").attr("x1", 0).attr("x2", w).attr("y1", y(0)).attr("y2", y(0)).attr("stroke", "#dde2e8");
    g.append("path").attr("class", "s-line").datum(data.alignment).attr("fill", "none").attr("stroke", LINE).attr("stroke-width", 2)
      .attr("d", d3.line().defined(function (d) { return d.s_score !== null; })
        .x(function (d) { return x(d.period); }).y(function (d) { return y(d.s_score); }));
    var moved = {};
    data.moved.forEach(function (p) { moved[p] = true; });
    g.selectAll("circle.s").data(pts).join("circle").attr("class", "s")
      .attr("cx", function (d) { return x(d.period); }).attr("cy", function (d) { return y(d.s_score); })
      .attr("r", function (d) { return moved[d.period] ? 6 : 4; })
      .attr("fill", function (d) { return moved[d.period] ? "#e0a100" : LINE; }).style("cursor", "pointer")
      .on("click", function (_e, d) { highlightRows("#align-table tr, #changes > li", d.period); })
      .append("title").text(function (d) { return d.period + ": S = " + d.s_score.toFixed(3) + " over " + d.third_parties + " third parties"; });
    g.append("g").attr("class", "x-axis").attr("transform", "translate(0," + h + ")")
      .call(d3.axisBottom(x).tickValues(C.sparseTicks(data.periods, 12)).tickSizeOuter(0));
    g.append("g").attr("class", "y-axis").call(d3.axisLeft(y).ticks(5));
    g.append("g").attr("class", "y-axis right").attr("transform", "translate(" + w + ",0)").call(d3.axisRight(yd).ticks(5)).attr("color", "#8a94a0");
    C.axisTitle(g, data.by + " (every " + data.by + " from the first to the last; gap = no S-score)", w / 2, h + 36);
    C.axisTitle(g, "S-score (line), −1 … 1", -44, h / 2, -90);
    C.axisTitle(g, "summed PLOVER score, points (bars)", w + 48, h / 2, 90);
    C.done(el, pts.length);
  }

  /* Blocs: one force layout per period, nodes coloured by bloc id; the slider runs over every period
     from the first to the last (data.axis), and a period without cooperation is shown empty. */
  function blocs(el) {
    var data = C.source(el), slider = document.getElementById(el.getAttribute("data-slider"));
    if (!data || !data.history.length) { return C.empty(el); }
    var width = Math.max(el.clientWidth, 320), height = 540, positions = {}, sim = null;
    var svg = d3.select(el).append("svg").attr("viewBox", [0, 0, width, height]);
    var linkLayer = svg.append("g"), nodeLayer = svg.append("g");
    var byPeriod = {}, axis = data.axis || data.periods;
    data.history.forEach(function (p) { byPeriod[p.period] = p; });
    var note = document.createElement("div");
    note.className = "empty-note period-note";
    el.appendChild(note);

    function moversOf(period) {
      var out = {};
      data.moves.forEach(function (mv) { if (mv.period === period) { out[mv.code] = mv; } });
      return out;
    }
    function fillTable(p, movers) {
      var body = document.querySelector("#blocs-table tbody");
      if (!body) { return; }
      body.textContent = "";
      p.blocs.forEach(function (b) {
        var tr = document.createElement("tr");
        [b.id, b.members.join(" "), b.joined.join(" "), b.left.join(" ")].forEach(function (text, i) {
          var td = document.createElement("td");
          td.textContent = text;
          if (i === 0) { td.style.color = blocColour(b.id); td.style.fontWeight = "700"; }
          tr.appendChild(td);
        });
        body.appendChild(tr);
      });
      document.getElementById("blocs-period").textContent = p.period;
      highlightRows("#moves > li", p.period);
      el.setAttribute("data-movers", Object.keys(movers).sort().join(" "));
    }
    function draw(index) {
      var period = axis[index], p = byPeriod[period] || { period: period, blocs: [], nodes: [], edges: [] };
      note.textContent = p.nodes.length ? "" : "No cooperation in " + period + ".";
      note.hidden = p.nodes.length > 0;
      var label = document.getElementById("period-label");
      if (label) { label.textContent = p.period; }
      var blocOf = {}, movers = moversOf(p.period);
      p.blocs.forEach(function (b) { b.members.forEach(function (c) { blocOf[c] = b.id; }); });
      var nodes = p.nodes.map(function (c) {
        var old = positions[c] || {};
        return { id: c, bloc: blocOf[c] || null, x: old.x, y: old.y };
      });
      var links = p.edges.map(function (e) { return { source: e[0], target: e[1], weight: e[2] }; });
      var wmax = d3.max(links, function (d) { return d.weight; }) || 1;
      if (sim) { sim.stop(); }
      var line = linkLayer.selectAll("line").data(links).join("line").attr("stroke", "#c0c6cc")
        .attr("stroke-opacity", 0.6).attr("stroke-width", function (d) { return 0.5 + 3 * d.weight / wmax; });
      var node = nodeLayer.selectAll("g.node").data(nodes, function (d) { return d.id; }).join(function (enter) {
        var gn = enter.append("g").attr("class", "node");
        gn.append("circle").attr("r", 9);
        gn.append("text").attr("x", 12).attr("y", 4).attr("font-size", 11);
        gn.append("title");
        return gn;
      });
      node.select("circle").attr("fill", function (d) { return blocColour(d.bloc); })
        .attr("stroke", function (d) { return movers[d.id] ? "#111" : "#fff"; })
        .attr("stroke-width", function (d) { return movers[d.id] ? 3 : 1; });
      node.select("text").text(function (d) { return d.id; })
        .attr("font-weight", function (d) { return movers[d.id] ? 700 : 400; })
        .each(function (d) { d.label = this.getComputedTextLength(); });
      node.select("title").text(function (d) {
        var mv = movers[d.id];
        return d.id + (d.bloc ? " in " + d.bloc : "") + (mv ? " (moved from " + mv.from + " to " + mv.to + ")" : "");
      });
      sim = d3.forceSimulation(nodes)
        .force("link", d3.forceLink(links).id(function (d) { return d.id; }).distance(70)
          .strength(function (d) { return 0.1 + 0.6 * d.weight / wmax; }))
        .force("charge", d3.forceManyBody().strength(-160))
        .force("center", d3.forceCenter(width / 2, height / 2))
        .force("x", d3.forceX(width / 2).strength(0.04)).force("y", d3.forceY(height / 2).strength(0.06))
        .on("tick", function () {
          line.attr("x1", function (d) { return d.source.x; }).attr("y1", function (d) { return d.source.y; })
            .attr("x2", function (d) { return d.target.x; }).attr("y2", function (d) { return d.target.y; });
          node.attr("transform", function (d) {
            /* circle (r 9, ring 3) and label (from x + 12) stay inside the frame */
            d.x = Math.max(12, Math.min(width - 16 - d.label, d.x)); d.y = Math.max(12, Math.min(height - 12, d.y));
            positions[d.id] = { x: d.x, y: d.y };
            return "translate(" + d.x + "," + d.y + ")";
          });
        });
      fillTable(p, movers);
      el.setAttribute("data-rendered", String(nodes.length));
      el.setAttribute("data-period", p.period);
    }
    var start = axis.indexOf(data.period);
    if (start < 0) { start = axis.length - 1; }
    if (slider) {
      slider.value = String(start);
      slider.addEventListener("input", function () { draw(parseInt(slider.value, 10)); });
    }
    draw(start);
  }

  C.widgets.alignment = alignment;
  C.widgets.blocs = blocs;
  window.CommuniqueAnalysis = { alignment: alignment, blocs: blocs, blocColour: blocColour };
})();
