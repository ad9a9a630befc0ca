// Browser tests of the network page against a running collabgraph server
// loaded with the seeds: COLLABGRAPH_URL names it (scripts/e2e.sh starts
// one on a free loopback port). Run with: node --test web/e2e/
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './browser.mjs';

const base = process.env.COLLABGRAPH_URL;
if (!base) {
  throw new Error('e2e: set COLLABGRAPH_URL to a running collabgraph server (scripts/e2e.sh does this)');
}
const origin = new URL(base).origin;
const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const screenshotPath = process.env.SCREENSHOT || join(repo, 'docs', 'screenshot-main.png');

async function api(query, variables = {}) {
  const res = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  assert.ok(!body.errors, `API error: ${JSON.stringify(body.errors)}`);
  return body.data;
}

// entityNamed finds an entity by its exact name through search, so the
// tests never hard-code ids (they are hashes).
async function entityNamed(name) {
  const d = await api('query($t:String!){ search(text:$t, first:20){ id name kind } }', { t: name });
  const e = d.search.find((x) => x.name === name);
  assert.ok(e, `search(${name}) has no entity named ${name}: ${d.search.map((x) => x.name).join(', ')}`);
  return e;
}

let browser;
let page;
const requests = [];
const pageErrors = [];

async function ready(p) {
  await p.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
}

// cyEval runs fn(cy) in the page.
const cyEval = (p, fn, arg) => p.evaluate(([src, a]) => new Function('cy', 'a', `return (${src})(cy, a)`)(window.collabgraph.cy, a), [fn.toString(), arg]);

async function pick(p, inputSel, text, name) {
  const input = p.locator(inputSel);
  await input.fill('');
  await input.pressSequentially(text, { delay: 30 });
  const list = p.locator(`#${await input.getAttribute('aria-controls')}`);
  const option = list.locator('li[role="option"]', { has: p.locator('.name', { hasText: new RegExp(`^${name.replace(/[()]/g, '\\$&')}$`) }) });
  await option.first().waitFor({ timeout: 10000 });
  return option.first();
}

describe('network page', () => {
  before(async () => {
    browser = await launch();
    // Every page of the context, the shared-link and API-down ones too.
    browser.context.on('request', (r) => requests.push(r.url()));
    browser.context.on('weberror', (e) => pageErrors.push(e.error().message));
    page = await browser.context.newPage();
    await page.goto(base);
    await ready(page);
  });

  after(async () => {
    if (browser) await browser.close();
  });

  it('starts on the most connected entities, drawn with a legend', async () => {
    assert.equal(await page.getAttribute('body', 'data-state'), 'ready', await page.locator('#status').textContent());
    const n = await cyEval(page, (cy) => cy.nodes(':visible').length);
    const stats = await api('{ stats { topByDegree { entity { id name } } } }');
    assert.ok(n > 0, 'no nodes drawn');
    const top = stats.stats.topByDegree[0].entity;
    assert.ok(await cyEval(page, (cy, id) => cy.getElementById(id).nonempty(), top.id), `the top entity ${top.name} is not drawn`);
    // Chinese by default.
    assert.equal(await page.locator('h1').textContent(), '长三角科创合作网络');
    assert.equal(await page.locator('#legend span').count(), 7 + 6 + 2);
  });

  it('searches 新昌 and opens 新昌县 with the evidence of its enclave in 西湖区', async () => {
    const xinchang = await entityNamed('新昌县');
    const option = await pick(page, '#search', '新昌', '新昌县');
    await option.click();
    await page.waitForSelector(`#details[data-entity="${xinchang.id}"]`);
    assert.equal(await page.locator('#details h2.entity-name').textContent(), '新昌县');
    assert.ok(await cyEval(page, (cy, id) => cy.getElementById(id).selected(), xinchang.id), '新昌县 is not selected in the graph');

    // The enclave as the API names it: the one of 新昌县 hosted in 西湖区.
    const xihu = await entityNamed('西湖区');
    const enc = await api('query($o:ID,$h:ID){ enclaves(owner:$o, host:$h){ id name } }', { o: xinchang.id, h: xihu.id });
    assert.ok(enc.enclaves.length > 0, 'the API has no enclave of 新昌县 in 西湖区');
    const enclave = enc.enclaves[0];
    const rel = page.locator('#details ul[data-kind="OPERATES"] li.relation', { has: page.locator(`a[data-entity="${enclave.id}"]`) });
    assert.equal(await rel.count(), 1, `no OPERATES relation to ${enclave.name} in the panel`);
    const sentence = rel.locator('blockquote.sentence').first();
    const text = await sentence.textContent();
    assert.match(text, /西湖/, `evidence sentence does not mention 西湖: ${text}`);
    const marks = await sentence.locator('mark').allTextContents();
    // Both ends are marked where the sentence names them; 新昌县 is often
    // the document's implicit subject and absent from the clause.
    assert.ok(marks.some((m) => m.includes('西湖')), `西湖区 not highlighted in: ${text} (marks ${marks})`);
    if (text.includes('新昌')) assert.ok(marks.some((m) => m.includes('新昌')), `新昌 not highlighted in: ${text} (marks ${marks})`);
    const cite = await rel.locator('cite.source').first().textContent();
    assert.match(cite, /《.+》/, 'no document title');
    assert.match(cite, /\d{4}/, 'no document date');

    await rel.scrollIntoViewIfNeeded();
    await page.waitForTimeout(400); // let the centring animation end
    mkdirSync(dirname(screenshotPath), { recursive: true });
    await page.screenshot({ path: screenshotPath });
  });

  it('expands the neighbours of 新昌县 with the button and of another node by double-click', async () => {
    const xinchang = await entityNamed('新昌县');
    const want = await api('query($id:ID!){ neighborhood(center:$id, depth:1, limit:80){ entities { id } } }', { id: xinchang.id });
    await page.locator('#details button[data-act="expand"]').click();
    await page.waitForFunction(
      (ids) => ids.every((id) => window.collabgraph.cy.getElementById(id).nonempty()),
      want.neighborhood.entities.map((e) => e.id),
      { timeout: 10000 },
    );
    // 新昌县 may already be drawn with its neighbours (it starts the view
    // on the seeds); the URL still records it as expanded.
    await page.waitForFunction((id) => (new URL(location.href).searchParams.get('c') ?? '').split(',').includes(id), xinchang.id);

    // Double-click a neighbour that is not expanded yet.
    const target = await cyEval(page, (cy, a) => {
      const n = cy.getElementById(a).neighborhood('node').filter((x) => !window.collabgraph.state.centers.includes(x.id()))[0];
      const p = n.renderedPosition();
      const box = cy.container().getBoundingClientRect();
      return { id: n.id(), x: box.left + p.x, y: box.top + p.y };
    }, xinchang.id);
    const before = await cyEval(page, (cy) => cy.nodes().length);
    const tn = await api('query($id:ID!){ neighborhood(center:$id, depth:1, limit:80){ entities { id } } }', { id: target.id });
    await page.mouse.dblclick(target.x, target.y);
    await page.waitForFunction(
      (ids) => ids.every((id) => window.collabgraph.cy.getElementById(id).nonempty()) && window.collabgraph.state.centers.includes(ids[0]),
      [target.id, ...tn.neighborhood.entities.map((e) => e.id)],
      { timeout: 10000 },
    );
    const afterCount = await cyEval(page, (cy) => cy.nodes().length);
    assert.ok(afterCount >= before, `nodes went from ${before} to ${afterCount}`);
  });

  it('suggests by pinyin and opens with the keyboard', async () => {
    const xihu = await entityNamed('西湖区');
    const option = await pick(page, '#search', 'xihu', '西湖区');
    // Arrow down to the option, then Enter.
    const index = Number(await option.getAttribute('data-index'));
    for (let i = 0; i < index; i++) await page.locator('#search').press('ArrowDown');
    await page.locator('#search').press('Enter');
    await page.waitForSelector(`#details[data-entity="${xihu.id}"]`);
    assert.equal(await page.locator('#search-list').isHidden(), true);
  });

  it('opens the best match when Enter comes before the suggestions', async () => {
    const xdx = await entityNamed('西湖大学');
    await page.locator('#search').fill('西湖大学');
    await page.locator('#search').press('Enter');
    await page.waitForSelector(`#details[data-entity="${xdx.id}"]`);
  });

  it('shows a relation with its evidence when its edge is clicked', async () => {
    const xinchang = await entityNamed('新昌县');
    const edge = await cyEval(page, (cy, id) => cy.getElementById(id).connectedEdges('[kind = "OPERATES"]')[0].id(), xinchang.id);
    const want = await api('query($id:ID!){ relation(id:$id){ kind from { name } to { name } evidence { text } } }', { id: edge });
    await cyEval(page, (cy, id) => void cy.getElementById(id).emit('tap'), edge);
    await page.waitForFunction(() => document.querySelector('#details h2.entity-name')?.textContent === '运营');
    const head = await page.locator('#details .rel-head').first().textContent();
    assert.ok(head.includes(want.relation.from.name) && head.includes(want.relation.to.name), `panel reads ${head}`);
    const sentences = await page.locator('#details blockquote.sentence').allTextContents();
    assert.deepEqual(sentences, want.relation.evidence.map((e) => e.text));
  });

  it('pins and removes a node', async () => {
    const xinchang = await entityNamed('新昌县');
    await cyEval(page, (cy, id) => void cy.getElementById(id).emit('tap'), xinchang.id);
    await page.waitForSelector(`#details[data-entity="${xinchang.id}"]`);
    await page.locator('#details button[data-act="pin"]').click();
    assert.ok(await cyEval(page, (cy, id) => cy.getElementById(id).hasClass('pinned') && cy.getElementById(id).locked(), xinchang.id));
    assert.ok(new URL(page.url()).searchParams.get('pin').includes(xinchang.id));
    await page.locator('#details button[data-act="pin"]').click();
    assert.ok(await cyEval(page, (cy, id) => !cy.getElementById(id).locked(), xinchang.id));

    // Remove a leaf neighbour: it leaves the graph and the URL remembers it.
    const leaf = await cyEval(page, (cy, id) => cy.getElementById(id).neighborhood('node').sort((a, b) => a.degree() - b.degree())[0].id(), xinchang.id);
    await cyEval(page, (cy, id) => void cy.getElementById(id).emit('tap'), leaf);
    await page.waitForSelector(`#details[data-entity="${leaf}"]`);
    await page.locator('#details button[data-act="remove"]').click();
    assert.ok(await cyEval(page, (cy, id) => cy.getElementById(id).empty(), leaf), 'removed node still drawn');
    assert.ok(new URL(page.url()).searchParams.get('hide').split(',').includes(leaf));
  });

  it('finds the shortest paths from 新昌县 to 西湖大学', async () => {
    const from = await entityNamed('新昌县');
    const to = await entityNamed('西湖大学');
    const want = await api('query($a:ID!,$b:ID!){ paths(from:$a, to:$b, maxHops:4){ length entities { id name } } }', { a: from.id, b: to.id });
    assert.ok(want.paths.length > 0, 'the API finds no path from 新昌县 to 西湖大学');

    await page.locator('#modes button[data-mode="path"]').click();
    await (await pick(page, '#path-from', '新昌县', '新昌县')).click();
    await (await pick(page, '#path-to', '西湖大学', '西湖大学')).click();
    await page.waitForSelector('#path-list li');
    const items = await page.locator('#path-list li').allTextContents();
    assert.equal(items.length, want.paths.length);
    for (const item of items) {
      assert.ok(item.startsWith('新昌县') && item.trimEnd().endsWith('西湖大学'), `path reads ${item}`);
    }
    assert.match(await page.locator('#path-summary').textContent(), new RegExp(`${want.paths[0].length}`));
    const onPath = await cyEval(page, (cy) => cy.nodes('.onpath').map((n) => n.id()));
    for (const e of want.paths[0].entities) assert.ok(onPath.includes(e.id), `${e.name} is not highlighted`);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('mode'), 'path');
    assert.equal(url.searchParams.get('from'), from.id);
    assert.equal(url.searchParams.get('to'), to.id);
  });

  it('filters by entity kind, status and year', async () => {
    await page.locator('#modes button[data-mode="explore"]').click();
    await page.locator('#filter-kinds input[value="REGION"]').uncheck();
    assert.equal(await cyEval(page, (cy) => cy.nodes('[kind = "REGION"]:visible').length), 0, 'regions still shown');
    assert.ok(await cyEval(page, (cy) => cy.nodes('[kind = "REGION"]').length) > 0);
    assert.ok(new URL(page.url()).searchParams.get('kinds').split(',').every((k) => k !== 'REGION'));
    await page.locator('#filter-kinds input[value="REGION"]').check();

    await page.locator('#filter-rels input[value="COOPERATES_WITH"]').uncheck();
    assert.equal(await cyEval(page, (cy) => cy.edges('[kind = "COOPERATES_WITH"]:visible').length), 0, 'cooperation edges still shown');
    assert.ok(await cyEval(page, (cy) => cy.edges('[kind = "COOPERATES_WITH"]').length) > 0);
    assert.ok(await cyEval(page, (cy) => cy.edges(':visible').length) > 0, 'the relation filter hid every edge');
    assert.equal(new URL(page.url()).searchParams.get('rels').split(',').length, 5);
    await page.locator('#filter-rels input[value="COOPERATES_WITH"]').check();

    await page.locator('#filter-status').selectOption('PLANNED');
    const statuses = await cyEval(page, (cy) => [...new Set(cy.edges(':visible').map((e) => e.data('status')))]);
    assert.deepEqual(statuses, ['PLANNED']);
    const style = await cyEval(page, (cy) => cy.edges(':visible')[0].style('line-style'));
    assert.equal(style, 'dashed');
    await page.locator('#filter-status').selectOption('');

    const years = await page.locator('#filter-year option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
    assert.ok(years.length > 0, 'no document years offered');
    await page.locator('#filter-year').selectOption(years[0]);
    const shown = await cyEval(page, (cy) => cy.edges(':visible').map((e) => e.data('years')));
    for (const ys of shown) assert.ok(ys.includes(Number(years[0])), `edge of years ${ys} shown under ${years[0]}`);
    assert.equal(new URL(page.url()).searchParams.get('year'), years[0]);
    await page.locator('#filter-year').selectOption('');
  });

  it('switches between force, concentric and hierarchical layouts', async () => {
    const positions = () => cyEval(page, (cy) => cy.nodes(':visible').map((n) => [n.id(), Math.round(n.position('x')), Math.round(n.position('y'))]));
    const force = await positions();
    await page.locator('#layout-select').selectOption('concentric');
    const concentric = await positions();
    assert.notDeepEqual(concentric, force, 'concentric moved nothing');
    assert.equal(new URL(page.url()).searchParams.get('layout'), 'concentric');
    // Concentric puts the most connected entity in the middle of the drawing.
    const centre = await cyEval(page, (cy) => {
      const bb = cy.nodes(':visible').boundingBox();
      const top = cy.nodes(':visible').max((n) => n.data('degree')).ele;
      const p = top.position();
      return Math.hypot(p.x - (bb.x1 + bb.x2) / 2, p.y - (bb.y1 + bb.y2) / 2) / Math.max(bb.w, bb.h);
    });
    assert.ok(centre < 0.1, `the hub sits ${centre.toFixed(2)} of the drawing away from its centre`);
    await page.locator('#layout-select').selectOption('breadthfirst');
    assert.notDeepEqual(await positions(), concentric, 'breadthfirst moved nothing');
    assert.equal(new URL(page.url()).searchParams.get('layout'), 'breadthfirst');
    await page.locator('#layout-select').selectOption('fcose');
    assert.equal(new URL(page.url()).searchParams.get('layout'), null);
  });

  it('exports the view as PNG, GraphML and CSV', async () => {
    const [png] = await Promise.all([page.waitForEvent('download'), page.locator('#export-png').click()]);
    const bytes = readFileSync(await png.path());
    assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'not a PNG');
    assert.ok(bytes.length > 5000, `PNG of ${bytes.length} bytes`);
    assert.match(png.suggestedFilename(), /\.png$/);

    const visible = await cyEval(page, (cy) => ({ nodes: cy.nodes(':visible').length, edges: cy.edges(':visible').length }));
    const [gml] = await Promise.all([page.waitForEvent('download'), page.locator('#export-graphml').click()]);
    const xml = readFileSync(await gml.path(), 'utf8');
    assert.match(xml, /^<\?xml[^>]*\?>\n<graphml/);
    assert.equal((xml.match(/<node /g) || []).length, visible.nodes);
    assert.equal((xml.match(/<edge /g) || []).length, visible.edges);
    assert.match(xml, /新昌县/);

    const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('#export-csv').click()]);
    const rows = readFileSync(await csv.path(), 'utf8').trim().split('\r\n');
    assert.equal(rows.length, 1 + visible.nodes + visible.edges);
  });

  it('links the server\'s exports of the selection and of the whole graph', async () => {
    const xinchang = await entityNamed('新昌县');
    await cyEval(page, (cy, id) => void cy.getElementById(id).emit('tap'), xinchang.id);
    await page.waitForSelector(`#details[data-entity="${xinchang.id}"]`);
    assert.equal(await page.getAttribute('#srv-graphml', 'href'), `/export.graphml?center=${xinchang.id}&depth=1`);
    const [one] = await Promise.all([page.waitForEvent('download'), page.locator('#srv-graphml').click()]);
    const xml = readFileSync(await one.path(), 'utf8');
    assert.match(xml, /<graphml/);
    assert.match(xml, /新昌县科创飞地\(西湖区\)/);

    await cyEval(page, (cy) => void cy.emit('tap'));
    assert.equal(await page.getAttribute('#srv-csv', 'href'), '/export.csv');
    const [all] = await Promise.all([page.waitForEvent('download'), page.locator('#srv-json').click()]);
    const g = JSON.parse(readFileSync(await all.path(), 'utf8'));
    const stats = await api('{ stats { entities { count } } }');
    assert.equal(g.entities.length, stats.stats.entities.reduce((n, k) => n + k.count, 0));
  });

  it('restores the view from a shared link', async () => {
    const xinchang = await entityNamed('新昌县');
    await cyEval(page, (cy, id) => void cy.getElementById(id).emit('tap'), xinchang.id);
    await page.locator('#filter-kinds input[value="ENTERPRISE"]').uncheck();
    await page.waitForFunction(() => new URL(location.href).searchParams.has('kinds'));
    const link = page.url();
    const other = await browser.context.newPage();
    try {
      await other.goto(link);
      await ready(other);
      await other.waitForSelector(`#details[data-entity="${xinchang.id}"]`);
      assert.equal(await other.locator('#filter-kinds input[value="ENTERPRISE"]').isChecked(), false);
      assert.ok(await cyEval(other, (cy, id) => cy.getElementById(id).selected(), xinchang.id));
      const a = await cyEval(page, (cy) => cy.nodes().map((n) => n.id()).sort());
      const b = await cyEval(other, (cy) => cy.nodes().map((n) => n.id()).sort());
      assert.deepEqual(b, a, 'the shared link draws other nodes');
    } finally {
      await other.close();
    }
    await page.locator('#filter-kinds input[value="ENTERPRISE"]').check();
  });

  it('shows regional cooperation with edge width by number of links', async () => {
    await page.locator('#modes button[data-mode="coop"]').click();
    await page.waitForFunction(() => window.collabgraph.cy.edges('.tie').length > 0, null, { timeout: 15000 });
    const kinds = await cyEval(page, (cy) => [...new Set(cy.nodes().map((n) => n.data('kind')))]);
    assert.deepEqual(kinds, ['REGION']);
    const widths = await cyEval(page, (cy) => cy.edges('.tie').map((e) => [e.data('count'), parseFloat(e.style('width'))]));
    const byCount = widths.sort((x, y) => x[0] - y[0]);
    assert.ok(byCount[0][1] <= byCount[byCount.length - 1][1], 'more links do not draw a wider line');
    const tie = await cyEval(page, (cy) => cy.edges('.tie')[0].id());
    await cyEval(page, (cy, id) => void cy.getElementById(id).emit('tap'), tie);
    await page.waitForSelector('#details ul.relations li blockquote.sentence', { timeout: 10000 });
    await page.locator('#modes button[data-mode="explore"]').click();
    assert.ok(await cyEval(page, (cy) => cy.nodes('[kind != "REGION"]').length) > 0, 'explore view not restored');
  });

  it('switches the interface to English', async () => {
    await page.locator('#lang').click();
    assert.equal(await page.locator('h1').textContent(), 'Yangtze River Delta innovation cooperation network');
    assert.equal(new URL(page.url()).searchParams.get('lang'), 'en');
    assert.match(await page.locator('#filter-kinds').textContent(), /Enclave/);
    await page.locator('#lang').click();
    assert.equal(await page.locator('h1').textContent(), '长三角科创合作网络');
  });

  it('says so when the API is down', async () => {
    const p = await browser.context.newPage();
    try {
      await p.route('**/graphql', (route) => route.abort('connectionrefused'));
      await p.goto(base);
      await ready(p);
      assert.equal(await p.getAttribute('body', 'data-state'), 'error');
      const overlay = await p.locator('#overlay').textContent();
      assert.match(overlay, /无法连接到数据接口 \/graphql/);
      assert.ok(await p.locator('#overlay').isVisible());
    } finally {
      await p.close();
    }
  });

  it('lists the documents the server could not load', async () => {
    const p = await browser.context.newPage();
    try {
      // The seeds all load, so this tab's answer to the start query gets
      // one failure added, as the server reports a broken file.
      await p.route('**/graphql', async (route) => {
        const res = await route.fetch();
        const body = await res.json();
        if (body.data && body.data.loadErrors) {
          body.data.loadErrors.push({ file: 'seeds/999_broken.txt', message: 'loader: seeds/999_broken.txt: not UTF-8, GB18030 or UTF-16' });
        }
        await route.fulfill({ response: res, json: body });
      });
      await p.goto(base);
      await ready(p);
      assert.equal(await p.locator('#load-errors').isVisible(), true);
      assert.match(await p.locator('#load-errors summary').textContent(), /^1 个文件未能加载/);
      assert.match(await p.locator('#load-errors').textContent(), /seeds\/999_broken\.txt: loader: .*not UTF-8/);
      assert.equal(await p.getAttribute('body', 'data-state'), 'ready', 'a load error must not stop the page');
    } finally {
      await p.close();
    }
    assert.equal(await page.locator('#load-errors').isHidden(), true, 'the seeds all load, yet the page lists load errors');
  });

  it('loaded everything from the server and raised no script error', () => {
    const outside = requests.filter((u) => !u.startsWith(origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:'));
    assert.deepEqual(outside, [], 'requests left the server');
    assert.ok(requests.some((u) => u.endsWith('/app.js')));
    assert.deepEqual(pageErrors, []);
  });
});
