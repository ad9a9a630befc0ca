// params: (none)
MATCH (x:LoadError)
RETURN x
ORDER BY x.id
