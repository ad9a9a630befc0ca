// params: ids: LIST<STRING>
UNWIND $ids AS id
MATCH (e:Entity {id: id})
RETURN id, size([(e)-[r:PART_OF|LOCATED_IN|JOINS|OPERATES|COOPERATES_WITH|BUILDS]-(:Entity) | r]) AS degree
