package synth

import (
	"reflect"
	"testing"

	"github.com/collabgraph/collabgraph/graph"
)

func TestGenerate(t *testing.T) {
	g := Generate(2000, 20000, 7)
	if len(g.Entities) != 2000 || len(g.Relations) != 20000 {
		t.Fatalf("Generate(2000, 20000): %d entities, %d relations", len(g.Entities), len(g.Relations))
	}
	kinds := map[graph.Kind]int{}
	ids := map[string]bool{}
	for _, e := range g.Entities {
		kinds[e.Kind]++
		if ids[e.ID] {
			t.Fatalf("entity id %s twice", e.ID)
		}
		ids[e.ID] = true
		if e.ID != graph.EntityID(e.Kind, e.Name) {
			t.Fatalf("entity %s: id not graph.EntityID", e.Name)
		}
	}
	for _, k := range graph.Kinds {
		if kinds[k] == 0 {
			t.Errorf("no entity of kind %s", k)
		}
	}
	rels := map[graph.RelationKind]int{}
	degree := map[string]int{}
	relIDs := map[string]bool{}
	docs := map[string]bool{}
	for _, d := range g.Documents {
		docs[d.ID] = true
	}
	for _, r := range g.Relations {
		rels[r.Kind]++
		if !ids[r.From] || !ids[r.To] || r.From == r.To {
			t.Fatalf("relation %s joins %s and %s", r.ID, r.From, r.To)
		}
		if relIDs[r.ID] {
			t.Fatalf("relation id %s twice", r.ID)
		}
		relIDs[r.ID] = true
		if len(r.Evidence) == 0 || !docs[r.Evidence[0].Document] || r.Year < 2015 || !r.Status.Valid() {
			t.Fatalf("relation %s has bad evidence, year or status: %+v", r.ID, r)
		}
		degree[r.From]++
		degree[r.To]++
	}
	for _, k := range graph.RelationKinds {
		if rels[k] == 0 {
			t.Errorf("no relation of kind %s", k)
		}
	}
	// Heavy tail: the largest degree is far above the mean of 20.
	top := 0
	for _, d := range degree {
		top = max(top, d)
	}
	if top < 100 {
		t.Errorf("largest degree %d; preferential attachment should give hubs of 5× the mean", top)
	}
	// Every region but the provinces is part of another.
	partOf := map[string]bool{}
	for _, r := range g.Relations {
		if r.Kind == graph.PartOf {
			partOf[r.From] = true
		}
	}
	for _, e := range g.Entities {
		if e.Kind == graph.Region && e.Level != "province" && !partOf[e.ID] {
			t.Errorf("region %s (%s) is part of nothing", e.Name, e.Level)
		}
	}
}

func TestGenerateDeterministic(t *testing.T) {
	a, b := Generate(500, 3000, 42), Generate(500, 3000, 42)
	if !reflect.DeepEqual(a, b) {
		t.Error("Generate with one seed gave two graphs")
	}
	if c := Generate(500, 3000, 43); reflect.DeepEqual(a.Relations, c.Relations) {
		t.Error("Generate with two seeds gave one graph")
	}
}

func TestGenerateTiny(t *testing.T) {
	g := Generate(3, 1000, 1)
	// Three entities cannot hold 1000 distinct relations: it must still end.
	if len(g.Entities) != 3 || len(g.Relations) == 0 || len(g.Relations) >= 1000 {
		t.Errorf("Generate(3, 1000): %d entities, %d relations", len(g.Entities), len(g.Relations))
	}
	if g := Generate(0, 0, 1); len(g.Entities) != 0 || len(g.Relations) != 0 {
		t.Errorf("Generate(0, 0) not empty")
	}
}
