MATCH (e:Entity) RETURN e
