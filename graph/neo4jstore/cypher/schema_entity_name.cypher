// Analysts look entities up by their exact name.
// params: (none)
CREATE INDEX entity_name IF NOT EXISTS
FOR (e:Entity) ON (e.name)
