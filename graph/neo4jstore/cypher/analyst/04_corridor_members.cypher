// Who takes part in each corridor (科创走廊), and is it done or planned?
// params: (none)
MATCH (m:Entity)-[j:JOINS]->(c:CORRIDOR)
RETURN c.name AS corridor, collect(m.name + ' (' + j.status + ')') AS members, count(m) AS size
ORDER BY size DESC, corridor
