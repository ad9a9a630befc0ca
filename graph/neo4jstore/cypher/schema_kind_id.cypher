// One uniqueness constraint per kind label, so that MERGE on a kind label
// finds its node through an index.
// params: (none)
// substitute: ENTITY_KIND
CREATE CONSTRAINT ENTITY_KIND_id IF NOT EXISTS
FOR (e:ENTITY_KIND) REQUIRE e.id IS UNIQUE
