// Client-side exports of what is on screen: exactly the visible elements,
// so an export matches the view a person filtered and arranged.

const xmlEscape = (s) =>
  String(s ?? '').replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]);

export function toGraphML(nodes, edges) {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    '  <key id="name" for="node" attr.name="name" attr.type="string"/>',
    '  <key id="kind" for="node" attr.name="kind" attr.type="string"/>',
    '  <key id="level" for="node" attr.name="level" attr.type="string"/>',
    '  <key id="x" for="node" attr.name="x" attr.type="double"/>',
    '  <key id="y" for="node" attr.name="y" attr.type="double"/>',
    '  <key id="rkind" for="edge" attr.name="kind" attr.type="string"/>',
    '  <key id="status" for="edge" attr.name="status" attr.type="string"/>',
    '  <key id="years" for="edge" attr.name="years" attr.type="string"/>',
    '  <graph id="collabgraph" edgedefault="directed">',
  ];
  for (const n of nodes) {
    out.push(`    <node id="${xmlEscape(n.id)}">`);
    out.push(`      <data key="name">${xmlEscape(n.name)}</data>`);
    out.push(`      <data key="kind">${xmlEscape(n.kind)}</data>`);
    if (n.level) out.push(`      <data key="level">${xmlEscape(n.level)}</data>`);
    if (n.x !== undefined) {
      out.push(`      <data key="x">${n.x.toFixed(1)}</data>`);
      out.push(`      <data key="y">${n.y.toFixed(1)}</data>`);
    }
    out.push('    </node>');
  }
  for (const e of edges) {
    out.push(`    <edge id="${xmlEscape(e.id)}" source="${xmlEscape(e.source)}" target="${xmlEscape(e.target)}">`);
    out.push(`      <data key="rkind">${xmlEscape(e.kind)}</data>`);
    if (e.status) out.push(`      <data key="status">${xmlEscape(e.status)}</data>`);
    if (e.years && e.years.length) out.push(`      <data key="years">${xmlEscape(e.years.join(' '))}</data>`);
    out.push('    </edge>');
  }
  out.push('  </graph>', '</graphml>', '');
  return out.join('\n');
}

const csvCell = (v) => {
  const s = String(v ?? '');
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

// toCSV writes one table with a row per node and a row per edge, told apart
// by the first column, so one file opens whole in a spreadsheet.
export function toCSV(nodes, edges) {
  const names = new Map(nodes.map((n) => [n.id, n.name]));
  const rows = [['element', 'id', 'name', 'kind', 'level', 'source', 'source_name', 'target', 'target_name', 'status', 'years']];
  for (const n of nodes) rows.push(['node', n.id, n.name, n.kind, n.level ?? '', '', '', '', '', '', '']);
  for (const e of edges) {
    rows.push(['edge', e.id, '', e.kind, '', e.source, names.get(e.source) ?? '', e.target, names.get(e.target) ?? '', e.status ?? '', (e.years ?? []).join(' ')]);
  }
  // A BOM so spreadsheet programs read the Chinese names as UTF-8.
  return '\ufeff' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export function download(filename, blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
