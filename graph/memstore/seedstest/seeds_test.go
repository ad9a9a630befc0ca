// Package seedstest loads the five seed documents with the real loader into
// a memstore and checks the answers the seeds are known to give, as a
// smoke test of loader and store together, and times queries at corpus
// size. It holds only tests, so a loader in the middle of a change never
// stops graph/memstore itself from building.
package seedstest

import (
	"context"
	"slices"
	"sync"
	"testing"

	"github.com/collabgraph/collabgraph/graph"
	"github.com/collabgraph/collabgraph/graph/memstore"
	"github.com/collabgraph/collabgraph/loader"
)

var (
	seedsOnce  sync.Once
	seedsStore *memstore.Store
	seedsErr   error
)

func store(tb testing.TB) *memstore.Store {
	tb.Helper()
	seedsOnce.Do(func() {
		g, err := loader.Load("../../../seeds")
		if err != nil {
			seedsErr = err
			return
		}
		seedsStore = memstore.New()
		seedsErr = seedsStore.Replace(context.Background(), g)
	})
	if seedsErr != nil {
		tb.Fatalf("loading seeds: %v", seedsErr)
	}
	return seedsStore
}

// byName finds the entity of kind named exactly name.
func byName(tb testing.TB, s graph.Store, kind graph.Kind, name string) *graph.Entity {
	tb.Helper()
	page, err := s.FindEntities(context.Background(), graph.EntityFilter{Kinds: []graph.Kind{kind}, Search: name}, 0, "")
	if err != nil {
		tb.Fatal(err)
	}
	for _, e := range page.Entities {
		if e.Name == name {
			return e
		}
	}
	tb.Fatalf("seeds have no %s named %s", kind, name)
	return nil
}

func names(es []*graph.Entity) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Name
	}
	return out
}

func TestSeeds(t *testing.T) {
	ctx := context.Background()
	s := store(t)
	xinchang := byName(t, s, graph.Region, "新昌县")
	xihu := byName(t, s, graph.Region, "西湖区")

	t.Run("enclave_tie", func(t *testing.T) {
		// seeds/004: 新昌 runs a 科创飞地 in 西湖区, which ties the two regions.
		ties, err := s.Cooperation(ctx, graph.CooperationQuery{Regions: []string{xinchang.ID, xihu.ID}, Via: []graph.Kind{graph.Enclave}})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, c := range ties {
			if c.Via != nil && c.Via.Name == "新昌县科创飞地(西湖区)" {
				found = true
				var kinds []graph.RelationKind
				for _, r := range c.Relations {
					kinds = append(kinds, r.Kind)
					if len(r.Evidence) == 0 || r.Evidence[0].Document != "004_e2e9d89b10e5a6e1" {
						t.Errorf("relation %s of the tie has evidence %+v, want seeds/004", r.ID, r.Evidence)
					}
				}
				slices.Sort(kinds)
				if !slices.Equal(kinds, []graph.RelationKind{graph.LocatedIn, graph.Operates}) {
					t.Errorf("tie via the enclave made of %v, want LOCATED_IN and OPERATES", kinds)
				}
			}
		}
		if !found {
			t.Errorf("no tie 新昌县–西湖区 via 新昌县科创飞地(西湖区) in %d ties", len(ties))
		}
	})
	t.Run("enclaves", func(t *testing.T) {
		got, err := s.Enclaves(ctx, xinchang.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"新昌县科创飞地(西湖区)", "新昌县科创飞地(滨江区)"} {
			if !slices.Contains(names(got), want) {
				t.Errorf("Enclaves(新昌县) = %q, missing %s", names(got), want)
			}
		}
	})
	t.Run("search", func(t *testing.T) {
		for q, want := range map[string]string{"臨平": "临平区", "xinchang": "新昌县", "浙大": "浙江大学"} {
			page, err := s.FindEntities(ctx, graph.EntityFilter{Search: q}, 0, "")
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Contains(names(page.Entities), want) {
				t.Errorf("search %q = %q, missing %s", q, names(page.Entities), want)
			}
		}
	})
	t.Run("paths", func(t *testing.T) {
		paths, err := s.Paths(ctx, graph.PathQuery{From: xinchang.ID, To: xihu.ID, MaxHops: 4})
		if err != nil {
			t.Fatal(err)
		}
		if len(paths) == 0 || len(paths[0].Relations) != 2 {
			t.Errorf("Paths(新昌县 → 西湖区): %d paths, want some of 2 hops (through the enclave)", len(paths))
		}
	})
	t.Run("stats", func(t *testing.T) {
		st, err := s.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if st.Documents != 5 || len(st.TopByDegree) == 0 || len(st.TopByBetweenness) == 0 {
			t.Errorf("Stats = %+v", st)
		}
	})
}

func BenchmarkSeeds(b *testing.B) {
	ctx := context.Background()
	s := store(b)
	xinchang := byName(b, s, graph.Region, "新昌县").ID
	xihu := byName(b, s, graph.Region, "西湖区").ID
	linping := byName(b, s, graph.Region, "临平区").ID
	run := func(name string, f func() error) {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if err := f(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	run("Entity", func() error { _, err := s.Entity(ctx, xinchang); return err })
	run("NeighborhoodDepth2", func() error {
		_, err := s.Neighborhood(ctx, graph.NeighborhoodQuery{Center: xinchang, Depth: 2, Limit: 200})
		return err
	})
	run("Paths", func() error {
		_, err := s.Paths(ctx, graph.PathQuery{From: linping, To: xihu, MaxHops: graph.MaxHopsCap})
		return err
	})
	run("Cooperation/one", func() error {
		_, err := s.Cooperation(ctx, graph.CooperationQuery{Regions: []string{xinchang}})
		return err
	})
	run("Cooperation/pair", func() error {
		_, err := s.Cooperation(ctx, graph.CooperationQuery{Regions: []string{xinchang, xihu}})
		return err
	})
	run("FindEntitiesSearch", func() error {
		_, err := s.FindEntities(ctx, graph.EntityFilter{Search: "xinchang"}, 20, "")
		return err
	})
	g, err := loader.Load("../../../seeds")
	if err != nil {
		b.Fatal(err)
	}
	// Replace alone: indexes, search keys; betweenness follows in the
	// background and is not timed.
	run("Replace", func() error { return memstore.New().Replace(ctx, g) })
}
