package loader

import (
	"math"
	"sort"

	"github.com/collabgraph/collabgraph/internal/fold"

	"github.com/collabgraph/collabgraph/graph"
)

// assemble merges the documents' extractions into one graph: one entity per
// kind and canonical name, one relation per kind and ends (a symmetric kind
// with its ends ordered by id), evidence deduplicated, everything sorted so
// that the output does not depend on file order.
func assemble(xs []*extraction) *graph.Graph {
	g := &graph.Graph{
		Documents: []graph.Document{},
		Entities:  []graph.Entity{},
		Relations: []graph.Relation{},
		Errors:    []graph.LoadError{},
	}
	type entAcc struct {
		e       graph.Entity
		aliases map[string]bool
		written map[string]bool
	}
	ents := map[string]*entAcc{}
	addEntity := func(e *entity) string {
		id := graph.EntityID(e.Kind, e.Name)
		a, ok := ents[id]
		if !ok {
			a = &entAcc{e: graph.Entity{ID: id, Name: e.Name, Kind: e.Kind, Level: e.Level, Code: e.Code}, aliases: map[string]bool{}, written: map[string]bool{}}
			ents[id] = a
		}
		for w := range e.written {
			a.written[w] = true
		}
		for al := range e.aliases {
			if al != e.Name {
				a.aliases[al] = true
			}
		}
		return id
	}
	type relAcc struct {
		r    graph.Relation
		seen map[evKey]bool
	}
	rels := map[string]*relAcc{}
	years := map[string]int{}
	for _, x := range xs {
		g.Documents = append(g.Documents, x.doc)
		years[x.doc.ID] = x.doc.Year()
		for _, e := range x.entities {
			addEntity(e)
		}
		// One evidence per relation, document and status: the first place
		// (a repeated passage adds nothing; a later place that says
		// something else is kept).
		first := map[evKey]bool{}
		for _, f := range x.facts {
			from, to := addEntity(f.From), addEntity(f.To)
			if f.Kind.Symmetric() && to < from {
				from, to = to, from
			}
			id := graph.RelationID(f.Kind, from, to)
			k := evKey{id, x.doc.ID, f.Status}
			if first[k] {
				continue
			}
			first[k] = true
			a, ok := rels[id]
			if !ok {
				a = &relAcc{r: graph.Relation{ID: id, Kind: f.Kind, From: from, To: to}, seen: map[evKey]bool{}}
				rels[id] = a
			}
			a.r.Evidence = append(a.r.Evidence, graph.Evidence{
				Document:   x.doc.ID,
				Text:       string(x.original[f.Start:f.End]),
				Start:      f.Start,
				End:        f.End,
				Status:     f.Status,
				Source:     f.rule,
				Confidence: roundConfidence(f.confidence),
			})
		}
	}
	for _, a := range ents {
		if name := shownName(a.written); name != "" && name != a.e.Name {
			// The id stays the folded name's, so it is the same whichever
			// script a document used; the name shown is one as written.
			a.aliases[a.e.Name] = true
			a.e.Name = name
		}
		for w := range a.written {
			if w != a.e.Name {
				a.aliases[w] = true
			}
		}
		delete(a.aliases, a.e.Name)
		a.e.Aliases = make([]string, 0, len(a.aliases))
		for al := range a.aliases {
			a.e.Aliases = append(a.e.Aliases, al)
		}
		sort.Strings(a.e.Aliases)
		g.Entities = append(g.Entities, a.e)
	}
	for _, a := range rels {
		r := a.r
		sort.Slice(r.Evidence, func(i, j int) bool {
			x, y := r.Evidence[i], r.Evidence[j]
			if x.Document != y.Document {
				return x.Document < y.Document
			}
			if x.Start != y.Start {
				return x.Start < y.Start
			}
			return x.Status < y.Status
		})
		r.Status = graph.Planned
		for _, ev := range r.Evidence {
			if ev.Status == graph.Established {
				r.Status = graph.Established
			}
			// A relation is as certain as its surest statement.
			if ev.Confidence > r.Confidence || r.Source == "" {
				r.Confidence, r.Source = max(r.Confidence, ev.Confidence), ev.Source
			}
		}
		// The year it became what it is: the earliest dated document that
		// states it with the relation's status.
		for _, ev := range r.Evidence {
			if y := years[ev.Document]; y > 0 && ev.Status == r.Status && (r.Year == 0 || y < r.Year) {
				r.Year = y
			}
		}
		g.Relations = append(g.Relations, r)
	}
	sort.Slice(g.Documents, func(i, j int) bool { return g.Documents[i].ID < g.Documents[j].ID })
	sort.Slice(g.Entities, func(i, j int) bool { return g.Entities[i].ID < g.Entities[j].ID })
	sort.Slice(g.Relations, func(i, j int) bool { return g.Relations[i].ID < g.Relations[j].ID })
	return g
}

// shownName picks the spelling of a name to show among those written: the
// one folding changes least (simplified script over traditional), then the
// first in order; "" when there is none.
func shownName(written map[string]bool) string {
	best, bestChanged := "", 0
	for w := range written {
		c := fold.Changed(w)
		if best == "" || c < bestChanged || (c == bestChanged && w < best) {
			best, bestChanged = w, c
		}
	}
	return best
}

// roundConfidence keeps three decimals: more is noise, and fewer digits
// keep exports stable across platforms' last-bit differences.
func roundConfidence(c float64) float64 { return math.Round(c*1000) / 1000 }

type evKey struct {
	rel, doc string
	status   graph.Status
}
