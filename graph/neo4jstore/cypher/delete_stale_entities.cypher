// Removes the :Entity nodes the graph being loaded no longer has, with the
// relationships still attached to them.
// params: load: STRING
MATCH (n:Entity)
WHERE n.load <> $load
DETACH DELETE n
