// Removes the relationships the graph being loaded no longer has.
// params: load: STRING
MATCH ()-[r:PART_OF|LOCATED_IN|JOINS|OPERATES|COOPERATES_WITH|BUILDS|IN|ISSUED_BY]->()
WHERE r.load <> $load
DELETE r
