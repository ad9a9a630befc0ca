// Every shortest path of at most $maxHops relations, read both ways, using
// only relations of $kinds when it is not empty. 6 is graph.MaxHopsCap.
// Paths come in graph.ShortestPaths's order: by the entity after the start,
// the relation to it, the next entity, and so on.
// params: from: STRING, to: STRING, maxHops: INTEGER, kinds: LIST<STRING>, limit: INTEGER
MATCH (a:Entity {id: $from})
MATCH (b:Entity {id: $to})
MATCH p = allShortestPaths((a)-[:PART_OF|LOCATED_IN|JOINS|OPERATES|COOPERATES_WITH|BUILDS*..6]-(b))
WHERE length(p) <= $maxHops
  AND all(r IN relationships(p) WHERE size($kinds) = 0 OR type(r) IN $kinds)
WITH p, reduce(k = [], i IN range(1, length(p)) | k + [nodes(p)[i].id, relationships(p)[i - 1].id]) AS sortKey
ORDER BY sortKey
LIMIT $limit
RETURN nodes(p) AS entities, relationships(p) AS relations
