// The relations that end at each entity and pass the filter, and the
// symmetric ones ($symmetric: COOPERATES_WITH) either way.
// params: ids: LIST<STRING>, kinds: LIST<STRING>, status: STRING, symmetric: LIST<STRING>
UNWIND $ids AS id
MATCH (:Entity {id: id})-[r:PART_OF|LOCATED_IN|JOINS|OPERATES|COOPERATES_WITH|BUILDS]-(:Entity)
WHERE (size($kinds) = 0 OR type(r) IN $kinds)
  AND ($status = '' OR r.status = $status)
  AND (r.to = id OR type(r) IN $symmetric)
RETURN id, r
ORDER BY id, r.id
