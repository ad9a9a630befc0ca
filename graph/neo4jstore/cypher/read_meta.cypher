// The digest of the graph stored last; no row before the first load.
// params: (none)
MATCH (m:Meta {key: 'graph'})
RETURN m.digest AS digest
