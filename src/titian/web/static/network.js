// The network map: an enhancement of the tables on /network (which stay the primary,
// keyboard-usable view). Reads the JSON data block written by the page (no inline script: the
// Content Security Policy forbids it) and draws it with Cytoscape.js, served by Titian itself.
(function () {
  "use strict";
  var COLOURS = { justice: "#1f5fa8", support: "#2e7d4f", coordination: "#8a5a00", other: "#6b6f78" };

  function readData() {
    var block = document.getElementById("network-data");
    if (!block) { return null; }
    try { return JSON.parse(block.textContent || "{}"); } catch (e) { return null; }
  }

  function elements(data) {
    var out = [];
    data.nodes.forEach(function (n) {
      out.push({ group: "nodes", data: { id: n.id, label: n.name, role: n.role, kind: n.kind } });
    });
    data.edges.forEach(function (e) {
      out.push({ group: "edges", data: { id: e.id, source: e.source, target: e.target,
        relationship: e.relationship, oneWay: e.direction === "one_way" ? 1 : 0 } });
    });
    return out;
  }

  function draw() {
    var box = document.getElementById("network-map");
    var data = readData();
    if (!box || !data || typeof window.cytoscape !== "function") { return; }
    box.style.height = "32rem";
    box.style.border = "1px solid #c9ccd3";
    box.style.background = "#fff";
    if (!data.nodes.length) { box.textContent = box.getAttribute("data-empty"); return; }
    var cy = window.cytoscape({
      container: box,
      elements: elements(data),
      layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: 8000 },
      style: [
        { selector: "node", style: {
          "label": "data(label)", "font-size": 9, "text-wrap": "ellipsis", "text-max-width": 120,
          "width": 18, "height": 18, "color": "#1b1b1f",
          "background-color": function (n) { return COLOURS[n.data("role")] || COLOURS.other; } } },
        { selector: "edge", style: { "width": 1.5, "line-color": "#9aa0aa", "curve-style": "bezier" } },
        { selector: "edge[oneWay = 1]", style: { "target-arrow-shape": "triangle", "target-arrow-color": "#9aa0aa" } },
        { selector: "edge[relationship = 'referral_partner'], edge[relationship = 'mou_sop']",
          style: { "width": 3, "line-color": "#2e7d4f", "target-arrow-color": "#2e7d4f" } },
        { selector: "edge[relationship = 'dialogue']", style: { "line-style": "dashed" } },
        { selector: ":selected", style: { "border-width": 3, "border-color": "#c0392b" } }
      ]
    });
    var said = document.getElementById("map-selection");
    cy.on("tap", "node", function (event) {
      var node = event.target;
      if (!said) { return; }
      said.textContent = "";
      var link = document.createElement("a");
      link.href = "/actors/" + encodeURIComponent(node.id());
      link.textContent = node.data("label") + " (" + node.data("kind").replace(/_/g, " ") + ", " +
        node.connectedEdges().length + ")";
      said.appendChild(link);
    });
    box.setAttribute("data-ready", "true");
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
