// The enclaves $owner OPERATES and that are LOCATED_IN $host; an empty id
// matches any. Only direct relations count.
// params: owner: STRING, host: STRING
MATCH (e:ENCLAVE)
WHERE ($owner = '' OR EXISTS { MATCH (:Entity {id: $owner})-[:OPERATES]->(e) })
  AND ($host = '' OR EXISTS { MATCH (e)-[:LOCATED_IN]->(:Entity {id: $host}) })
RETURN e
ORDER BY e.id
