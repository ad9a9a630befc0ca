// Every enclave, for Enclaves with neither an owner nor a host. The
// filtered forms are enclaves_by_owner, enclaves_by_host and
// enclaves_by_owner_host: one statement per filter, each a plain MATCH
// seeking the given end by its id, rather than one statement with
// optional EXISTS { } filters.
// params: (none)
MATCH (e:ENCLAVE)
RETURN e
ORDER BY e.id
