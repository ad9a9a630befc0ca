// Betweenness is computed in Go at load (graph.BetweennessFor) and stored.
// params: top: INTEGER
MATCH (e:Entity)
WHERE e.betweenness > 0
RETURN e, e.betweenness AS score
ORDER BY e.betweenness DESC, e.id
LIMIT $top
