// Removes the nodes the graph being loaded no longer has, with whatever is
// still attached to them.
// params: load: STRING
MATCH (n:Entity|Document|Evidence|LoadError)
WHERE n.load <> $load
DETACH DELETE n
