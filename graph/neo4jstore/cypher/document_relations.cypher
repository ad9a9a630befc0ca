// The relations a document states evidence for, one row per evidence (Go
// keeps one of each). A document that states none and an unknown document
// both give no row; DocumentRelations then reads documents_by_id to tell
// which. The relation is found through a direct MATCH from the evidence,
// not a chain of OPTIONAL MATCHes from the document, which NornicDB does
// not follow.
// params: id: STRING
MATCH (:Document {id: $id})<-[:IN]-(v:Evidence)
MATCH (:Entity)-[r:PART_OF|LOCATED_IN|JOINS|OPERATES|COOPERATES_WITH|BUILDS]->(:Entity)
WHERE r.id = v.relation
RETURN r
ORDER BY r.id
