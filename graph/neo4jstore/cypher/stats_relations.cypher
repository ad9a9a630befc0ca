// params: (none)
MATCH (:Entity)-[r:PART_OF|LOCATED_IN|JOINS|OPERATES|COOPERATES_WITH|BUILDS]->(:Entity)
RETURN type(r) AS kind, count(r) AS count
