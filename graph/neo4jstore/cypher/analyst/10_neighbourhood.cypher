// Everything within two hops of an entity, to draw in Browser or Bloom.
// params: name: STRING
MATCH p = (:Entity {name: $name})-[:PART_OF|LOCATED_IN|JOINS|OPERATES|COOPERATES_WITH|BUILDS*1..2]-(:Entity)
RETURN p
LIMIT 300
