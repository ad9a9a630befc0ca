package memstore_test

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/collabgraph/collabgraph/graph"
	"github.com/collabgraph/collabgraph/graph/memstore"
	"github.com/collabgraph/collabgraph/graph/storetest"
	"github.com/collabgraph/collabgraph/graph/synth"
)

// benchGraph is a loaded store and the queries to time on it.
type benchGraph struct {
	name     string
	store    *memstore.Store
	entity   string   // any entity
	center   string   // a typical entity: median degree
	from, to string   // two regions far apart
	regions  []string // the best-connected region, then one tied to it
	search   string
}

var (
	synthOnce  sync.Once
	synthGraph *benchGraph
)

// The synthetic graph's size; go test -bench runs each benchmark in one
// process, so it is built once.
const synthEntities, synthRelations = 100_000, 1_000_000

func fixtureBench(b *testing.B) *benchGraph {
	s := memstore.New()
	if err := s.Replace(context.Background(), storetest.Fixture()); err != nil {
		b.Fatal(err)
	}
	return &benchGraph{
		name: "fixture", store: s, entity: storetest.ID("新昌县"), center: storetest.ID("新昌县"),
		from: storetest.ID("临平区科创飞地(未来科技城)"), to: storetest.ID("西湖大学"),
		regions: []string{storetest.ID("新昌县"), storetest.ID("西湖区")}, search: "xinchang",
	}
}

func synthBench(b *testing.B) *benchGraph {
	synthOnce.Do(func() {
		ctx := context.Background()
		t0 := time.Now()
		g := synth.Generate(synthEntities, synthRelations, 1)
		gen := time.Since(t0)
		s := memstore.New()
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		t0 = time.Now()
		if err := s.Replace(ctx, g); err != nil {
			panic(err)
		}
		replace := time.Since(t0)
		runtime.GC()
		runtime.ReadMemStats(&after)
		t0 = time.Now()
		if _, err := s.Stats(ctx); err != nil {
			panic(err)
		}
		stats := time.Since(t0)
		// The generated graph is still live here (g below), so the heap
		// growth across Replace is the store's own indexes.
		fmt.Printf("synthetic %d entities, %d relations: generate %v, Replace %v, first Stats %v, store heap %d MB (total heap %d MB)\n",
			len(g.Entities), len(g.Relations), gen.Round(time.Millisecond), replace.Round(time.Millisecond), stats.Round(time.Millisecond),
			(after.HeapAlloc-before.HeapAlloc)>>20, after.HeapAlloc>>20)

		degs, _ := s.Degrees(ctx, idsOf(g))
		bg := &benchGraph{name: "synthetic", store: s, entity: g.Entities[len(g.Entities)/2].ID}
		// Median degree entity as the neighbourhood centre.
		order := make([]int, len(degs))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, c int) int { return degs[a] - degs[c] })
		bg.center = g.Entities[order[len(order)/2]].ID
		var regions []int
		for i, e := range g.Entities {
			if e.Kind == graph.Region {
				regions = append(regions, i)
			}
		}
		slices.SortStableFunc(regions, func(a, c int) int { return degs[c] - degs[a] })
		hub := g.Entities[regions[0]].ID
		// The pair: the hub and a region tied to it, so the pair query has
		// ties to list.
		ties, err := s.Cooperation(ctx, graph.CooperationQuery{Regions: []string{hub}})
		if err != nil || len(ties) == 0 {
			panic(fmt.Sprintf("no ties of the hub region: %v", err))
		}
		bg.regions = []string{hub, ties[len(ties)/2].B.ID}
		bg.from, bg.to = g.Entities[regions[len(regions)/3]].ID, g.Entities[regions[2*len(regions)/3]].ID
		bg.search = "xinchang"
		synthGraph = bg
		runtime.KeepAlive(g)
	})
	return synthGraph
}

func idsOf(g *graph.Graph) []string {
	ids := make([]string, len(g.Entities))
	for i, e := range g.Entities {
		ids[i] = e.ID
	}
	return ids
}

func eachGraph(b *testing.B, f func(b *testing.B, bg *benchGraph)) {
	for _, mk := range []func(*testing.B) *benchGraph{fixtureBench, synthBench} {
		bg := mk(b)
		b.Run(bg.name, func(b *testing.B) { f(b, bg) })
	}
}

func BenchmarkEntity(b *testing.B) {
	eachGraph(b, func(b *testing.B, bg *benchGraph) {
		ctx := context.Background()
		for b.Loop() {
			if _, err := bg.store.Entity(ctx, bg.entity); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkRelationsOf(b *testing.B) {
	eachGraph(b, func(b *testing.B, bg *benchGraph) {
		ctx := context.Background()
		f := graph.RelationFilter{Direction: graph.Out, Status: graph.Established}
		for b.Loop() {
			if _, err := bg.store.RelationsOf(ctx, []string{bg.center}, f); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkNeighborhoodDepth2(b *testing.B) {
	eachGraph(b, func(b *testing.B, bg *benchGraph) {
		for _, limit := range []int{200, 0} {
			b.Run(fmt.Sprintf("limit=%d", limit), func(b *testing.B) {
				ctx := context.Background()
				var n int
				for b.Loop() {
					sg, err := bg.store.Neighborhood(ctx, graph.NeighborhoodQuery{Center: bg.center, Depth: 2, Limit: limit})
					if err != nil {
						b.Fatal(err)
					}
					n = len(sg.Entities) + len(sg.Relations)
				}
				b.ReportMetric(float64(n), "items/op")
			})
		}
	})
}

func BenchmarkPaths(b *testing.B) {
	eachGraph(b, func(b *testing.B, bg *benchGraph) {
		ctx := context.Background()
		var n int
		for b.Loop() {
			ps, err := bg.store.Paths(ctx, graph.PathQuery{From: bg.from, To: bg.to, MaxHops: graph.MaxHopsCap})
			if err != nil {
				b.Fatal(err)
			}
			n = len(ps)
		}
		b.ReportMetric(float64(n), "paths/op")
	})
}

func BenchmarkCooperation(b *testing.B) {
	eachGraph(b, func(b *testing.B, bg *benchGraph) {
		for _, tc := range []struct {
			name    string
			regions []string
		}{{"one", bg.regions[:1]}, {"pair", bg.regions}} {
			b.Run(tc.name, func(b *testing.B) {
				ctx := context.Background()
				var n int
				for b.Loop() {
					ties, err := bg.store.Cooperation(ctx, graph.CooperationQuery{Regions: tc.regions})
					if err != nil {
						b.Fatal(err)
					}
					n = len(ties)
				}
				b.ReportMetric(float64(n), "ties/op")
			})
		}
	})
}

func BenchmarkFindEntitiesSearch(b *testing.B) {
	eachGraph(b, func(b *testing.B, bg *benchGraph) {
		ctx := context.Background()
		var n int
		for b.Loop() {
			page, err := bg.store.FindEntities(ctx, graph.EntityFilter{Search: bg.search}, 20, "")
			if err != nil {
				b.Fatal(err)
			}
			n = page.TotalCount
		}
		b.ReportMetric(float64(n), "matches")
	})
}

func BenchmarkFindEntitiesKind(b *testing.B) {
	eachGraph(b, func(b *testing.B, bg *benchGraph) {
		ctx := context.Background()
		for b.Loop() {
			if _, err := bg.store.FindEntities(ctx, graph.EntityFilter{Kinds: []graph.Kind{graph.Region}}, 20, ""); err != nil {
				b.Fatal(err)
			}
		}
	})
}
