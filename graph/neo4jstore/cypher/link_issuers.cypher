// Links each document to the region that issued it, for analysts. The
// issuer is matched with WHERE e.id = ...: Neo4j plans it as the same seek
// on entity_id as {id: ...}, and NornicDB then also merges the link (with
// both ends as property maps it merges nothing).
// params: rows: LIST<MAP>, load: STRING
UNWIND $rows AS row
MATCH (d:Document {id: row.id})
MATCH (e:Entity)
WHERE e.id = row.issuer
MERGE (d)-[i:ISSUED_BY]->(e)
SET i.load = $load
