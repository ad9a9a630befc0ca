// Which flying enclaves (科创飞地) does each region run, and where are they?
// params: (none)
MATCH (owner:Entity)-[op:OPERATES]->(e:ENCLAVE)
OPTIONAL MATCH (e)-[:LOCATED_IN]->(host:Entity)
RETURN owner.name AS owner, e.name AS enclave, host.name AS host, op.status AS status, op.year AS year
ORDER BY owner, enclave
