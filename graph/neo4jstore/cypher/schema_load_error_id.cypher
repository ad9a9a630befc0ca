// params: (none)
CREATE CONSTRAINT load_error_id IF NOT EXISTS
FOR (x:LoadError) REQUIRE x.id IS UNIQUE
