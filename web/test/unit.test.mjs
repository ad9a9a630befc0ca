// Unit tests of the page's pure modules, in node without a browser:
// evidence marking, the URL state, the exports and the API client's errors.
// Run with: cd web && npm test
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { highlight, highlightTerms } from '../src/evidence.js';
import { decode, encode, defaultState } from '../src/urlstate.js';
import { toCSV, toGraphML } from '../src/exporters.js';
import { APIError, gql } from '../src/api.js';

describe('evidence marking', () => {
  const xinchang = { name: '新昌县', aliases: ['新昌'] };
  const enclaveXihu = { name: '新昌县科创飞地(西湖区)', aliases: [] };
  const xihu = { name: '西湖区', aliases: ['西湖'] };
  const hdu = { name: '杭州电子科技大学', aliases: ['杭电'] };
  const cases = [
    {
      name: 'an enclave and its owner (seeds/004): the host and the kind are marked, the owner is implicit',
      a: xinchang,
      b: enclaveXihu,
      text: '政府主导在西湖区、滨江区设立了科创飞地',
      want: '政府主导在<mark>西湖区</mark>、滨江区设立了<mark>科创飞地</mark>',
    },
    {
      name: 'an alias stands for the name (seeds/003)',
      a: xihu,
      b: hdu,
      text: '与浙江科技学院共建区校联合创新中心、与杭电共建技术转移中心',
      want: '与浙江科技学院共建区校联合创新中心、与<mark>杭电</mark>共建技术转移中心',
    },
    {
      name: 'the longest term wins over its prefix',
      a: xinchang,
      b: xihu,
      text: '新昌县与西湖区合作,新昌与西湖',
      want: '<mark>新昌县</mark>与<mark>西湖区</mark>合作,<mark>新昌</mark>与<mark>西湖</mark>',
    },
    {
      name: 'text is escaped, and a bracket in a name is not a regular expression',
      a: { name: '新昌(上海)中心', aliases: [] },
      b: xihu,
      text: '<b>新昌(上海)中心</b>',
      want: '&lt;b&gt;<mark>新昌(上海)中心</mark>&lt;/b&gt;',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(highlight(c.text, highlightTerms(c.a, c.b)), c.want);
    });
  }
  it('drops one-character terms, which would mark half the sentence', () => {
    assert.deepEqual(highlightTerms({ name: '区', aliases: ['县'] }, { name: '西湖区', aliases: [] }), ['西湖区']);
  });
});

describe('URL state', () => {
  it('writes nothing for the default view', () => {
    assert.equal(encode(defaultState()), '');
  });
  it('round-trips every field', () => {
    const s = {
      ...defaultState(),
      lang: 'en',
      mode: 'path',
      sel: 'region-411f61c8e159',
      centers: ['region-411f61c8e159', 'region-ee4226565ea1'],
      hidden: ['enclave-38e87e964017'],
      pinned: ['region-411f61c8e159'],
      kinds: ['REGION', 'ENCLAVE'],
      rels: ['OPERATES'],
      status: 'PLANNED',
      year: '2023',
      layout: 'concentric',
      from: 'region-411f61c8e159',
      to: 'institution-ddc5abec55e1',
      region: '',
    };
    assert.deepEqual(decode(encode(s)), s);
  });
  it('ignores values it does not know instead of breaking the view', () => {
    const s = decode('?mode=nonsense&kinds=REGION,BOGUS&status=DONE&year=20x3&layout=spiral');
    assert.equal(s.mode, 'explore');
    assert.deepEqual(s.kinds, ['REGION']);
    assert.equal(s.status, '');
    assert.equal(s.year, '');
    assert.equal(s.layout, 'fcose');
  });
});

describe('exports', () => {
  const nodes = [
    { id: 'region-1', name: '新昌县', kind: 'REGION', level: 'county', x: 1, y: 2 },
    { id: 'platform-2', name: '浙江(新昌)境外并购产业合作园, "A&B"', kind: 'PLATFORM', x: 3, y: 4 },
  ];
  const edges = [{ id: 'rel-1', source: 'region-1', target: 'platform-2', kind: 'BUILDS', status: 'PLANNED', years: [2021, 2023] }];
  it('writes GraphML with escaped names and every element', () => {
    const xml = toGraphML(nodes, edges);
    assert.match(xml, /<node id="platform-2">\n\s*<data key="name">浙江\(新昌\)境外并购产业合作园, &quot;A&amp;B&quot;<\/data>/);
    assert.match(xml, /<edge id="rel-1" source="region-1" target="platform-2">/);
    assert.match(xml, /<data key="years">2021 2023<\/data>/);
    assert.equal((xml.match(/<node /g) || []).length, 2);
  });
  it('writes one CSV table with a BOM and quoted cells', () => {
    const csv = toCSV(nodes, edges);
    assert.ok(csv.startsWith('\ufeffelement,id,name,'));
    const rows = csv.trim().split('\r\n');
    assert.equal(rows.length, 4);
    assert.equal(rows[2], 'node,platform-2,"浙江(新昌)境外并购产业合作园, ""A&B""",PLATFORM,,,,,,,');
    assert.equal(rows[3], 'edge,rel-1,,BUILDS,,region-1,新昌县,platform-2,"浙江(新昌)境外并购产业合作园, ""A&B""",PLANNED,2021 2023');
  });
});

describe('API client', () => {
  let server;
  let origin;
  let answer = () => [200, { data: { ok: true } }];
  const realFetch = globalThis.fetch;
  before(async () => {
    server = createServer((req, res) => {
      const [status, body] = answer();
      res.writeHead(status, { 'Content-Type': typeof body === 'string' ? 'text/plain' : 'application/json' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${server.address().port}`;
    // The page posts to /graphql on its own origin; here that origin is the test server.
    globalThis.fetch = (url, opts) => realFetch(new URL(url, origin), opts);
  });
  after(() => {
    globalThis.fetch = realFetch;
    server.close();
  });
  it('returns data', async () => {
    answer = () => [200, { data: { stats: { documents: 5 } } }];
    assert.deepEqual(await gql('{ stats { documents } }'), { stats: { documents: 5 } });
  });
  it('reports GraphQL errors with their messages', async () => {
    answer = () => [200, { errors: [{ message: 'operation has complexity 56401, which exceeds the limit of 20000' }], data: null }];
    await assert.rejects(gql('{ x }'), (e) => e instanceof APIError && e.kind === 'graphql' && /complexity 56401/.test(e.message));
  });
  it('reports an HTTP error that is not JSON', async () => {
    answer = () => [502, 'bad gateway'];
    await assert.rejects(gql('{ x }'), (e) => e instanceof APIError && e.kind === 'http' && /502/.test(e.message));
  });
  it('reports a server that is not there as a network error', async () => {
    const closed = createServer();
    await new Promise((r) => closed.listen(0, '127.0.0.1', r));
    const port = closed.address().port;
    await new Promise((r) => closed.close(r));
    globalThis.fetch = (url, opts) => realFetch(new URL(url, `http://127.0.0.1:${port}`), opts);
    try {
      await assert.rejects(gql('{ x }'), (e) => e instanceof APIError && e.kind === 'network');
    } finally {
      globalThis.fetch = (url, opts) => realFetch(new URL(url, origin), opts);
    }
  });
});
