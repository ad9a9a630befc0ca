// Relations are found by id within each relationship type.
// params: (none)
// substitute: RELATION_KIND
CREATE INDEX RELATION_KIND_id IF NOT EXISTS
FOR ()-[r:RELATION_KIND]-() ON (r.id)
