package graph

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// CooperationKinds are the relation kinds that tie regions: every kind but
// PART_OF. PART_OF between regions is administrative hierarchy, not
// cooperation; counted, it would tie every district to its city and, through
// the city, to each of its siblings.
var CooperationKinds = []RelationKind{LocatedIn, Joins, Operates, CooperatesWith, Builds}

// Cooperations returns the ties among the regions of q, read from r.
//
// A tie joins two different regions A and B in one of two ways, every
// relation read in either direction and only relations of CooperationKinds
// counting:
//
//   - direct: relations between A and B themselves (Via is nil), such as
//     杭州市 COOPERATES_WITH 上海市;
//   - through one intermediary X of a kind in q.Via (all kinds when
//     empty): relations A–X and X–B, such as 新昌县 OPERATES
//     新昌县科创飞地(西湖区) LOCATED_IN 西湖区, or two regions that both JOIN
//     G60科创走廊. X may itself be a region.
//
// Longer chains do not count: an enclave located in a platform ties its
// owner to the platform's region only by two intermediaries, and is left
// out. Each tie lists every relation that makes it, ordered by id: for a
// direct tie all relations between A and B, for an intermediary all
// relations A–X and X–B.
//
// With one region, A is that region and B every other region tied to it;
// with several, only ties between two of them count, and A is the one of
// the pair with the smaller id. Ties are ordered by A, B, then Via id, a
// direct tie before those through intermediaries.
//
// An unknown region id wraps ErrNotFound; an entity that is not a REGION,
// or no regions at all, is an error. It makes five calls to r and reads
// the relations of the regions and of their neighbours of Via kinds:
// O(Σ deg(X)) over the neighbours X.
func Cooperations(ctx context.Context, r Reader, q CooperationQuery) ([]Cooperation, error) {
	if len(q.Regions) == 0 {
		return nil, errors.New("graph: cooperation: no regions")
	}
	regions := slices.Clone(q.Regions)
	slices.Sort(regions)
	regions = slices.Compact(regions)
	ents, err := r.Entities(ctx, regions)
	if err != nil {
		return nil, fmt.Errorf("graph: cooperation: %w", err)
	}
	entity := map[string]*Entity{}
	inQuery := map[string]bool{}
	for i, id := range regions {
		switch {
		case ents[i] == nil:
			return nil, fmt.Errorf("graph: cooperation: entity %q: %w", id, ErrNotFound)
		case ents[i].Kind != Region:
			return nil, fmt.Errorf("graph: cooperation: entity %q (%s) is a %s, not a %s", id, ents[i].Name, ents[i].Kind, Region)
		}
		entity[id] = ents[i]
		inQuery[id] = true
	}
	single := len(regions) == 1
	wanted := func(b string) bool { return single || inQuery[b] }

	type key struct{ a, b, via string }
	ties := map[key]map[string]*Relation{}
	add := func(a, b, via string, rels ...*Relation) {
		if !single && b < a {
			a, b = b, a
		}
		k := key{a, b, via}
		if ties[k] == nil {
			ties[k] = map[string]*Relation{}
		}
		for _, rel := range rels {
			ties[k][rel.ID] = rel
		}
	}

	filter := RelationFilter{Kinds: CooperationKinds}
	rels, err := r.RelationsOf(ctx, regions, filter)
	if err != nil {
		return nil, fmt.Errorf("graph: cooperation: %w", err)
	}
	// legs[x][a] are the relations between query region a and neighbour x.
	legs := map[string]map[string][]*Relation{}
	var neighbours []string
	for i, a := range regions {
		for _, rel := range rels[i] {
			x := rel.Other(a)
			if x == a {
				continue
			}
			if legs[x] == nil {
				legs[x] = map[string][]*Relation{}
				neighbours = append(neighbours, x)
			}
			legs[x][a] = append(legs[x][a], rel)
		}
	}
	slices.Sort(neighbours)
	nents, err := r.Entities(ctx, neighbours)
	if err != nil {
		return nil, fmt.Errorf("graph: cooperation: %w", err)
	}
	var vias []string
	for i, x := range neighbours {
		e := nents[i]
		if e == nil {
			continue
		}
		entity[x] = e
		if e.Kind == Region && wanted(x) {
			for a, rs := range legs[x] {
				add(a, x, "", rs...)
			}
		}
		if len(q.Via) == 0 || slices.Contains(q.Via, e.Kind) {
			vias = append(vias, x)
		}
	}

	vrels, err := r.RelationsOf(ctx, vias, filter)
	if err != nil {
		return nil, fmt.Errorf("graph: cooperation: %w", err)
	}
	var far []string
	farSeen := map[string]bool{}
	for i, x := range vias {
		for _, rel := range vrels[i] {
			if b := rel.Other(x); b != x && wanted(b) && !farSeen[b] && entity[b] == nil {
				farSeen[b] = true
				far = append(far, b)
			}
		}
	}
	slices.Sort(far)
	fents, err := r.Entities(ctx, far)
	if err != nil {
		return nil, fmt.Errorf("graph: cooperation: %w", err)
	}
	for i, b := range far {
		if fents[i] != nil {
			entity[b] = fents[i]
		}
	}
	for i, x := range vias {
		for _, rel := range vrels[i] {
			b := rel.Other(x)
			if b == x || !wanted(b) || entity[b] == nil || entity[b].Kind != Region {
				continue
			}
			for a, rs := range legs[x] {
				if a != b {
					add(a, b, x, append(slices.Clone(rs), rel)...)
				}
			}
		}
	}

	out := make([]Cooperation, 0, len(ties))
	for k, rs := range ties {
		c := Cooperation{A: entity[k.a], B: entity[k.b], Relations: make([]*Relation, 0, len(rs))}
		if k.via != "" {
			c.Via = entity[k.via]
		}
		for _, rel := range rs {
			c.Relations = append(c.Relations, rel)
		}
		out = append(out, c)
	}
	SortCooperations(out)
	return out, nil
}

// SortCooperations puts ties in the order Store.Cooperation promises: by A,
// B and Via id (a direct tie first), each tie's relations by id. Every
// store sorts with it so that their answers compare equal.
func SortCooperations(cs []Cooperation) {
	for _, c := range cs {
		slices.SortFunc(c.Relations, func(x, y *Relation) int { return strings.Compare(x.ID, y.ID) })
	}
	slices.SortFunc(cs, func(x, y Cooperation) int {
		if c := strings.Compare(x.A.ID, y.A.ID); c != 0 {
			return c
		}
		if c := strings.Compare(x.B.ID, y.B.ID); c != 0 {
			return c
		}
		return strings.Compare(viaID(x), viaID(y))
	})
}

func viaID(c Cooperation) string {
	if c.Via == nil {
		return ""
	}
	return c.Via.ID
}
