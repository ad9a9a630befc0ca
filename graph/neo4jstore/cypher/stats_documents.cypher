// params: (none)
MATCH (d:Document)
RETURN count(d) AS count
