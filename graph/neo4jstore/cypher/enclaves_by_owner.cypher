// The enclaves $owner OPERATES directly. A relation's id is a function of
// its kind and ends, so an enclave comes once.
// params: owner: STRING
MATCH (:Entity {id: $owner})-[:OPERATES]->(e:ENCLAVE)
RETURN e
ORDER BY e.id
