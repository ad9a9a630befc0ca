package api_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/collabgraph/collabgraph/graph"
	"github.com/collabgraph/collabgraph/graph/memstore"
	"github.com/collabgraph/collabgraph/loader"
)

// countingStore counts the calls to each method of the store it wraps.
type countingStore struct {
	graph.Store
	mu    sync.Mutex
	calls map[string]int
}

func (s *countingStore) count(m string) {
	s.mu.Lock()
	s.calls[m]++
	s.mu.Unlock()
}

func (s *countingStore) reset() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.calls
	s.calls = map[string]int{}
	return c
}

func (s *countingStore) Entities(ctx context.Context, ids []string) ([]*graph.Entity, error) {
	s.count("Entities")
	return s.Store.Entities(ctx, ids)
}

func (s *countingStore) RelationsOf(ctx context.Context, ids []string, f graph.RelationFilter) ([][]*graph.Relation, error) {
	s.count("RelationsOf")
	return s.Store.RelationsOf(ctx, ids, f)
}

func (s *countingStore) Degrees(ctx context.Context, ids []string) ([]int, error) {
	s.count("Degrees")
	return s.Store.Degrees(ctx, ids)
}

func (s *countingStore) Documents(ctx context.Context, ids []string) ([]*graph.Document, error) {
	s.count("Documents")
	return s.Store.Documents(ctx, ids)
}

func (s *countingStore) FindEntities(ctx context.Context, f graph.EntityFilter, first int, after string) (*graph.EntityPage, error) {
	s.count("FindEntities")
	return s.Store.FindEntities(ctx, f, first, after)
}

func (s *countingStore) Entity(ctx context.Context, id string) (*graph.Entity, error) {
	s.count("Entity")
	return s.Store.Entity(ctx, id)
}

func seedStore(t testing.TB) *memstore.Store {
	t.Helper()
	g, err := loader.Load("../../seeds")
	if err != nil {
		t.Fatal(err)
	}
	st := memstore.New()
	if err := st.Replace(context.Background(), g); err != nil {
		t.Fatal(err)
	}
	return st
}

// listQuery asks, for each of the first n entities, its degree, relations
// with both ends, neighbours, documents and the documents of its evidence:
// without batching that is several store calls per entity and per
// relation.
const listQuery = `query List($n: Int) { entities(first: $n) { nodes {
	id degree
	relations { nodes { from { name } to { name } evidence { document { title } } } }
	neighbors { name degree }
	documents { title issuer { name } }
	evidence { text document { title } }
} } }`

func TestLoadersBoundStoreCalls(t *testing.T) {
	st := &countingStore{Store: seedStore(t), calls: map[string]int{}}
	c := newClient(t, st)
	for _, n := range []int{20, 100} {
		t.Run(fmt.Sprintf("%d entities", n), func(t *testing.T) {
			st.reset()
			var out struct {
				Entities struct {
					Nodes []struct {
						Relations struct{ Nodes []any }
						Neighbors []any
					}
				}
			}
			post(t, c, listQuery, &out, client.Var("n", n))
			calls := st.reset()
			rels, neighbours := 0, 0
			for _, e := range out.Entities.Nodes {
				rels += len(e.Relations.Nodes)
				neighbours += len(e.Neighbors)
			}
			if len(out.Entities.Nodes) != n || rels == 0 || neighbours == 0 {
				t.Fatalf("%d entities with %d relations and %d neighbours: the query did not exercise the loaders", len(out.Entities.Nodes), rels, neighbours)
			}
			total := 0
			for _, v := range calls {
				total += v
			}
			t.Logf("%d entities, %d relations, %d neighbours: store calls %v", n, rels, neighbours, calls)
			// One FindEntities; one RelationsOf (relations, neighbors,
			// documents and evidence share the default filter, and the
			// list primes it); one Entities for all ends and neighbours
			// (the fetched relations prime them); Degrees for the list,
			// and maybe again for the neighbours if the first batch left
			// before the relations came; Documents likewise. Unbatched,
			// this query makes more than 5 calls per entity.
			if calls["FindEntities"] != 1 || calls["Entity"] != 0 {
				t.Errorf("FindEntities %d, Entity %d: want 1 and 0", calls["FindEntities"], calls["Entity"])
			}
			for _, m := range []string{"Entities", "RelationsOf", "Degrees", "Documents"} {
				if calls[m] == 0 || calls[m] > 2 {
					t.Errorf("%s called %d times, want 1 or 2 whatever the list size", m, calls[m])
				}
			}
			if total > 8 {
				t.Errorf("%d store calls for %d entities, want at most 8", total, n)
			}
		})
	}
}

// Loaders live for one operation: a Replace between two operations is
// seen by the second.
func TestLoadersDoNotOutliveTheOperation(t *testing.T) {
	st := fixtureStore(t)
	c := newClient(t, st)
	q := `{ entities(first: 500) { nodes { degree } } }`
	var before, after struct {
		Entities struct{ Nodes []struct{ Degree int } }
	}
	post(t, c, q, &before)
	if err := st.Replace(context.Background(), &graph.Graph{Entities: []graph.Entity{{ID: "region-x", Name: "x", Kind: graph.Region}}}); err != nil {
		t.Fatal(err)
	}
	post(t, c, q, &after)
	if len(before.Entities.Nodes) != 18 || len(after.Entities.Nodes) != 1 || after.Entities.Nodes[0].Degree != 0 {
		t.Errorf("before %d entities, after %d (%+v): the second operation did not see the new graph", len(before.Entities.Nodes), len(after.Entities.Nodes), after.Entities.Nodes)
	}
}
