package neo4jstore

import (
	"testing"

	"github.com/collabgraph/collabgraph/graph"
	"github.com/collabgraph/collabgraph/graph/storetest"
)

// TestContract runs graph/storetest's contract checks over Bolt.
func TestContract(t *testing.T) {
	srv := needServer(t)
	storetest.RunWith(t, func(t *testing.T) graph.Store { return openStore(t, srv) }, storetest.Options{})
}
