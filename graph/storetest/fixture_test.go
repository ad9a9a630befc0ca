package storetest

import (
	"testing"

	"github.com/collabgraph/collabgraph/graph"
)

// TestFixture checks the fixture covers what the checks rely on and keeps
// the model's own rules, so a wrong expectation cannot hide in it.
func TestFixture(t *testing.T) {
	g := Fixture()
	kinds := map[graph.Kind]bool{}
	ids := map[string]bool{}
	for _, e := range g.Entities {
		kinds[e.Kind] = true
		ids[e.ID] = true
		if e.ID != graph.EntityID(e.Kind, e.Name) {
			t.Errorf("entity %s: id %s is not graph.EntityID", e.Name, e.ID)
		}
	}
	for _, k := range graph.Kinds {
		if !kinds[k] {
			t.Errorf("no entity of kind %s", k)
		}
	}
	rkinds := map[graph.RelationKind]bool{}
	statuses := map[graph.Status]bool{}
	docs := map[string]int{}
	for _, d := range g.Documents {
		docs[d.ID] = d.Year()
	}
	for _, r := range g.Relations {
		rkinds[r.Kind] = true
		statuses[r.Status] = true
		if !ids[r.From] || !ids[r.To] {
			t.Errorf("relation %s has an end that is no entity", r.ID)
		}
		if r.ID != graph.RelationID(r.Kind, r.From, r.To) {
			t.Errorf("relation %s: id is not graph.RelationID", r.ID)
		}
		if r.Kind.Symmetric() && r.To < r.From {
			t.Errorf("symmetric relation %s is not stored with From < To", r.ID)
		}
		earliest := 0
		established := false
		for _, ev := range r.Evidence {
			if ev.End-ev.Start != len([]rune(ev.Text)) {
				t.Errorf("relation %s: evidence offsets %d..%d do not span %q", r.ID, ev.Start, ev.End, ev.Text)
			}
			y, ok := docs[ev.Document]
			if !ok {
				t.Errorf("relation %s cites unknown document %s", r.ID, ev.Document)
			}
			if ev.Status == graph.Established {
				established = true
			}
			if ev.Status == r.Status && (earliest == 0 || y < earliest) {
				earliest = y
			}
		}
		// docs/ontology.md: ESTABLISHED when any evidence says so; the year
		// of the earliest document stating the relation's status.
		if established != (r.Status == graph.Established) || r.Year != earliest {
			t.Errorf("relation %s: status %s year %d disagree with its evidence", r.ID, r.Status, r.Year)
		}
	}
	for _, k := range graph.RelationKinds {
		if !rkinds[k] {
			t.Errorf("no relation of kind %s", k)
		}
	}
	if !statuses[graph.Planned] || !statuses[graph.Established] {
		t.Error("the fixture lacks one of the statuses")
	}
	if len(g.Entities) != 18 || len(g.Relations) != 25 || len(g.Documents) != 2 || len(g.Errors) != 1 {
		t.Errorf("fixture has %d entities, %d relations, %d documents, %d errors; the checks expect 18, 25, 2, 1",
			len(g.Entities), len(g.Relations), len(g.Documents), len(g.Errors))
	}
}
