// Ranked full-text search over names and aliases (CJK analyzer), for
// Bloom's search phrases. The API's own search is exact substring.
// params: query: STRING
CALL db.index.fulltext.queryNodes('entity_fulltext', $query) YIELD node, score
RETURN node.name AS name, node.kind AS kind, score
ORDER BY score DESC
LIMIT 20
