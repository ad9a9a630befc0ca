// Ties through one intermediary x of a kind in $via (any kind when empty):
// each pair of relations of graph.CooperationKinds a–x and x–b, read both
// ways, from a region of $regions to another region (one of $regions too
// when $single is false). Go groups the rows into ties, each listing every
// relation a–x and x–b.
// params: regions: LIST<STRING>, single: BOOLEAN, via: LIST<STRING>
UNWIND $regions AS id
MATCH (a:REGION {id: id})-[r1:LOCATED_IN|JOINS|OPERATES|COOPERATES_WITH|BUILDS]-(x:Entity)-[r2:LOCATED_IN|JOINS|OPERATES|COOPERATES_WITH|BUILDS]-(b:REGION)
WHERE x.id <> id AND b.id <> x.id AND b.id <> id
  AND (size($via) = 0 OR x.kind IN $via)
  AND ($single OR b.id IN $regions)
RETURN a, x, b, r1, r2
