// The entities with the most relations, ties by id; an entity with none
// has no row, as memstore ranks no zero score. The id is returned as a
// column and ordered by name (NornicDB ignores a second sort key that is
// a property expression).
// params: top: INTEGER
MATCH (e:Entity)-[r:PART_OF|LOCATED_IN|JOINS|OPERATES|COOPERATES_WITH|BUILDS]-(:Entity)
WITH e, count(r) AS degree
RETURN e, degree, e.id AS id
ORDER BY degree DESC, id
LIMIT $top
