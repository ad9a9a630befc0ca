// The entities with the most relations, ties by id; an entity with none
// has no row, as memstore ranks no zero score.
// params: top: INTEGER
MATCH (e:Entity)-[r:PART_OF|LOCATED_IN|JOINS|OPERATES|COOPERATES_WITH|BUILDS]-(:Entity)
WITH e, count(r) AS degree
RETURN e, degree
ORDER BY degree DESC, e.id
LIMIT $top
