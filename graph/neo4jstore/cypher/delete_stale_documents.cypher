// Removes the :Document nodes the graph being loaded no longer has, with the
// relationships still attached to them.
// params: load: STRING
MATCH (n:Document)
WHERE n.load <> $load
DETACH DELETE n
