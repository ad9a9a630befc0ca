// Ties through one intermediary x of a kind in $via (any kind when empty):
// relations of graph.CooperationKinds a–x and x–b, read both ways. Each tie
// lists every relation a–x and x–b.
// params: regions: LIST<STRING>, single: BOOLEAN, via: LIST<STRING>
MATCH (a:REGION)-[r1:LOCATED_IN|JOINS|OPERATES|COOPERATES_WITH|BUILDS]-(x:Entity)-[r2:LOCATED_IN|JOINS|OPERATES|COOPERATES_WITH|BUILDS]-(b:REGION)
WHERE a.id IN $regions AND x <> a AND b <> x AND b <> a
  AND (size($via) = 0 OR x.kind IN $via)
  AND ($single OR b.id IN $regions)
WITH CASE WHEN $single OR a.id < b.id THEN a ELSE b END AS first,
     CASE WHEN $single OR a.id < b.id THEN b ELSE a END AS second,
     x, r1, r2
RETURN first, second, x AS via, collect(DISTINCT r1) + collect(DISTINCT r2) AS relations
