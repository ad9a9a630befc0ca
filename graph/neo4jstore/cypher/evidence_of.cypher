// The evidence for each relation, in the order it was loaded.
// params: relations: LIST<STRING>
UNWIND $relations AS relation
MATCH (v:Evidence {relation: relation})
RETURN v
ORDER BY v.relation, v.ordinal
