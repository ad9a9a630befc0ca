// Direct ties: relations of graph.CooperationKinds (every kind but PART_OF)
// between two regions. With one region ($single) it is always the first
// end; with several, the first end is the one with the smaller id.
// params: regions: LIST<STRING>, single: BOOLEAN
MATCH (a:REGION)-[r:LOCATED_IN|JOINS|OPERATES|COOPERATES_WITH|BUILDS]-(b:REGION)
WHERE a.id IN $regions AND b <> a
  AND ($single OR b.id IN $regions)
WITH CASE WHEN $single OR a.id < b.id THEN a ELSE b END AS first,
     CASE WHEN $single OR a.id < b.id THEN b ELSE a END AS second,
     r
RETURN first, second, collect(DISTINCT r) AS relations
