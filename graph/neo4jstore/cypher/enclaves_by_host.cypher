// The enclaves LOCATED_IN $host directly. A relation's id is a function of
// its kind and ends, so an enclave comes once.
// params: host: STRING
MATCH (e:ENCLAVE)-[:LOCATED_IN]->(:Entity {id: $host})
RETURN e
ORDER BY e.id
