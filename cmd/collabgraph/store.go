package main

import (
	"context"
	"flag"
	"log/slog"

	"github.com/collabgraph/collabgraph/graph"
	"github.com/collabgraph/collabgraph/graph/memstore"
)

// storeFlags choose and configure the store a command serves from or
// writes to. Only cmd/ chooses between the stores (STYLE.md): the embedded
// in-memory store by default; the Neo4j flags are added here too.
type storeFlags struct{}

// addStoreFlags registers the store flags on fs.
func addStoreFlags(fs *flag.FlagSet) *storeFlags {
	return &storeFlags{}
}

// open returns the store the flags choose, ready for Replace.
func (f *storeFlags) open(ctx context.Context, log *slog.Logger) (graph.Store, error) {
	log.InfoContext(ctx, "store: in memory")
	return memstore.New(), nil
}
