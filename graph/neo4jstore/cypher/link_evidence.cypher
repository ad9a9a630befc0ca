// Links one batch of evidence to the documents they quote; evidence whose
// document is not loaded stays unlinked. The document is matched with
// WHERE d.id = ...: Neo4j plans it as the same seek on document_id as
// {id: ...}, and NornicDB then also merges the link (with both ends as
// property maps it merges nothing).
// params: rows: LIST<MAP>, load: STRING
UNWIND $rows AS row
MATCH (v:Evidence {id: row.id})
MATCH (d:Document)
WHERE d.id = row.document
MERGE (v)-[i:IN]->(d)
SET i.load = $load
