// The entities within MAX_HOPS hops of the center, walking only relations
// that pass the filters and only through entities of $entityKinds, each at
// its distance, in graph.Neighborhood's walk order. MAX_HOPS is the
// query's depth, an integer the code checks before substituting it.
// params: center: STRING, entityKinds: LIST<STRING>, relationKinds: LIST<STRING>, status: STRING, limit: INTEGER
// substitute: MAX_HOPS
MATCH (c:Entity {id: $center})
MATCH p = (c)-[:PART_OF|LOCATED_IN|JOINS|OPERATES|COOPERATES_WITH|BUILDS*1..MAX_HOPS]-(n:Entity)
WHERE n <> c
  AND all(r IN relationships(p) WHERE (size($relationKinds) = 0 OR type(r) IN $relationKinds)
                                 AND ($status = '' OR r.status = $status))
  AND all(x IN nodes(p)[1..] WHERE size($entityKinds) = 0 OR x.kind IN $entityKinds)
WITH n, min(length(p)) AS depth
RETURN n, depth
ORDER BY depth, n.id
LIMIT $limit
