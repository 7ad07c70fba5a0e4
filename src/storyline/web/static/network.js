// The network page: draws the stance/pressure graph (from the page's JSON twin) as SVG on a circular layout,
// issues on an inner ring and actors on an outer one; clicking an edge lists its evidence sentences.
"use strict";
(() => {
  const SVG = "http://www.w3.org/2000/svg";
  const COLORS = { support: "#2e7d32", oppose: "#c62828", mixed: "#ef6c00", press: "#1565c0" };

  function el(name, attrs, parent) {
    const node = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    if (parent) parent.appendChild(node);
    return node;
  }

  function html(tag, text, parent) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }

  function layout(nodes, size) {
    const issues = nodes.filter((n) => n.kind === "issue");
    const actors = nodes.filter((n) => n.kind !== "issue");
    const c = size / 2;
    const place = {};
    const ring = (list, r, offset) => list.forEach((n, i) => {
      const a = offset + (2 * Math.PI * i) / Math.max(1, list.length);
      place[n.id] = { x: c + r * Math.cos(a), y: c + r * Math.sin(a), a };
    });
    ring(actors, size * 0.3, -Math.PI / 2);
    ring(issues, issues.length > 1 ? size * 0.14 : 0, -Math.PI / 4);
    return place;
  }

  function showEvidence(panel, edge, labels) {
    panel.replaceChildren();
    html("h2", `${labels[edge.source]} → ${edge.relation} → ${labels[edge.target]}`, panel);
    html("p", `${edge.weight} article${edge.weight === 1 ? "" : "s"}`, panel).className = "meta";
    const list = html("ul", undefined, panel);
    list.className = "evidence-list";
    for (const e of edge.evidence) {
      const item = html("li", undefined, list);
      html("blockquote", e.text, item);
      const link = html("a", `${e.title} (${e.published || "undated"})`, item);
      link.href = e.path;
    }
    if (!edge.evidence.length) html("p", "No evidence sentence stored.", panel);
  }

  function draw(graph, box, panel) {
    const size = 760;
    const svg = el("svg", { viewBox: `0 0 ${size} ${size}`, role: "img", class: "network-svg" }, box);
    const defs = el("defs", {}, svg);
    for (const [rel, color] of Object.entries(COLORS)) {
      const m = el("marker", { id: `arrow-${rel}`, viewBox: "0 0 10 10", refX: 18, refY: 5, markerWidth: 6,
        markerHeight: 6, orient: "auto-start-reverse" }, defs);
      el("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: color }, m);
    }
    const place = layout(graph.nodes, size);
    const labels = {};
    for (const n of graph.nodes) labels[n.id] = n.label;
    const edges = el("g", { class: "edges" }, svg);
    graph.edges.forEach((edge, i) => {
      const a = place[edge.source], b = place[edge.target];
      if (!a || !b) return;
      const g = el("g", { class: `edge ${edge.relation}`, "data-index": i, tabindex: 0 }, edges);
      const title = el("title", {}, g);
      title.textContent = `${labels[edge.source]} ${edge.relation} ${labels[edge.target]} (${edge.weight})`;
      el("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: COLORS[edge.relation] || "#777",
        "stroke-width": 1.5 + 2 * Math.log2(edge.weight), "marker-end": `url(#arrow-${edge.relation})`,
        class: "edge-line" }, g);
      el("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: "transparent", "stroke-width": 12, class: "edge-hit" }, g);
      const pick = () => {
        for (const other of edges.querySelectorAll(".edge.selected")) other.classList.remove("selected");
        g.classList.add("selected");
        showEvidence(panel, edge, labels);
      };
      g.addEventListener("click", pick);
      g.addEventListener("keydown", (ev) => { if (ev.key === "Enter" || ev.key === " ") pick(); });
    });
    const nodes = el("g", { class: "nodes" }, svg);
    for (const n of graph.nodes) {
      const p = place[n.id];
      const g = el("g", { class: `node ${n.kind}` }, nodes);
      const r = 5 + Math.min(10, 2 * Math.sqrt(n.weight));
      if (n.kind === "issue") el("rect", { x: p.x - r, y: p.y - r, width: 2 * r, height: 2 * r, rx: 2 }, g);
      else el("circle", { cx: p.x, cy: p.y, r }, g);
      const right = n.kind === "issue" || Math.cos(p.a) >= 0;
      const text = el("text", { x: p.x + (right ? r + 4 : -r - 4), y: p.y + 4, "text-anchor": right ? "start" : "end" }, g);
      text.textContent = n.label.length > 40 ? n.label.slice(0, 39) + "…" : n.label;
      const title = el("title", {}, g);
      title.textContent = `${n.label} (${n.kind}, ${n.weight})`;
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    const box = document.getElementById("graph");
    const panel = document.getElementById("evidence");
    if (!box || !panel) return;
    fetch(box.dataset.source, { headers: { Accept: "application/json" } })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`status ${r.status}`))))
      .then((graph) => { draw(graph, box, panel); box.dataset.ready = "true"; })
      .catch((error) => { html("p", `The graph could not be loaded: ${error.message}`, box).className = "empty"; });
  });
})();
