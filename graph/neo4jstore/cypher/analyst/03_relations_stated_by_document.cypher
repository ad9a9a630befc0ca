// Which relations does this document state?
// params: document: STRING
MATCH (:Document {id: $document})<-[:IN]-(v:Evidence)
MATCH (a:Entity)-[r:PART_OF|LOCATED_IN|JOINS|OPERATES|COOPERATES_WITH|BUILDS {id: v.relation}]->(b:Entity)
RETURN DISTINCT a.name AS from, type(r) AS kind, b.name AS to, r.status AS status
ORDER BY kind, from, to
