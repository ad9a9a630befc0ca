// The page's only way to the data: POST application/json to /graphql, the
// public API (schema/schema.graphqls).

// APIError says which of three things went wrong, so the page can tell a
// person whether the server is down, answered badly, or refused the query.
export class APIError extends Error {
  constructor(kind, message) {
    super(message);
    this.kind = kind; // "network" | "http" | "graphql"
  }
}

export const endpoint = '/graphql';

export async function gql(query, variables = {}) {
  let res;
  try {
    res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
  } catch (err) {
    throw new APIError('network', err && err.message ? err.message : String(err));
  }
  let body;
  try {
    body = await res.json();
  } catch {
    throw new APIError('http', `HTTP ${res.status} ${res.statusText}`.trim());
  }
  if (body && Array.isArray(body.errors) && body.errors.length > 0) {
    throw new APIError('graphql', body.errors.map((e) => e.message).join('; '));
  }
  if (!res.ok || !body || !body.data) {
    throw new APIError('http', `HTTP ${res.status} ${res.statusText}`.trim());
  }
  return body.data;
}

const entityFields = 'id name kind level aliases degree';
// Edges carry the years of every stating document so the year filter can
// work on what is already drawn, without a round trip.
const relationFields = 'id kind status year from { id } to { id } evidence { document { year } }';

export const queries = {
  start: `{
    stats {
      documents
      entities { kind count }
      relations { kind count }
      topByDegree { entity { ${entityFields} } score }
    }
    documents { id title date year }
    loadErrors { file message }
  }`,
  search: `query Search($text: String!) {
    search(text: $text, first: 10) { ${entityFields} }
  }`,
  neighborhood: `query Neighborhood($center: ID!, $depth: Int, $limit: Int) {
    neighborhood(center: $center, depth: $depth, limit: $limit) {
      entities { ${entityFields} }
      relations { ${relationFields} }
      truncated
    }
  }`,
  entity: `query Entity($id: ID!) {
    entity(id: $id) {
      ${entityFields} code
      relations(first: 500) {
        totalCount
        nodes {
          id kind status year confidence source
          from { ${entityFields} }
          to { ${entityFields} }
          evidence { text start end status confidence source document { id title date year } }
        }
      }
    }
  }`,
  relation: `query Relation($id: ID!) {
    relation(id: $id) {
      id kind status year confidence source
      from { ${entityFields} }
      to { ${entityFields} }
      evidence { text start end status confidence source document { id title date year } }
    }
  }`,
  paths: `query Paths($from: ID!, $to: ID!, $maxHops: Int) {
    paths(from: $from, to: $to, maxHops: $maxHops) {
      length
      entities { ${entityFields} }
      relations { ${relationFields} }
    }
  }`,
  regions: `query Regions($after: String) {
    entities(kinds: [REGION], first: 500, after: $after) {
      nodes { ${entityFields} }
      pageInfo { hasNextPage endCursor }
    }
  }`,
  // Evidence is left out here: with every pair of regions it would exceed
  // the server's complexity limit; a tie's evidence loads when it is opened.
  cooperation: `query Cooperation($regions: [ID!]!) {
    cooperation(regions: $regions) {
      a { ${entityFields} }
      b { ${entityFields} }
      via { id name kind aliases }
      relations { id kind status }
    }
  }`,
};

// relationsQuery asks for several relations with their evidence in one
// request, one aliased root field each.
export function relationsQuery(n) {
  const vars = Array.from({ length: n }, (_, i) => `$r${i}: ID!`).join(', ');
  const fields = Array.from(
    { length: n },
    (_, i) => `r${i}: relation(id: $r${i}) {
      id kind status year confidence source
      from { ${entityFields} }
      to { ${entityFields} }
      evidence { text start end status confidence source document { id title date year } }
    }`,
  ).join('\n');
  return `query Relations(${vars}) {\n${fields}\n}`;
}
