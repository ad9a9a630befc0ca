// Links one batch of evidence to the documents they quote; evidence whose
// document is not loaded stays unlinked.
// params: rows: LIST<MAP>, load: STRING
UNWIND $rows AS row
MATCH (v:Evidence {id: row.id})
MATCH (d:Document {id: row.document})
MERGE (v)-[i:IN]->(d)
SET i.load = $load
