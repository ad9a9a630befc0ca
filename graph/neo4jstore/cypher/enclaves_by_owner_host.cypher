// The enclaves $owner OPERATES that are LOCATED_IN $host, both directly. A
// relation's id is a function of its kind and ends, so an enclave comes
// once.
// params: owner: STRING, host: STRING
MATCH (:Entity {id: $owner})-[:OPERATES]->(e:ENCLAVE)-[:LOCATED_IN]->(:Entity {id: $host})
RETURN e
ORDER BY e.id
