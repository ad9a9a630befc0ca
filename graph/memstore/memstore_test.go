package memstore_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/collabgraph/collabgraph/graph"
	"github.com/collabgraph/collabgraph/graph/memstore"
	"github.com/collabgraph/collabgraph/graph/storetest"
)

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) graph.Store { return memstore.New() })
}

func TestNewIsEmpty(t *testing.T) {
	ctx := context.Background()
	s := memstore.New()
	page, err := s.FindEntities(ctx, graph.EntityFilter{}, 0, "")
	if err != nil || page.TotalCount != 0 || len(page.Entities) != 0 {
		t.Errorf("New().FindEntities = %+v, %v; want empty", page, err)
	}
	if _, err := s.Entity(ctx, storetest.ID("新昌县")); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("New().Entity: %v, want ErrNotFound", err)
	}
	st, err := s.Stats(ctx)
	if err != nil || st.Documents != 0 || len(st.TopByBetweenness) != 0 {
		t.Errorf("New().Stats = %+v, %v", st, err)
	}
	if err := s.Ready(ctx); err != nil {
		t.Errorf("Ready: %v", err)
	}
}

func TestErrorMessages(t *testing.T) {
	ctx := context.Background()
	s := memstore.New()
	_, err := s.Entity(ctx, "x")
	if got, want := fmt.Sprint(err), `memstore: entity "x": not found`; got != want {
		t.Errorf("Entity error %q, want %q", got, want)
	}
	_, err = s.Relation(ctx, "rel-x")
	if got, want := fmt.Sprint(err), `memstore: relation "rel-x": not found`; got != want {
		t.Errorf("Relation error %q, want %q", got, want)
	}
}

func TestReplaceRejectsBadGraphs(t *testing.T) {
	ctx := context.Background()
	dangling := storetest.Fixture()
	dangling.Relations[0].To = "region-000000000000"
	dupEntity := storetest.Fixture()
	dupEntity.Entities = append(dupEntity.Entities, dupEntity.Entities[3])
	dupRelation := storetest.Fixture()
	dupRelation.Relations = append(dupRelation.Relations, dupRelation.Relations[3])
	dupDocument := storetest.Fixture()
	dupDocument.Documents = append(dupDocument.Documents, dupDocument.Documents[0])
	cases := []struct {
		name string
		g    *graph.Graph
		want string
	}{
		{"nil", nil, "memstore: replace: nil graph"},
		{"dangling", dangling, `memstore: replace: relation "` + dangling.Relations[0].ID + `": entity "region-000000000000": not found`},
		{"duplicate_entity", dupEntity, `memstore: replace: entity "` + dupEntity.Entities[3].ID + `": duplicate id`},
		{"duplicate_relation", dupRelation, `memstore: replace: relation "` + dupRelation.Relations[3].ID + `": duplicate id`},
		{"duplicate_document", dupDocument, `memstore: replace: document "` + storetest.DocLinping + `": duplicate id`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := memstore.New()
			if err := s.Replace(ctx, storetest.Fixture()); err != nil {
				t.Fatal(err)
			}
			err := s.Replace(ctx, tc.g)
			if fmt.Sprint(err) != tc.want {
				t.Errorf("Replace error %q, want %q", err, tc.want)
			}
			// The old graph stays.
			if _, err := s.Entity(ctx, storetest.ID("新昌县")); err != nil {
				t.Errorf("after a failed Replace, Entity(新昌县): %v", err)
			}
		})
	}
}

func TestReplaceCopies(t *testing.T) {
	ctx := context.Background()
	g := storetest.Fixture()
	s := memstore.New()
	if err := s.Replace(ctx, g); err != nil {
		t.Fatal(err)
	}
	// The caller reuses its graph; the store must not see it.
	for i := range g.Entities {
		g.Entities[i].Name = "changed"
		if len(g.Entities[i].Aliases) > 0 {
			g.Entities[i].Aliases[0] = "changed"
		}
	}
	for i := range g.Relations {
		g.Relations[i].Evidence[0].Text = "changed"
	}
	e, _ := s.Entity(ctx, storetest.ID("浙江大学"))
	if e.Name != "浙江大学" || e.Aliases[0] != "浙大" {
		t.Errorf("store changed with its input: %+v", e)
	}
	r, _ := s.Relation(ctx, storetest.RelationID("新昌县 OPERATES 新昌县科创飞地(西湖区)"))
	if r.Evidence[0].Text != "已在杭州西湖区建成科创飞地" {
		t.Errorf("store changed with its input: %+v", r)
	}
}

// TestConcurrentReplace reads while another goroutine swaps two graphs;
// each answer must come wholly from one of them. Run it with -race.
func TestConcurrentReplace(t *testing.T) {
	ctx := context.Background()
	s := memstore.New()
	fixture := storetest.Fixture()
	other := &graph.Graph{Entities: []graph.Entity{fixture.Entities[0], fixture.Entities[1]}}
	if err := s.Replace(ctx, fixture); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < 200; i++ {
			g := fixture
			if i%2 == 0 {
				g = other
			}
			if err := s.Replace(ctx, g); err != nil {
				t.Error(err)
				return
			}
		}
		close(stop)
	}()
	xinchang, xihu := storetest.ID("新昌县"), storetest.ID("西湖区")
	for r := 0; r < 4; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				page, err := s.FindEntities(ctx, graph.EntityFilter{}, 0, "")
				if err != nil || (page.TotalCount != 18 && page.TotalCount != 2) || page.TotalCount != len(page.Entities) {
					t.Errorf("FindEntities during Replace: %d of %d, %v", len(page.Entities), page.TotalCount, err)
					return
				}
				paths, err := s.Paths(ctx, graph.PathQuery{From: xinchang, To: xihu, MaxHops: 3})
				if !(err == nil && len(paths) == 2) && !errors.Is(err, graph.ErrNotFound) {
					t.Errorf("Paths during Replace: %d paths, %v", len(paths), err)
					return
				}
				st, err := s.Stats(ctx)
				if err != nil || (st.Documents != 2 && st.Documents != 0) {
					t.Errorf("Stats during Replace: %+v, %v", st, err)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// TestSearchSkipsKeylessEntities: an entity with no name has no search
// keys; a match in the next entity's keys must be reported for that one.
func TestSearchSkipsKeylessEntities(t *testing.T) {
	ctx := context.Background()
	g := &graph.Graph{Entities: []graph.Entity{
		{ID: "a", Kind: graph.Region},
		{ID: "b", Kind: graph.Region},
		{ID: "c", Name: "新昌县", Kind: graph.Region},
	}}
	s := memstore.New()
	if err := s.Replace(ctx, g); err != nil {
		t.Fatal(err)
	}
	page, err := s.FindEntities(ctx, graph.EntityFilter{Search: "xcx"}, 0, "")
	if err != nil || len(page.Entities) != 1 || page.Entities[0].ID != "c" {
		t.Errorf("FindEntities(xcx) = %+v, %v; want only c", page, err)
	}
}
