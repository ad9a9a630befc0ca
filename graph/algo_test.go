package graph

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
)

// graphReader is the plainest Reader: a scan of a Graph value, so the
// algorithms are tested apart from any store.
type graphReader struct{ g *Graph }

func (r graphReader) Entities(_ context.Context, ids []string) ([]*Entity, error) {
	out := make([]*Entity, len(ids))
	for i, id := range ids {
		for j := range r.g.Entities {
			if r.g.Entities[j].ID == id {
				out[i] = &r.g.Entities[j]
			}
		}
	}
	return out, nil
}

func (r graphReader) RelationsOf(_ context.Context, ids []string, f RelationFilter) ([][]*Relation, error) {
	out := make([][]*Relation, len(ids))
	for i, id := range ids {
		for j := range r.g.Relations {
			rel := &r.g.Relations[j]
			if rel.From != id && rel.To != id {
				continue
			}
			if len(f.Kinds) > 0 && !slices.Contains(f.Kinds, rel.Kind) {
				continue
			}
			out[i] = append(out[i], rel)
		}
		slices.SortFunc(out[i], func(a, b *Relation) int { return strings.Compare(a.ID, b.ID) })
	}
	return out, nil
}

// grid returns a w×h grid of entities "r.c" joined to right and lower
// neighbours: between opposite corners there are C(w+h-2, w-1) shortest
// paths, a classic worst case for listing them.
func grid(w, h int) *Graph {
	g := &Graph{}
	id := func(r, c int) string { return fmt.Sprintf("%d.%d", r, c) }
	for r := 0; r < h; r++ {
		for c := 0; c < w; c++ {
			g.Entities = append(g.Entities, Entity{ID: id(r, c), Kind: Platform})
			if c+1 < w {
				g.Relations = append(g.Relations, Relation{ID: "h" + id(r, c), Kind: PartOf, From: id(r, c), To: id(r, c+1)})
			}
			if r+1 < h {
				g.Relations = append(g.Relations, Relation{ID: "v" + id(r, c), Kind: LocatedIn, From: id(r+1, c), To: id(r, c)})
			}
		}
	}
	return g
}

func TestShortestPathsGrid(t *testing.T) {
	ctx := context.Background()
	r := graphReader{grid(4, 4)}
	all, err := ShortestPaths(ctx, r, PathQuery{From: "0.0", To: "3.3", MaxHops: 6}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 20 { // C(6,3)
		t.Fatalf("%d shortest paths across a 4×4 grid, want 20", len(all))
	}
	seen := map[string]bool{}
	for _, p := range all {
		if len(p.Relations) != 6 || len(p.Entities) != 7 || p.Entities[0].ID != "0.0" || p.Entities[6].ID != "3.3" {
			t.Fatalf("bad path %v", p)
		}
		var ids []string
		for i, rel := range p.Relations {
			if rel.Other(p.Entities[i].ID) != p.Entities[i+1].ID {
				t.Fatalf("relation %s does not join %s and %s", rel.ID, p.Entities[i].ID, p.Entities[i+1].ID)
			}
			ids = append(ids, p.Entities[i+1].ID)
		}
		k := strings.Join(ids, " ")
		if seen[k] {
			t.Errorf("path %s listed twice", k)
		}
		seen[k] = true
	}
	if first := all[0]; first.Entities[1].ID != "0.1" || first.Entities[3].ID != "0.3" {
		t.Errorf("first path goes through %s, want along row 0 first (smallest ids)", first.Entities[1].ID)
	}
	some, err := ShortestPaths(ctx, r, PathQuery{From: "0.0", To: "3.3", MaxHops: 6}, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(some) != 5 {
		t.Fatalf("limit 5 gave %d paths", len(some))
	}
	for i := range some {
		if fmt.Sprint(some[i].Relations) != fmt.Sprint(all[i].Relations) {
			t.Errorf("limited path %d differs from the unlimited one", i)
		}
	}
	// The cap: a query asking for more hops than MaxHopsCap searches only
	// MaxHopsCap, so corners of an 8×8 grid (14 hops) are not joined.
	far, err := ShortestPaths(ctx, graphReader{grid(8, 8)}, PathQuery{From: "0.0", To: "7.7", MaxHops: 100}, 1)
	if err != nil || len(far) != 0 {
		t.Errorf("paths beyond MaxHopsCap: %d, %v; want none", len(far), err)
	}
	near, err := ShortestPaths(ctx, graphReader{grid(8, 8)}, PathQuery{From: "0.0", To: "3.3", MaxHops: 0}, 1)
	if err != nil || len(near) != 1 {
		t.Errorf("MaxHops 0 means the cap: %d paths, %v; want 1", len(near), err)
	}
}

func TestShortestPathsOddLength(t *testing.T) {
	// a-b-c-d-e-f in a line, plus a detour b-x-c one hop longer: the
	// searches from both ends meet at odd distance 5, and the detour must
	// not be listed.
	g := &Graph{}
	for _, id := range []string{"a", "b", "c", "d", "e", "f", "x"} {
		g.Entities = append(g.Entities, Entity{ID: id})
	}
	for _, p := range [][2]string{{"a", "b"}, {"b", "c"}, {"c", "d"}, {"d", "e"}, {"e", "f"}, {"b", "x"}, {"x", "c"}} {
		g.Relations = append(g.Relations, Relation{ID: p[0] + p[1], Kind: Joins, From: p[0], To: p[1]})
	}
	paths, err := ShortestPaths(context.Background(), graphReader{g}, PathQuery{From: "a", To: "f", MaxHops: 6}, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range paths {
		var ids []string
		for _, e := range p.Entities {
			ids = append(ids, e.ID)
		}
		got = append(got, strings.Join(ids, ""))
	}
	if want := []string{"abcdef"}; !slices.Equal(got, want) {
		t.Errorf("paths a→f = %v, want %v", got, want)
	}
	paths, _ = ShortestPaths(context.Background(), graphReader{g}, PathQuery{From: "a", To: "c", MaxHops: 6}, 0)
	if len(paths) != 1 || len(paths[0].Relations) != 2 {
		t.Errorf("paths a→c: %v, want one of 2 hops", paths)
	}
}

func TestShortestPathsUnknown(t *testing.T) {
	_, err := ShortestPaths(context.Background(), graphReader{grid(2, 2)}, PathQuery{From: "0.0", To: "9.9"}, 0)
	if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), `"9.9"`) {
		t.Errorf("unknown end: %v", err)
	}
}

func TestNeighborhoodErrors(t *testing.T) {
	ctx := context.Background()
	if _, err := Neighborhood(ctx, graphReader{grid(2, 2)}, NeighborhoodQuery{Center: "0.0", Depth: -1}); err == nil {
		t.Error("negative depth: no error")
	}
	if _, err := Neighborhood(ctx, graphReader{grid(2, 2)}, NeighborhoodQuery{Center: "9.9", Depth: 1}); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown center: %v", err)
	}
	sg, err := Neighborhood(ctx, graphReader{grid(5, 5)}, NeighborhoodQuery{Center: "0.0", Depth: 2})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range sg.Entities {
		ids = append(ids, e.ID)
	}
	if want := []string{"0.0", "0.1", "1.0", "0.2", "1.1", "2.0"}; !slices.Equal(ids, want) {
		t.Errorf("neighbourhood of a grid corner = %v, want %v", ids, want)
	}
	if len(sg.Relations) != 6 {
		t.Errorf("%d relations among the corner's neighbourhood, want 6", len(sg.Relations))
	}
}

func TestApproxBetweenness(t *testing.T) {
	g := grid(6, 5)
	exact := Betweenness(g)
	full := ApproxBetweenness(g, 0)
	for id, v := range exact {
		if math.Abs(full[id]-v) > 1e-12 {
			t.Errorf("ApproxBetweenness with every pivot [%s] = %v, Betweenness %v", id, full[id], v)
		}
	}
	// Ten of thirty pivots still rank the centre above a corner.
	some := ApproxBetweenness(g, 10)
	if some["2.2"] <= some["0.0"] {
		t.Errorf("estimate ranks centre %v not above corner %v", some["2.2"], some["0.0"])
	}
}
