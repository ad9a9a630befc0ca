// params: (none)
MATCH (e:Entity)
RETURN e.kind AS kind, count(e) AS count
