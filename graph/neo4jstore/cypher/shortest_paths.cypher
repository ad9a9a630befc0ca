// Every shortest path of at most MAX_HOPS relations, read both ways, using
// only relations of $kinds when it is not empty. MAX_HOPS is the query's
// bound (at most graph.MaxHopsCap), an integer the code checks before
// substituting it: Cypher takes no parameter there, and a bound in the
// pattern lets the search stop at it.
// Paths come in graph.ShortestPaths's order: by the entity after the start,
// the relation to it, the next entity, and so on.
// params: from: STRING, to: STRING, kinds: LIST<STRING>, limit: INTEGER
// substitute: MAX_HOPS
MATCH p = allShortestPaths((:Entity {id: $from})-[:PART_OF|LOCATED_IN|JOINS|OPERATES|COOPERATES_WITH|BUILDS*..MAX_HOPS]-(:Entity {id: $to}))
WHERE all(r IN relationships(p) WHERE size($kinds) = 0 OR type(r) IN $kinds)
WITH p, reduce(k = [], i IN range(1, length(p)) | k + [nodes(p)[i].id, relationships(p)[i - 1].id]) AS sortKey
ORDER BY sortKey
LIMIT $limit
RETURN p
