// The network page: draws the cooperation graph with Cytoscape.js and lets a
// person search, read evidence, expand, filter, find paths, see regional
// cooperation and export, all through the public GraphQL API.

import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { APIError, gql, queries, relationsQuery } from './api.js';
import { t, setLang, kindName, relationName, statusName, levelName } from './i18n.js';
import { entityKinds, relationKinds, relationColor, stylesheet, legendShape, legendLine } from './look.js';
import { decode, encode } from './urlstate.js';
import { toGraphML, toCSV, download } from './exporters.js';
import { highlightTerms, highlight } from './evidence.js';

cytoscape.use(fcose);

const $ = (sel) => document.querySelector(sel);
const esc = (s) => String(s ?? '').replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]);

const state = decode(location.search);
setLang(state.lang);

// How many start entities and neighbours the first view draws: enough to
// show the main hubs, few enough to read.
const startCenters = 6;
const neighborLimit = 80;
const maxHops = 4;
const coopMaxRegions = 50; // graph/api.MaxRegions

let documents = [];
let loadErrors = [];

let exploreSnapshot = null; // the explore graph kept while the cooperation view is shown
let lastStatus = { kind: 'loading', key: 'loading', vars: {} };
let detailsRender = null; // re-renders the details panel after a language switch
let pathResults = [];
let busy = 0;
let startCenterIds = []; // the start view's entities, kept so the first expansion does not drop them

const cy = cytoscape({
  container: $('#cy'),
  style: stylesheet(),
  minZoom: 0.05,
  maxZoom: 4,
  boxSelectionEnabled: false,
});

// ---------- status, errors and the overlay ----------

// showLoadErrors tells the person which documents the graph is missing.
function showLoadErrors() {
  const el = $('#load-errors');
  if (!loadErrors.length) {
    el.hidden = true;
    return;
  }
  el.hidden = false;
  el.innerHTML = `<summary>${esc(t('loadErrors', { n: loadErrors.length }))}</summary><ul>${loadErrors
    .map((e) => `<li><code>${esc(e.file)}</code>: ${esc(e.message)}</li>`)
    .join('')}</ul>`;
}

function setStatus(kind, key, vars = {}) {
  lastStatus = { kind, key, vars };
  document.body.dataset.state = kind;
  $('#status').textContent = t(key, vars);
}

function showOverlay(text, isError) {
  const o = $('#overlay');
  o.textContent = text;
  o.classList.toggle('error', !!isError);
  o.hidden = !text;
}

function errorKey(err) {
  if (err instanceof APIError) {
    return { network: 'apiDown', http: 'apiHTTP', graphql: 'apiGraphQL' }[err.kind];
  }
  return 'apiGraphQL';
}

function fail(err) {
  console.error(err);
  const key = errorKey(err);
  const msg = err && err.message ? err.message : String(err);
  setStatus('error', key, { msg });
  if (key === 'apiDown' || cy.nodes().length === 0) showOverlay(t(key, { msg }), true);
}

// load runs one API call with the loading state shown, and reports errors
// instead of letting them vanish into the console.
async function load(fn) {
  busy++;
  setStatus('loading', 'loading');
  try {
    const out = await fn();
    busy--;
    if (busy === 0 && document.body.dataset.state !== 'error') showCounts();
    return out;
  } catch (err) {
    busy--;
    fail(err);
    return undefined;
  }
}

function showCounts() {
  const nodes = cy.nodes(':visible').length;
  const edges = cy.edges(':visible').length;
  setStatus('ready', 'viewCount', { nodes, edges });
  $('#counts').textContent = t('viewCount', { nodes, edges });
  if (cy.nodes().length === 0) showOverlay(t('emptyView'));
  else if (nodes === 0) showOverlay(t('allHidden'));
  else showOverlay('');
}

// ---------- the URL ----------

// updateServerExports points the server-export links at the selected
// entity's neighbourhood, or at the whole graph when nothing is selected.
function updateServerExports() {
  const n = state.sel && state.mode !== 'coop' ? cy.getElementById(state.sel) : null;
  const q = n && n.nonempty() ? `?center=${encodeURIComponent(state.sel)}&depth=1` : '';
  $('#server-export-label').textContent = q ? t('serverExportSel', { name: n.data('name') }) : t('serverExportAll');
  document.querySelectorAll('#server-export a').forEach((a) => {
    a.href = `/export${a.dataset.ext}${q}`;
  });
}

function syncURL() {
  const sel = cy.nodes(':selected');
  state.sel = sel.length === 1 ? sel.id() : state.sel;
  // The cooperation view draws other nodes; the explore view's pins stay.
  if (state.mode !== 'coop') state.pinned = cy.nodes('.pinned').map((n) => n.id());
  history.replaceState(null, '', location.pathname + encode(state));
  updateServerExports();
}

// ---------- elements ----------

function nodeData(e) {
  return { id: e.id, label: e.name, name: e.name, kind: e.kind, level: e.level ?? '', degree: e.degree ?? 0, aliases: e.aliases ?? [] };
}

function edgeData(r) {
  const years = [...new Set((r.evidence ?? []).map((ev) => ev.document && ev.document.year).filter(Boolean))].sort();
  if (years.length === 0 && r.year) years.push(r.year);
  return { id: r.id, source: r.from.id, target: r.to.id, kind: r.kind, status: r.status, years };
}

// merge adds entities and relations not yet drawn, placing new nodes around
// anchor so an incremental layout starts near where they belong.
function merge(entities, relations, anchor) {
  const hidden = new Set(state.hidden);
  const added = [];
  const base = anchor && cy.getElementById(anchor).nonempty() ? cy.getElementById(anchor).position() : { x: 0, y: 0 };
  let i = 0;
  for (const e of entities) {
    if (cy.getElementById(e.id).nonempty()) continue;
    if (hidden.has(e.id)) continue;
    const angle = (i++ * 2.399963) % (2 * Math.PI); // golden angle: spread without randomness
    const r = 60 + 6 * i;
    added.push({ group: 'nodes', data: nodeData(e), position: { x: base.x + r * Math.cos(angle), y: base.y + r * Math.sin(angle) } });
  }
  cy.add(added);
  const edges = [];
  for (const r of relations) {
    if (cy.getElementById(r.id).nonempty()) continue;
    if (cy.getElementById(r.from.id).empty() || cy.getElementById(r.to.id).empty()) continue;
    edges.push({ group: 'edges', data: edgeData(r) });
  }
  cy.add(edges);
  return added.length + edges.length;
}

// addCenter records that id's neighbourhood is drawn. An empty list means
// the start view, so the first addition writes the start view's entities
// out too, or a shared link would lose them.
function addCenter(id) {
  if (state.centers.length === 0) state.centers = [...startCenterIds];
  if (!state.centers.includes(id)) state.centers.push(id);
}

async function loadNeighborhood(id) {
  const d = await gql(queries.neighborhood, { center: id, depth: 1, limit: neighborLimit });
  const sg = d.neighborhood;
  merge(sg.entities, sg.relations, id);
  return sg;
}

// ---------- filters ----------

function relationFilterActive() {
  return state.rels.length !== relationKinds.length || state.status !== '' || state.year !== '';
}

function applyFilters() {
  const kinds = new Set(state.kinds);
  const rels = new Set(state.rels);
  const year = state.year ? Number(state.year) : 0;
  cy.batch(() => {
    cy.elements().removeClass('hidden');
    if (state.mode === 'coop') return;
    cy.nodes().forEach((n) => {
      if (!kinds.has(n.data('kind'))) n.addClass('hidden');
    });
    cy.edges().forEach((e) => {
      const ok =
        rels.has(e.data('kind')) &&
        (!state.status || e.data('status') === state.status) &&
        (!year || (e.data('years') ?? []).includes(year)) &&
        !e.source().hasClass('hidden') &&
        !e.target().hasClass('hidden');
      if (!ok) e.addClass('hidden');
    });
    // With a relation filter on, a node none of whose relations pass is
    // noise; the selected and pinned nodes stay so the person keeps their place.
    if (relationFilterActive()) {
      cy.nodes().forEach((n) => {
        if (n.selected() || n.hasClass('pinned') || n.hasClass('onpath')) return;
        if (n.connectedEdges().filter((e) => !e.hasClass('hidden')).empty()) n.addClass('hidden');
      });
    }
  });
}

function buildFilterControls() {
  const fk = $('#filter-kinds');
  fk.querySelectorAll('label').forEach((l) => l.remove());
  for (const k of entityKinds) {
    const l = document.createElement('label');
    l.innerHTML = `<input type="checkbox" value="${k}" ${state.kinds.includes(k) ? 'checked' : ''}> ${legendShape(k)} <span>${esc(kindName(k))}</span>`;
    fk.appendChild(l);
  }
  const fr = $('#filter-rels');
  fr.querySelectorAll('label').forEach((l) => l.remove());
  for (const k of relationKinds) {
    const l = document.createElement('label');
    l.innerHTML = `<input type="checkbox" value="${k}" ${state.rels.includes(k) ? 'checked' : ''}> ${legendLine(relationColor[k])} <span>${esc(relationName(k))}</span>`;
    fr.appendChild(l);
  }
  const st = $('#filter-status');
  st.options[1].textContent = statusName('ESTABLISHED');
  st.options[2].textContent = statusName('PLANNED');
  st.value = state.status;
  const ys = $('#filter-year');
  const years = [...new Set(documents.map((d) => d.year).filter(Boolean))].sort();
  while (ys.options.length > 1) ys.remove(1);
  for (const y of years) ys.add(new Option(String(y), String(y)));
  if (state.year && !years.includes(Number(state.year))) ys.add(new Option(state.year, state.year));
  ys.value = state.year;
}

function onFilterChange() {
  state.kinds = [...document.querySelectorAll('#filter-kinds input:checked')].map((i) => i.value);
  state.rels = [...document.querySelectorAll('#filter-rels input:checked')].map((i) => i.value);
  state.status = $('#filter-status').value;
  state.year = $('#filter-year').value;
  applyFilters();
  showCounts();
  syncURL();
}

// ---------- legend ----------

function buildLegend() {
  const parts = [];
  if (state.mode === 'coop') {
    parts.push(`<span>${legendShape('REGION')}${esc(kindName('REGION'))}</span>`);
    parts.push(`<span>${legendLine('#e15759')}${esc(t('coopDirect'))}</span>`);
    parts.push(`<span>${legendLine('#4e79a7')}${esc(t('coopVia'))}…</span>`);
    parts.push(`<span>${esc(t('coopWidth'))}</span>`);
    $('#legend').innerHTML = parts.join('');
    return;
  }
  for (const k of entityKinds) parts.push(`<span>${legendShape(k)}${esc(kindName(k))}</span>`);
  for (const k of relationKinds) parts.push(`<span>${legendLine(relationColor[k])}${esc(relationName(k))}</span>`);
  parts.push(`<span>${legendLine('#555', false)}${esc(t('established'))}</span>`);
  parts.push(`<span>${legendLine('#555', true)}${esc(t('planned'))}</span>`);
  $('#legend').innerHTML = parts.join('');
}

// ---------- layout ----------

function runLayout(fit = true) {
  const eles = cy.elements(':visible');
  if (eles.empty()) return;
  let opts;
  if (state.mode === 'coop' || state.layout === 'fcose') {
    const fixed = cy.nodes('.pinned:visible').map((n) => ({ nodeId: n.id(), position: { ...n.position() } }));
    opts = {
      name: 'fcose',
      quality: 'default',
      randomize: eles.nodes().length > 0 && !cy.scratch('laidOut'),
      animate: false,
      nodeRepulsion: () => 6000,
      // Longer edges around hubs give their many leaves room on the circle.
      idealEdgeLength: (e) => 25 + 9 * Math.sqrt(Math.max(e.source().degree(), e.target().degree())),
      nodeSeparation: 60,
      nodeDimensionsIncludeLabels: true,
      packComponents: true,
      fixedNodeConstraint: fixed.length ? fixed : undefined,
    };
  } else if (state.layout === 'concentric') {
    opts = { name: 'concentric', animate: false, concentric: (n) => n.data('degree'), levelWidth: () => 3, minNodeSpacing: 18 };
  } else {
    const roots = cy.nodes(':visible').filter((n) => n.id() === state.sel || state.centers.includes(n.id()));
    opts = { name: 'breadthfirst', animate: false, directed: false, spacingFactor: 1.1, roots: roots.nonempty() ? roots : undefined };
  }
  opts.fit = fit;
  opts.padding = 40;
  eles.layout(opts).run();
  cy.scratch('laidOut', true);
}

// ---------- selection and the details panel ----------

function evidenceList(rel) {
  const terms = highlightTerms(rel.from, rel.to);
  if (!rel.evidence || rel.evidence.length === 0) return `<p class="note">${esc(t('noEvidence'))}</p>`;
  return `<ol class="evidence">${rel.evidence
    .map(
      (ev) => `<li><blockquote class="sentence">${highlight(ev.text, terms)}</blockquote>
      <cite class="source">《${esc(ev.document.title)}》 · ${esc(ev.document.date || t('docUndated'))} · <span class="badge ${ev.status}">${esc(statusName(ev.status))}</span>${stageBadge(ev)}</cite></li>`,
    )
    .join('')}</ol>`;
}

// stageBadge says which stage found a statement and how sure it is, so a
// planner can check the least certain first.
function stageBadge(ev) {
  if (!ev.source) return '';
  const stage = ev.source === 'model' ? t('stageModel') : ev.source === 'curated' ? t('stageCurated') : t('stageRule');
  const pct = Math.round((ev.confidence || 0) * 100);
  return ` · <span class="badge stage" title="${esc(ev.source)}">${esc(stage)} ${esc(t('confidence'))} ${pct}%</span>`;
}

function kindBadge(kind) {
  return `${legendShape(kind)}<span class="badge">${esc(kindName(kind))}</span>`;
}

function entityLink(e) {
  return `<a class="entity-link" data-entity="${esc(e.id)}">${esc(e.name)}</a> ${legendShape(e.kind)}`;
}

function renderEntity(e) {
  const rels = e.relations.nodes;
  const groups = new Map();
  for (const k of relationKinds) groups.set(k, []);
  for (const r of rels) groups.get(r.kind)?.push(r);
  const node = cy.getElementById(e.id);
  const pinned = node.nonempty() && node.hasClass('pinned');
  let html = `<h2 class="entity-name">${esc(e.name)}</h2>
  <dl class="facts">
    <dt>${esc(t('kind'))}</dt><dd>${kindBadge(e.kind)}</dd>
    ${e.level ? `<dt>${esc(t('level'))}</dt><dd>${esc(levelName(e.level))}</dd>` : ''}
    ${e.code ? `<dt>${esc(t('code'))}</dt><dd>${esc(e.code)}</dd>` : ''}
    <dt>${esc(t('aliases'))}</dt><dd>${e.aliases.length ? e.aliases.map(esc).join('、') : '—'}</dd>
    <dt>${esc(t('degree'))}</dt><dd>${e.degree}</dd>
  </dl>
  <div class="actions">
    <button type="button" data-act="expand">${esc(t('expand'))}</button>
    ${state.mode === 'coop' ? '' : `<button type="button" data-act="pin">${esc(t(pinned ? 'unpin' : 'pin'))}</button>
    <button type="button" data-act="remove">${esc(t('remove'))}</button>`}
    <button type="button" data-act="from">${esc(t('setFrom'))}</button>
    <button type="button" data-act="to">${esc(t('setTo'))}</button>
    ${e.kind === 'REGION' ? `<button type="button" data-act="coop">${esc(t('showCoop'))}</button>` : ''}
  </div>
  <h3>${esc(t('relations'))} (${e.relations.totalCount})</h3>`;
  for (const [kind, list] of groups) {
    if (list.length === 0) continue;
    html += `<h4>${legendLine(relationColor[kind])} ${esc(relationName(kind))} (${list.length})</h4><ul class="relations" data-kind="${kind}">`;
    for (const r of list) {
      const out = r.from.id === e.id;
      const other = out ? r.to : r.from;
      html += `<li class="relation" data-relation="${esc(r.id)}"><div class="rel-head">${out ? t('outgoing') : t('incoming')} ${entityLink(other)}
        <span class="badge ${r.status}">${esc(statusName(r.status))}</span>${r.year ? `<span class="badge">${r.year}</span>` : ''}</div>
        ${evidenceList(r)}</li>`;
    }
    html += '</ul>';
  }
  const panel = $('#details');
  panel.innerHTML = html;
  panel.dataset.entity = e.id;
  // In the cooperation view, expanding goes back to exploring around the entity.
  panel.querySelector('[data-act="expand"]').onclick = () => (state.mode === 'coop' ? open(e.id).then(() => expand(e.id)) : expand(e.id));
  if (state.mode !== 'coop') {
    panel.querySelector('[data-act="pin"]').onclick = () => togglePin(e.id);
    panel.querySelector('[data-act="remove"]').onclick = () => removeEntity(e.id);
  }
  panel.querySelector('[data-act="from"]').onclick = () => setPathEnd('from', e);
  panel.querySelector('[data-act="to"]').onclick = () => setPathEnd('to', e);
  const coop = panel.querySelector('[data-act="coop"]');
  if (coop) coop.onclick = () => switchMode('coop', e.id);
}

function renderRelation(r) {
  const panel = $('#details');
  delete panel.dataset.entity;
  panel.innerHTML = `<h2 class="entity-name">${esc(relationName(r.kind))}</h2>
    <div class="rel-head">${entityLink(r.from)} ${r.kind === 'COOPERATES_WITH' ? '↔' : '→'} ${entityLink(r.to)}
      <span class="badge ${r.status}">${esc(statusName(r.status))}</span>${r.year ? `<span class="badge">${r.year}</span>` : ''}</div>
    <h3>${esc(t('evidence'))}</h3>${evidenceList(r)}`;
}

function clearDetails() {
  detailsRender = null;
  const panel = $('#details');
  delete panel.dataset.entity;
  panel.innerHTML = `<p class="note">${esc(t('selectHint'))}</p>`;
}

async function showEntity(id) {
  const d = await load(() => gql(queries.entity, { id }));
  if (!d) return;
  if (!d.entity) {
    setStatus('error', 'notFound', { id });
    return;
  }
  detailsRender = () => renderEntity(d.entity);
  detailsRender();
}

async function showRelation(id) {
  const d = await load(() => gql(queries.relation, { id }));
  if (!d || !d.relation) return;
  detailsRender = () => renderRelation(d.relation);
  detailsRender();
}

// open brings an entity into the view (with its neighbours if it was not
// drawn), selects it and shows its details.
async function open(id) {
  if (state.mode === 'coop') await switchMode('explore');
  if (cy.getElementById(id).empty()) {
    state.hidden = state.hidden.filter((h) => h !== id);
    const ok = await load(() => loadNeighborhood(id));
    if (!ok) return;
    addCenter(id);
    applyFilters();
    runLayout();
  }
  select(id);
}

function select(id) {
  cy.elements(':selected').unselect();
  const n = cy.getElementById(id);
  state.sel = id;
  if (n.nonempty()) {
    n.select();
    // Move the view only when the node is off screen: a view that jumps on
    // every click loses the person's place.
    const p = n.renderedPosition();
    if (p.x < 0 || p.y < 0 || p.x > cy.width() || p.y > cy.height()) cy.animate({ center: { eles: n }, duration: 250 });
  }
  syncURL();
  return showEntity(id);
}

async function expand(id) {
  if (state.mode === 'coop') return;
  const sg = await load(() => loadNeighborhood(id));
  if (!sg) return;
  addCenter(id);
  applyFilters();
  runLayout(false);
  if (sg.truncated) setStatus('ready', 'truncated');
  syncURL();
}

function togglePin(id) {
  const n = cy.getElementById(id);
  if (n.empty()) return;
  if (n.hasClass('pinned')) {
    n.removeClass('pinned');
    n.unlock();
  } else {
    n.addClass('pinned');
    n.lock();
  }
  syncURL();
  if (detailsRender) detailsRender();
}

function removeEntity(id) {
  const n = cy.getElementById(id);
  n.remove();
  if (state.centers.length === 0) state.centers = [...startCenterIds];
  if (!state.hidden.includes(id)) state.hidden.push(id);
  state.centers = state.centers.filter((c) => c !== id);
  if (state.sel === id) {
    state.sel = '';
    clearDetails();
  }
  showCounts();
  syncURL();
}

// ---------- search pickers ----------

// Picker is a search box with suggestions as you type. onPick gets the
// chosen entity.
class Picker {
  constructor(input, list, onPick) {
    this.input = input;
    this.list = list;
    this.onPick = onPick;
    this.items = [];
    this.active = -1;
    this.seq = 0;
    this.timer = 0;
    input.addEventListener('input', () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.query(), 150);
    });
    input.addEventListener('keydown', (ev) => this.key(ev));
    input.addEventListener('blur', () => setTimeout(() => this.close(), 150));
    input.addEventListener('focus', () => {
      if (this.items.length) this.show();
    });
  }

  async query() {
    const text = this.input.value.trim();
    const seq = ++this.seq;
    if (!text) {
      this.items = [];
      this.close();
      return;
    }
    let d;
    try {
      d = await gql(queries.search, { text });
    } catch (err) {
      fail(err);
      return;
    }
    if (seq !== this.seq) return; // a later keystroke has its own answer coming
    this.items = d.search;
    this.active = this.items.length ? 0 : -1;
    this.render();
  }

  render() {
    if (this.items.length === 0) {
      this.list.innerHTML = `<li class="empty">${esc(t('noMatches'))}</li>`;
    } else {
      this.list.innerHTML = this.items
        .map(
          (e, i) => `<li role="option" data-index="${i}" aria-selected="${i === this.active}">${legendShape(e.kind)}
          <span class="name">${esc(e.name)}</span><span class="badge">${esc(kindName(e.kind))}</span>
          <span class="aka">${esc(e.aliases.join(' '))}</span></li>`,
        )
        .join('');
      this.list.querySelectorAll('li[data-index]').forEach((li) => {
        li.addEventListener('mousedown', (ev) => {
          ev.preventDefault(); // keep focus so blur does not close the list first
          this.pick(Number(li.dataset.index));
        });
      });
    }
    this.show();
  }

  show() {
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
  }

  close() {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
  }

  async key(ev) {
    if (ev.key === 'Enter' && (this.list.hidden || this.items.length === 0)) {
      // Enter before the suggestions came: open the best match.
      ev.preventDefault();
      clearTimeout(this.timer);
      await this.query();
      if (this.items.length) this.pick(0);
      return;
    }
    if (this.list.hidden || this.items.length === 0) return;
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      ev.preventDefault();
      const n = this.items.length;
      this.active = (this.active + (ev.key === 'ArrowDown' ? 1 : n - 1)) % n;
      this.render();
    } else if (ev.key === 'Enter' && this.active >= 0) {
      ev.preventDefault();
      this.pick(this.active);
    } else if (ev.key === 'Escape') {
      this.close();
    }
  }

  pick(i) {
    const e = this.items[i];
    if (!e) return;
    this.close();
    this.onPick(e);
  }
}

// ---------- paths ----------

const pathEnds = { from: null, to: null };

async function setPathEnd(which, e) {
  pathEnds[which] = e;
  state[which] = e.id;
  $(which === 'from' ? '#path-from' : '#path-to').value = e.name;
  // Wait for the explore graph to be back before paths merge into it.
  if (state.mode !== 'path') await switchMode('path');
  syncURL();
  if (pathEnds.from && pathEnds.to) findPaths();
}

function clearPathMarks() {
  cy.elements().removeClass('onpath faded');
}

function markPaths(paths) {
  clearPathMarks();
  if (paths.length === 0) return;
  cy.batch(() => {
    cy.elements().addClass('faded');
    for (const p of paths) {
      for (const e of p.entities) cy.getElementById(e.id).removeClass('faded').addClass('onpath');
      for (const r of p.relations) cy.getElementById(r.id).removeClass('faded').addClass('onpath');
    }
  });
}

async function findPaths() {
  if (!state.from || !state.to) {
    $('#path-summary').textContent = t('pathPick');
    return;
  }
  const d = await load(() => gql(queries.paths, { from: state.from, to: state.to, maxHops }));
  if (!d) return;
  pathResults = d.paths;
  for (const p of pathResults) merge(p.entities, p.relations, p.entities[0] && p.entities[0].id);
  applyFilters();
  if (state.mode === 'path') {
    markPaths(pathResults);
    // A path's nodes must stay visible whatever the filters say.
    cy.elements('.onpath').removeClass('hidden');
  }
  runLayout();
  renderPathList();
  showCounts();
  syncURL();
}

function renderPathList() {
  const summary = $('#path-summary');
  const list = $('#path-list');
  if (pathResults.length === 0) {
    summary.textContent = state.from && state.to ? t('pathNone', { hops: maxHops }) : '';
    list.innerHTML = '';
    return;
  }
  summary.textContent = t('pathCount', { n: pathResults.length, len: pathResults[0].length });
  list.innerHTML = pathResults
    .map((p, i) => {
      let s = esc(p.entities[0].name);
      p.relations.forEach((r, j) => {
        s += ` <span class="rel-tag">—${esc(relationName(r.kind))}—</span> ${esc(p.entities[j + 1].name)}`;
      });
      return `<li data-path="${i}">${s}</li>`;
    })
    .join('');
  list.querySelectorAll('li').forEach((li) => {
    li.onclick = () => {
      list.querySelectorAll('li').forEach((x) => x.classList.remove('active'));
      li.classList.add('active');
      markPaths([pathResults[Number(li.dataset.path)]]);
    };
  });
}

async function restorePathEnds() {
  for (const which of ['from', 'to']) {
    if (!state[which]) continue;
    const d = await load(() => gql(queries.entity, { id: state[which] }));
    if (d && d.entity) {
      pathEnds[which] = d.entity;
      $(which === 'from' ? '#path-from' : '#path-to').value = d.entity.name;
    }
  }
}

// ---------- the cooperation view ----------

async function allRegions() {
  const out = [];
  let after = null;
  for (;;) {
    const d = await gql(queries.regions, { after });
    out.push(...d.entities.nodes);
    if (!d.entities.pageInfo.hasNextPage) return out;
    after = d.entities.pageInfo.endCursor;
  }
}

let coopTies = new Map();

async function showCooperation() {
  const result = await load(async () => {
    // The API takes at most coopMaxRegions regions at once: the most
    // connected ones, which are the ones that have ties to show.
    const ids = state.region
      ? [state.region]
      : (await allRegions())
          .sort((a, b) => b.degree - a.degree || (a.id < b.id ? -1 : 1))
          .slice(0, coopMaxRegions)
          .map((r) => r.id);
    if (ids.length === 0) return [];
    return (await gql(queries.cooperation, { regions: ids })).cooperation;
  });
  if (!result) return;
  coopTies = new Map();
  const regions = new Map();
  for (const c of result) {
    regions.set(c.a.id, c.a);
    regions.set(c.b.id, c.b);
    const [x, y] = c.a.id < c.b.id ? [c.a, c.b] : [c.b, c.a];
    const key = `tie:${x.id}:${y.id}`;
    if (!coopTies.has(key)) coopTies.set(key, { a: x, b: y, links: [] });
    coopTies.get(key).links.push(c);
  }
  cy.elements().remove();
  cy.scratch('laidOut', false);
  cy.add([...regions.values()].map((r) => ({ group: 'nodes', data: nodeData(r) })));
  cy.add(
    [...coopTies.entries()].map(([key, tie]) => ({
      group: 'edges',
      classes: tie.links.some((l) => !l.via) ? 'tie direct' : 'tie',
      data: { id: key, source: tie.a.id, target: tie.b.id, kind: 'TIE', count: tie.links.length },
    })),
  );
  $('#coop-summary').textContent = t('coopLoaded', { regions: regions.size, ties: coopTies.size });
  applyFilters();
  runLayout();
  if (state.region && cy.getElementById(state.region).nonempty()) cy.getElementById(state.region).select();
  showCounts();
}

// showTie loads the evidence of every relation that makes a tie, in one
// request, and lists the links.
async function showTie(tie) {
  const ids = [...new Set(tie.links.flatMap((l) => l.relations.map((r) => r.id)))];
  const vars = Object.fromEntries(ids.map((id, i) => [`r${i}`, id]));
  const d = ids.length ? await load(() => gql(relationsQuery(ids.length), vars)) : {};
  if (!d) return;
  const byID = new Map(Object.values(d).filter(Boolean).map((r) => [r.id, r]));
  detailsRender = () => renderTie(tie, byID);
  detailsRender();
}

function renderTie(tie, byID) {
  const panel = $('#details');
  delete panel.dataset.entity;
  let html = `<h2 class="entity-name">${esc(tie.a.name)} — ${esc(tie.b.name)}</h2><h3>${esc(t('coopTies'))} (${tie.links.length})</h3><ul class="relations">`;
  for (const l of tie.links) {
    html += `<li><div class="rel-head">${l.via ? `${esc(t('coopVia'))} ${entityLink(l.via)}` : esc(t('coopDirect'))}</div>`;
    for (const ref of l.relations) {
      const r = byID.get(ref.id);
      if (!r) continue;
      html += `<div class="rel-head">${entityLink(r.from)} <span class="badge">${esc(relationName(r.kind))}</span> ${entityLink(r.to)}<span class="badge ${r.status}">${esc(statusName(r.status))}</span></div>${evidenceList(r)}`;
    }
    html += '</li>';
  }
  panel.innerHTML = html + '</ul>';
}

// ---------- modes ----------

async function switchMode(mode, region) {
  const prev = state.mode;
  if (prev === 'explore' || prev === 'path') {
    if (mode === 'coop') exploreSnapshot = { elements: cy.elements().jsons(), pan: cy.pan(), zoom: cy.zoom() };
  }
  state.mode = mode;
  document.body.dataset.mode = mode;
  buildLegend();
  document.querySelectorAll('#modes button').forEach((b) => b.setAttribute('aria-selected', String(b.dataset.mode === mode)));
  if (mode === 'coop') {
    state.region = region ?? '';
    clearDetails();
    syncURL();
    await showCooperation();
    return;
  }
  state.region = '';
  if (prev === 'coop') {
    cy.elements().remove();
    if (exploreSnapshot) {
      cy.add(exploreSnapshot.elements);
      cy.viewport({ pan: exploreSnapshot.pan, zoom: exploreSnapshot.zoom });
      cy.nodes('.pinned').lock();
    } else {
      await buildExploreView();
    }
    applyFilters();
    clearDetails();
  }
  if (mode === 'explore') clearPathMarks();
  else if (pathResults.length) markPaths(pathResults);
  showCounts();
  syncURL();
}

// ---------- start ----------

async function buildExploreView() {
  const d = await load(() => gql(queries.start));
  if (!d) return false;
  documents = d.documents;
  loadErrors = d.loadErrors;
  buildFilterControls();
  showLoadErrors();
  const total = d.stats.entities.reduce((s, k) => s + k.count, 0);
  if (total === 0) {
    setStatus('ready', 'emptyGraph');
    showOverlay(t('emptyGraph'));
    return true;
  }
  startCenterIds = d.stats.topByDegree.slice(0, startCenters).map((r) => r.entity.id);
  const centers = state.centers.length ? state.centers : startCenterIds;
  if (state.centers.length === 0) merge(d.stats.topByDegree.slice(0, startCenters).map((r) => r.entity), []);
  setStatus('loading', 'loadingStart');
  const ok = await load(async () => {
    for (const id of centers) await loadNeighborhood(id);
    if (state.sel && cy.getElementById(state.sel).empty()) await loadNeighborhood(state.sel);
    return true;
  });
  if (!ok) return false;
  for (const id of state.pinned) cy.getElementById(id).addClass('pinned');
  cy.scratch('laidOut', false);
  applyFilters();
  runLayout();
  cy.nodes('.pinned').lock();
  return true;
}

function applyLang() {
  setLang(state.lang);
  document.querySelectorAll('[data-i18n]').forEach((el) => {
    el.textContent = t(el.dataset.i18n);
  });
  document.querySelectorAll('[data-i18n-placeholder]').forEach((el) => {
    el.placeholder = t(el.dataset.i18nPlaceholder);
  });
  $('#lang').textContent = t('lang');
  document.title = `${t('title')} · collabgraph`;
  buildFilterControls();
  buildLegend();
  showLoadErrors();
  if (pathResults.length) renderPathList();
  if (coopTies.size && state.mode === 'coop') $('#coop-summary').textContent = t('coopLoaded', { regions: cy.nodes().length, ties: coopTies.size });
  setStatus(lastStatus.kind, lastStatus.key, lastStatus.vars);
  if (detailsRender) detailsRender();
  else clearDetails();
}

function exportName(ext) {
  return `collabgraph-${state.mode}.${ext}`;
}

function visibleElements() {
  const nodes = cy.nodes(':visible').map((n) => ({ ...n.data(), ...n.position() }));
  const edges = cy.edges(':visible').map((e) => ({ ...e.data() }));
  return { nodes, edges };
}

function wire() {
  new Picker($('#search'), $('#search-list'), (e) => open(e.id));
  new Picker($('#path-from'), $('#path-from-list'), (e) => setPathEnd('from', e));
  new Picker($('#path-to'), $('#path-to-list'), (e) => setPathEnd('to', e));
  $('#path-find').onclick = () => findPaths();
  document.querySelectorAll('#modes button').forEach((b) => {
    b.onclick = () => switchMode(b.dataset.mode);
  });
  $('#filter-kinds').addEventListener('change', onFilterChange);
  $('#filter-rels').addEventListener('change', onFilterChange);
  $('#filter-status').addEventListener('change', onFilterChange);
  $('#filter-year').addEventListener('change', onFilterChange);
  $('#layout-select').value = state.layout;
  $('#layout-select').addEventListener('change', () => {
    state.layout = $('#layout-select').value;
    cy.scratch('laidOut', false);
    runLayout();
    syncURL();
  });
  $('#relayout').onclick = () => {
    cy.scratch('laidOut', false);
    runLayout();
  };
  $('#lang').onclick = () => {
    state.lang = state.lang === 'zh' ? 'en' : 'zh';
    applyLang();
    syncURL();
  };
  $('#export-png').onclick = () => {
    const blob = cy.png({ output: 'blob', full: true, scale: 2, maxWidth: 4000, maxHeight: 4000, bg: '#ffffff' });
    download(exportName('png'), blob);
  };
  $('#export-graphml').onclick = () => {
    const { nodes, edges } = visibleElements();
    download(exportName('graphml'), new Blob([toGraphML(nodes, edges)], { type: 'application/graphml+xml' }));
  };
  $('#export-csv').onclick = () => {
    const { nodes, edges } = visibleElements();
    download(exportName('csv'), new Blob([toCSV(nodes, edges)], { type: 'text/csv;charset=utf-8' }));
  };
  $('#details').addEventListener('click', (ev) => {
    const a = ev.target.closest('[data-entity]');
    if (a && a.tagName === 'A') open(a.dataset.entity);
  });

  cy.on('tap', 'node', (ev) => {
    const id = ev.target.id();
    if (state.mode === 'coop') {
      detailsRender = null;
      select(id);
      return;
    }
    select(id);
  });
  cy.on('tap', 'edge', (ev) => {
    const e = ev.target;
    if (state.mode === 'coop') {
      const tie = coopTies.get(e.id());
      if (tie) showTie(tie);
      return;
    }
    showRelation(e.id());
  });
  cy.on('dbltap', 'node', (ev) => expand(ev.target.id()));
  cy.on('tap', (ev) => {
    if (ev.target === cy) {
      cy.elements(':selected').unselect();
      state.sel = '';
      clearDetails();
      syncURL();
    }
  });
}

async function start() {
  try {
    await startView();
  } finally {
    // Tests wait for this; it is set on failure too, when the page says why.
    document.body.dataset.ready = 'true';
  }
}

async function startView() {
  document.body.dataset.mode = state.mode;
  applyLang();
  setStatus('loading', 'loadingStart');
  showOverlay(t('loadingStart'));
  wire();
  document.querySelectorAll('#modes button').forEach((b) => b.setAttribute('aria-selected', String(b.dataset.mode === state.mode)));
  if (state.mode === 'coop') {
    const d = await load(() => gql(queries.start));
    if (d) {
      documents = d.documents;
      loadErrors = d.loadErrors;
      buildFilterControls();
      showLoadErrors();
    }
    await showCooperation();
  } else {
    const ok = await buildExploreView();
    if (!ok) return;
    if (state.from || state.to) await restorePathEnds();
    // The paths were merged into the graph when found, so a shared link
    // redraws them in every mode; only path mode highlights them.
    if (state.from && state.to) await findPaths();
    if (state.sel && cy.getElementById(state.sel).nonempty()) await select(state.sel);
  }
  if (document.body.dataset.state !== 'error') {
    showCounts();
    if (!state.sel && state.mode === 'explore') setStatus('ready', 'startHint');
  }
  syncURL();
}

// For the browser tests and for poking around in the console.
window.collabgraph = { cy, state };

start();
