package graph

import (
	"math"
	"testing"
)

func TestBetweenness(t *testing.T) {
	// A path a-b-c-d: b and c each lie on two of the three pairs of others.
	g := &Graph{
		Entities: []Entity{{ID: "a"}, {ID: "b"}, {ID: "c"}, {ID: "d"}, {ID: "lonely"}},
		Relations: []Relation{
			{From: "a", To: "b"}, {From: "c", To: "b"}, {From: "c", To: "d"},
			{From: "b", To: "c"}, // a second relation between b and c changes nothing
		},
	}
	got := Betweenness(g)
	// n=5: pairs of others = (5-1)(5-2)/2 = 6; b lies on a-c, a-d.
	want := map[string]float64{"a": 0, "b": 2.0 / 6, "c": 2.0 / 6, "d": 0, "lonely": 0}
	for id, w := range want {
		if math.Abs(got[id]-w) > 1e-9 {
			t.Errorf("Betweenness[%s] = %v, want %v", id, got[id], w)
		}
	}
}
