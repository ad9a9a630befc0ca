// Removes the :Evidence nodes the graph being loaded no longer has, with the
// relationships still attached to them.
// params: load: STRING
MATCH (n:Evidence)
WHERE n.load <> $load
DETACH DELETE n
