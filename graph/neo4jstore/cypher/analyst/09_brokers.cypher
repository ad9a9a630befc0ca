// Which entities broker the most ties? Betweenness is computed at load and
// stored on each entity.
// params: (none)
MATCH (e:Entity)
WHERE e.betweenness > 0
RETURN e.name AS name, e.kind AS kind, round(e.betweenness, 4) AS betweenness
ORDER BY betweenness DESC
LIMIT 20
