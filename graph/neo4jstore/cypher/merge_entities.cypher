// Writes one batch of entities of one kind. SET, not ON CREATE SET: a
// reload must overwrite what changed, and setting an unchanged value is a
// no-op.
// params: rows: LIST<MAP>, load: STRING
// substitute: ENTITY_KIND
UNWIND $rows AS row
MERGE (e:ENTITY_KIND {id: row.id})
SET e:Entity,
    e.kind = row.kind,
    e.name = row.name,
    e.aliases = row.aliases,
    e.aliasText = row.aliasText,
    e.level = row.level,
    e.code = row.code,
    e.searchKeys = row.searchKeys,
    e.searchText = row.searchText,
    e.betweenness = row.betweenness,
    e.load = $load
