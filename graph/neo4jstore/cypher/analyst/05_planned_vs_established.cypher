// How much of each kind of tie is done, and how much is still an aim?
// params: (none)
MATCH (:Entity)-[r:PART_OF|LOCATED_IN|JOINS|OPERATES|COOPERATES_WITH|BUILDS]->(:Entity)
RETURN type(r) AS kind,
       sum(CASE r.status WHEN 'ESTABLISHED' THEN 1 ELSE 0 END) AS established,
       sum(CASE r.status WHEN 'PLANNED' THEN 1 ELSE 0 END) AS planned
ORDER BY kind
