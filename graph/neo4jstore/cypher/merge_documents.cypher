// params: rows: LIST<MAP>, load: STRING
UNWIND $rows AS row
MERGE (d:Document {id: row.id})
SET d.file = row.file,
    d.title = row.title,
    d.issuer = row.issuer,
    d.date = row.date,
    d.year = row.year,
    d.source = row.source,
    d.load = $load
