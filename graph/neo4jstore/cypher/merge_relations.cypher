// Writes one batch of relations of one kind between entities already
// written. from and to repeat the ends so a relationship read alone says
// which way the relation runs.
// params: rows: LIST<MAP>, load: STRING
// substitute: RELATION_KIND
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:RELATION_KIND {id: row.id}]->(b)
SET r.from = row.from,
    r.to = row.to,
    r.status = row.status,
    r.year = row.year,
    r.confidence = row.confidence,
    r.source = row.source,
    r.load = $load
