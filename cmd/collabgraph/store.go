package main

import (
	"context"
	"flag"
	"log/slog"

	"github.com/collabgraph/collabgraph/graph"
	"github.com/collabgraph/collabgraph/graph/memstore"
	"github.com/collabgraph/collabgraph/graph/neo4jstore"
)

// storeFlags choose and configure the store a command serves from or
// writes to. Only cmd/ chooses between the stores (STYLE.md): the embedded
// in-memory store by default, Neo4j when --neo4j-uri or NEO4J_URI is set.
type storeFlags struct {
	neo4j *neo4jFlags
}

// addStoreFlags registers the store flags on fs.
func addStoreFlags(fs *flag.FlagSet) *storeFlags {
	return &storeFlags{neo4j: addNeo4jFlags(fs)}
}

// open returns the store the flags choose, ready for Replace. Opening
// Neo4j does not contact it: a server that is down shows in Ready.
func (f *storeFlags) open(ctx context.Context, log *slog.Logger) (graph.Store, error) {
	f.neo4j.resolve()
	if f.neo4j.uri != "" {
		log.InfoContext(ctx, "store: neo4j", "database", f.neo4j.database, "batch_size", f.neo4j.batchSize)
		return neo4jstore.Open(ctx, f.neo4j.config(log))
	}
	log.InfoContext(ctx, "store: in memory")
	return memstore.New(), nil
}

// external reports whether the flags chose Neo4j, a store that keeps its
// graph between runs. Call it after open.
func (f *storeFlags) external() bool { return f.neo4j.uri != "" }
