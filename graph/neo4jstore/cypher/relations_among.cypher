// The relations between any two of $ids that pass the filters.
// params: ids: LIST<STRING>, kinds: LIST<STRING>, status: STRING
MATCH (a:Entity)-[r:PART_OF|LOCATED_IN|JOINS|OPERATES|COOPERATES_WITH|BUILDS]->(b:Entity)
WHERE a.id IN $ids AND b.id IN $ids
  AND (size($kinds) = 0 OR type(r) IN $kinds)
  AND ($status = '' OR r.status = $status)
RETURN r
ORDER BY r.id
