// How kinds look: one colour and one shape per entity kind, one colour per
// relation kind, dashed lines for PLANNED. The legend is drawn from the same
// tables so it cannot drift from the graph.

export const entityKinds = ['REGION', 'CORRIDOR', 'PLATFORM', 'ENCLAVE', 'INSTITUTION', 'ENTERPRISE', 'ALLIANCE'];
export const relationKinds = ['PART_OF', 'LOCATED_IN', 'JOINS', 'OPERATES', 'COOPERATES_WITH', 'BUILDS'];

// Tableau 10 colours: distinguishable, and readable on white.
export const kindLook = {
  REGION: { color: '#4e79a7', shape: 'ellipse' },
  CORRIDOR: { color: '#f28e2b', shape: 'hexagon' },
  PLATFORM: { color: '#59a14f', shape: 'round-rectangle' },
  ENCLAVE: { color: '#e15759', shape: 'diamond' },
  INSTITUTION: { color: '#b07aa1', shape: 'triangle' },
  ENTERPRISE: { color: '#9c755f', shape: 'rectangle' },
  ALLIANCE: { color: '#edc948', shape: 'star' },
};

export const relationColor = {
  PART_OF: '#9a9a9a',
  LOCATED_IN: '#76b7b2',
  JOINS: '#f28e2b',
  OPERATES: '#e15759',
  COOPERATES_WITH: '#4e79a7',
  BUILDS: '#59a14f',
};

export const fontFamily =
  'system-ui, -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif';

export function stylesheet() {
  const s = [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'font-family': fontFamily,
        // Hubs keep their names when zoomed out; leaves' names appear on zooming in.
        'font-size': 'mapData(degree, 1, 30, 10, 16)',
        color: '#222',
        'text-valign': 'bottom',
        'text-margin-y': 3,
        'text-outline-color': '#fff',
        'text-outline-width': 2,
        'min-zoomed-font-size': 6,
        width: 'mapData(degree, 0, 40, 16, 48)',
        height: 'mapData(degree, 0, 40, 16, 48)',
        'border-width': 1,
        'border-color': '#fff',
      },
    },
    {
      selector: 'edge',
      style: {
        width: 1.6,
        'curve-style': 'bezier',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.8,
        opacity: 0.85,
      },
    },
    { selector: 'edge[status = "PLANNED"]', style: { 'line-style': 'dashed', 'line-dash-pattern': [6, 4] } },
    { selector: 'edge[kind = "COOPERATES_WITH"]', style: { 'target-arrow-shape': 'none' } },
    { selector: '.hidden', style: { display: 'none' } },
    { selector: 'node.pinned', style: { 'border-width': 3, 'border-color': '#333', 'border-style': 'double' } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#111', 'font-weight': 'bold', 'z-index': 10 } },
    { selector: 'edge:selected', style: { width: 4, opacity: 1 } },
    { selector: '.faded', style: { opacity: 0.15 } },
    { selector: 'node.onpath', style: { 'border-width': 4, 'border-color': '#ff00aa', 'z-index': 20 } },
    { selector: 'edge.onpath', style: { width: 5, opacity: 1, 'line-color': '#ff00aa', 'target-arrow-color': '#ff00aa', 'z-index': 20 } },
    // The cooperation view: regions only, width by number of links.
    {
      selector: 'edge.tie',
      style: {
        width: 'mapData(count, 1, 8, 1.5, 12)',
        'line-color': '#4e79a7',
        'target-arrow-shape': 'none',
        'curve-style': 'haystack',
        opacity: 0.6,
      },
    },
    { selector: 'edge.tie.direct', style: { 'line-color': '#e15759' } },
  ];
  for (const [kind, look] of Object.entries(kindLook)) {
    s.splice(2, 0, { selector: `node[kind = "${kind}"]`, style: { 'background-color': look.color, shape: look.shape } });
  }
  for (const [kind, color] of Object.entries(relationColor)) {
    s.splice(2, 0, { selector: `edge[kind = "${kind}"]`, style: { 'line-color': color, 'target-arrow-color': color } });
  }
  return s;
}

// legendShape draws a kind's shape as inline SVG for the legend.
export function legendShape(kind) {
  const { color, shape } = kindLook[kind];
  const shapes = {
    ellipse: '<circle cx="8" cy="8" r="7"/>',
    hexagon: '<polygon points="4,1 12,1 15,8 12,15 4,15 1,8"/>',
    'round-rectangle': '<rect x="1" y="2" width="14" height="12" rx="3"/>',
    diamond: '<polygon points="8,0 16,8 8,16 0,8"/>',
    triangle: '<polygon points="8,1 15,15 1,15"/>',
    rectangle: '<rect x="1" y="2" width="14" height="12"/>',
    star: '<polygon points="8,0 10,6 16,6 11,10 13,16 8,12 3,16 5,10 0,6 6,6"/>',
  };
  return `<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" fill="${color}">${shapes[shape]}</svg>`;
}

export function legendLine(color, dashed) {
  return `<svg width="28" height="10" viewBox="0 0 28 10" aria-hidden="true"><line x1="1" y1="5" x2="27" y2="5" stroke="${color}" stroke-width="2.5"${dashed ? ' stroke-dasharray="5 3"' : ''}/></svg>`;
}
