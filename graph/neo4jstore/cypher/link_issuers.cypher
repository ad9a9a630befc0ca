// Links each document to the region that issued it, for analysts.
// params: rows: LIST<MAP>, load: STRING
UNWIND $rows AS row
MATCH (d:Document {id: row.id})
MATCH (e:Entity {id: row.issuer})
MERGE (d)-[i:ISSUED_BY]->(e)
SET i.load = $load
