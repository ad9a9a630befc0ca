// The relations touching each entity that pass the filter. A symmetric
// relation matches every direction from either end.
// params: ids: LIST<STRING>, kinds: LIST<STRING>, status: STRING, direction: STRING, symmetric: LIST<STRING>
UNWIND $ids AS id
MATCH (:Entity {id: id})-[r:PART_OF|LOCATED_IN|JOINS|OPERATES|COOPERATES_WITH|BUILDS]-(:Entity)
WHERE (size($kinds) = 0 OR type(r) IN $kinds)
  AND ($status = '' OR r.status = $status)
  AND ($direction = 'BOTH'
       OR type(r) IN $symmetric
       OR ($direction = 'OUT' AND r.from = id)
       OR ($direction = 'IN' AND r.to = id))
RETURN DISTINCT id, r
ORDER BY id, r.id
