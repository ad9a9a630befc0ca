// The relations touching each entity that pass the filter, either way.
// relations_from and relations_to are the one-way forms.
// params: ids: LIST<STRING>, kinds: LIST<STRING>, status: STRING
UNWIND $ids AS id
MATCH (:Entity {id: id})-[r:PART_OF|LOCATED_IN|JOINS|OPERATES|COOPERATES_WITH|BUILDS]-(:Entity)
WHERE (size($kinds) = 0 OR type(r) IN $kinds)
  AND ($status = '' OR r.status = $status)
RETURN id, r
ORDER BY id, r.id
