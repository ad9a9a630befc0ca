package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/collabgraph/collabgraph/graph"
	"github.com/collabgraph/collabgraph/graph/memstore"
	"github.com/collabgraph/collabgraph/graph/synth"
	"github.com/collabgraph/collabgraph/loader"
	"github.com/collabgraph/collabgraph/server"
)

// benchTarget is a server over a loaded store and the ids to ask about.
type benchTarget struct {
	name     string
	srv      *server.Server
	entity   string   // a typical entity
	center   string   // neighbourhood centre
	from, to string   // two regions for paths
	regions  []string // a pair of tied regions
}

var (
	synthOnce   sync.Once
	synthTarget *benchTarget
)

// The synthetic graph: 100,000 entities and 1,000,000 relations
// (graph/synth), built once per process.
const synthEntities, synthRelations = 100_000, 1_000_000

func seedsTarget(b *testing.B) *benchTarget {
	g, err := loader.Load("../seeds")
	if err != nil {
		b.Fatal(err)
	}
	st := memstore.New()
	if err := st.Replace(context.Background(), g); err != nil {
		b.Fatal(err)
	}
	srv := server.New(server.Options{Store: st})
	srv.MarkLoaded(g, 0)
	id := func(k graph.Kind, name string) string { return graph.EntityID(k, name) }
	return &benchTarget{
		name: "seeds", srv: srv,
		entity: id(graph.Region, "新昌县"), center: id(graph.Region, "临平区"),
		from: id(graph.Region, "新昌县"), to: id(graph.Institution, "西湖大学"),
		regions: []string{id(graph.Region, "杭州市"), id(graph.Region, "新昌县")},
	}
}

func synthTargetOnce(b *testing.B) *benchTarget {
	synthOnce.Do(func() {
		ctx := context.Background()
		g := synth.Generate(synthEntities, synthRelations, 1)
		st := memstore.New()
		if err := st.Replace(ctx, g); err != nil {
			panic(err)
		}
		ids := make([]string, len(g.Entities))
		for i, e := range g.Entities {
			ids[i] = e.ID
		}
		degs, err := st.Degrees(ctx, ids)
		if err != nil {
			panic(err)
		}
		order := make([]int, len(ids))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, c int) int { return degs[a] - degs[c] })
		var regions []int
		for i, e := range g.Entities {
			if e.Kind == graph.Region {
				regions = append(regions, i)
			}
		}
		slices.SortStableFunc(regions, func(a, c int) int { return degs[c] - degs[a] })
		hub := ids[regions[0]]
		ties, err := st.Cooperation(ctx, graph.CooperationQuery{Regions: []string{hub}})
		if err != nil || len(ties) == 0 {
			panic(fmt.Sprintf("no ties of the hub region: %v", err))
		}
		srv := server.New(server.Options{Store: st})
		srv.MarkLoaded(g, 0)
		synthTarget = &benchTarget{
			name: "synth100k-1M", srv: srv,
			// The median-degree entity: a typical lookup and centre.
			entity: ids[order[len(order)/2]], center: ids[order[len(order)/2]],
			from: ids[regions[len(regions)/3]], to: ids[regions[2*len(regions)/3]],
			regions: []string{hub, ties[len(ties)/2].B.ID},
		}
	})
	return synthTarget
}

// benchQueries are the operations timed, with the variables they take
// from a target. The selections are what the web page and a client ask.
var benchQueries = []struct {
	name  string
	query string
	vars  func(t *benchTarget) map[string]any
}{
	{"entity", `query Entity($id: ID!) { entity(id: $id) { id name kind } }`,
		func(t *benchTarget) map[string]any { return map[string]any{"id": t.entity} }},
	{"neighborhood-depth2", `query Hood($c: ID!) { neighborhood(center: $c, depth: 2, limit: 200) {
		entities { id name kind } relations { id kind status from { id } to { id } } truncated } }`,
		func(t *benchTarget) map[string]any { return map[string]any{"c": t.center} }},
	{"paths", `query Paths($a: ID!, $b: ID!) { paths(from: $a, to: $b, maxHops: 6) {
		length entities { id name } relations { kind } } }`,
		func(t *benchTarget) map[string]any { return map[string]any{"a": t.from, "b": t.to} }},
	{"cooperation-pair", `query Coop($r: [ID!]!) { cooperation(regions: $r) {
		a { id } b { id } via { id name kind } relations { kind status } } }`,
		func(t *benchTarget) map[string]any { return map[string]any{"r": t.regions} }},
}

// BenchmarkQuery times each query through the whole HTTP handler in
// process (limits, gqlgen, resolvers, loaders, JSON), on the seeds and on
// the synthetic graph. Besides ns/op it reports the p50 and p99 of the
// iterations in µs.
//
//	go test -run '^$' -bench Query -benchtime 2s ./server/
func BenchmarkQuery(b *testing.B) {
	for _, target := range []struct {
		name string
		mk   func(*testing.B) *benchTarget
	}{{"seeds", seedsTarget}, {"synth100k-1M", synthTargetOnce}} {
		b.Run(target.name, func(b *testing.B) {
			t := target.mk(b) // only when the -bench pattern selects it
			benchQueriesOn(b, t)
		})
	}
}

func benchQueriesOn(b *testing.B, t *benchTarget) {
	{
		for _, q := range benchQueries {
			b.Run(q.name, func(b *testing.B) {
				body, _ := json.Marshal(map[string]any{"query": q.query, "variables": q.vars(t)})
				// Check the answer once, outside the timing.
				rec := httptest.NewRecorder()
				t.srv.ServeHTTP(rec, newPost(body))
				if rec.Code != 200 || bytes.Contains(rec.Body.Bytes(), []byte(`"errors"`)) {
					b.Fatalf("%s: %d %.300s", q.name, rec.Code, rec.Body.Bytes())
				}
				var took []time.Duration
				for b.Loop() {
					rec := httptest.NewRecorder()
					start := time.Now()
					t.srv.ServeHTTP(rec, newPost(body))
					took = append(took, time.Since(start))
				}
				sort.Slice(took, func(i, j int) bool { return took[i] < took[j] })
				b.ReportMetric(float64(took[len(took)/2].Microseconds()), "p50-µs")
				b.ReportMetric(float64(took[len(took)*99/100].Microseconds()), "p99-µs")
				b.ReportMetric(float64(rec.Body.Len()), "resp-bytes")
			})
		}
	}
}

func newPost(body []byte) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	return r
}
