// Which documents did each region issue, and how many relations does each
// state?
// params: (none)
MATCH (d:Document)-[:ISSUED_BY]->(issuer:Entity)
OPTIONAL MATCH (d)<-[:IN]-(v:Evidence)
RETURN issuer.name AS issuer, d.title AS document, d.date AS date, count(DISTINCT v.relation) AS relations
ORDER BY issuer, date
