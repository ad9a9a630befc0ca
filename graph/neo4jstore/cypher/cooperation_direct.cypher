// Direct ties: each relation of graph.CooperationKinds (every kind but
// PART_OF) between a region of $regions and another region, read both ways;
// with several regions ($single false) the other must be one of them too.
// Go groups the rows into ties.
// params: regions: LIST<STRING>, single: BOOLEAN
UNWIND $regions AS id
MATCH (a:REGION {id: id})-[r:LOCATED_IN|JOINS|OPERATES|COOPERATES_WITH|BUILDS]-(b:REGION)
WHERE b.id <> id
  AND ($single OR b.id IN $regions)
RETURN a, b, r
