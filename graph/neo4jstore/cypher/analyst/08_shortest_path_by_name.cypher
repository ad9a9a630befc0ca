// How are two entities connected? One shortest path, drawn in Browser.
// params: from: STRING, to: STRING
MATCH (a:Entity {name: $from})
MATCH (b:Entity {name: $to})
MATCH p = shortestPath((a)-[:PART_OF|LOCATED_IN|JOINS|OPERATES|COOPERATES_WITH|BUILDS*..6]-(b))
RETURN p
