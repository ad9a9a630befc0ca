// What is the evidence for this relation: each clause, where it stands in
// which document, and what it says (done or aim).
// params: relation: STRING
MATCH (v:Evidence {relation: $relation})-[:IN]->(d:Document)
RETURN d.id AS document, d.title AS title, v.text AS clause, v.start AS start, v.end AS end, v.status AS status
ORDER BY v.ordinal
