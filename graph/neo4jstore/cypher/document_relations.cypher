// The relations a document states evidence for: no row when the document is
// unknown, one row with a null relation when it states none.
// params: id: STRING
MATCH (d:Document {id: $id})
OPTIONAL MATCH (d)<-[:IN]-(v:Evidence)
OPTIONAL MATCH (:Entity)-[r:PART_OF|LOCATED_IN|JOINS|OPERATES|COOPERATES_WITH|BUILDS {id: v.relation}]->(:Entity)
RETURN DISTINCT r
ORDER BY r.id
