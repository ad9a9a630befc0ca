// params: rows: LIST<MAP>, load: STRING
UNWIND $rows AS row
MERGE (x:LoadError {id: row.id})
SET x.file = row.file,
    x.message = row.message,
    x.load = $load
