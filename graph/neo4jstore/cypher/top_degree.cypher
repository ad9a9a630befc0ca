// The entities with the most relations, ties by id; none with no relation.
// params: top: INTEGER
MATCH (e:Entity)
WITH e, size([(e)-[r:PART_OF|LOCATED_IN|JOINS|OPERATES|COOPERATES_WITH|BUILDS]-(:Entity) | r]) AS degree
WHERE degree > 0
RETURN e, degree
ORDER BY degree DESC, e.id
LIMIT $top
