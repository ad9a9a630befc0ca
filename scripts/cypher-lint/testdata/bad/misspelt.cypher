// A statement with one mistake of each kind the linter must catch.
// params: id: STRING
MATCH (e:Entty {id: $id})-[:PART_OFF]->(x)
RETURN e, $undeclared, y
