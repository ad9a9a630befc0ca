// Every entity, whatever its kind, has one node: ids embed the kind, so they
// are unique across labels too.
// params: (none)
CREATE CONSTRAINT entity_id IF NOT EXISTS
FOR (e:Entity) REQUIRE e.id IS UNIQUE
