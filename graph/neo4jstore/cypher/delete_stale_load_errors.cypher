// Removes the :LoadError nodes the graph being loaded no longer has, with the
// relationships still attached to them.
// params: load: STRING
MATCH (n:LoadError)
WHERE n.load <> $load
DETACH DELETE n
