// For analysts: ranked full-text search over names and aliases with the CJK
// analyzer (db.index.fulltext.queryNodes). The store's own search uses
// entity_search, whose CONTAINS matches exactly what memstore matches.
// params: (none)
CREATE FULLTEXT INDEX entity_fulltext IF NOT EXISTS
FOR (e:Entity) ON EACH [e.name, e.aliasText]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}
