// How many relations touch each entity; an entity with none, or an
// unknown id, has no row.
// params: ids: LIST<STRING>
UNWIND $ids AS id
MATCH (:Entity {id: id})-[r:PART_OF|LOCATED_IN|JOINS|OPERATES|COOPERATES_WITH|BUILDS]-(:Entity)
RETURN id, count(r) AS degree
