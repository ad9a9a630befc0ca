// Evidence ids are the relation id and the evidence's position in it.
// params: (none)
CREATE CONSTRAINT evidence_id IF NOT EXISTS
FOR (v:Evidence) REQUIRE v.id IS UNIQUE
