package graph

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// MaxHopsCap is the most hops ShortestPaths searches: a PathQuery with
// MaxHops above it, or below 1, searches MaxHopsCap hops. Six hops already
// join most of a corpus-sized graph, and every further hop multiplies the
// entities read.
const MaxHopsCap = 6

// PathLimit is the most paths a store's Paths returns.
const PathLimit = 100

// ShortestPaths returns every shortest path from q.From to q.To of at most
// q.MaxHops relations (see MaxHopsCap), reading each relation both ways and
// using only relations of q.Kinds when it is not empty. It returns at most
// limit paths, all when limit <= 0, and an empty slice when there is no
// such path. A path from an entity to itself has no relations. An end
// that r does not know wraps ErrNotFound.
//
// Paths are ordered by their entities after From, then by the relations
// between them: by Entities[1].ID, Relations[0].ID, Entities[2].ID,
// Relations[1].ID and so on. With a limit, the first limit paths in that
// order are returned.
//
// The search is a breadth-first search from both ends that keeps every
// parent of each entity reached (Pohl's bidirectional search, expanding the
// smaller frontier one whole level at a time), so it reads O(b^(d/2))
// relations for branching factor b and distance d, with one RelationsOf
// call per level. Listing the paths costs O(d) per path returned.
func ShortestPaths(ctx context.Context, r Reader, q PathQuery, limit int) ([]Path, error) {
	ends, err := r.Entities(ctx, []string{q.From, q.To})
	if err != nil {
		return nil, fmt.Errorf("graph: paths: %w", err)
	}
	for i, id := range []string{q.From, q.To} {
		if ends[i] == nil {
			return nil, fmt.Errorf("graph: paths: entity %q: %w", id, ErrNotFound)
		}
	}
	if q.From == q.To {
		return []Path{{Entities: []*Entity{ends[0]}, Relations: []*Relation{}}}, nil
	}
	maxHops := q.MaxHops
	if maxHops < 1 || maxHops > MaxHopsCap {
		maxHops = MaxHopsCap
	}
	filter := RelationFilter{Kinds: q.Kinds}
	fwd, bwd := newSide(q.From), newSide(q.To)
	for fwd.depth+bwd.depth < maxHops {
		s, other := fwd, bwd
		if len(bwd.front) < len(fwd.front) {
			s, other = bwd, fwd
		}
		if len(s.front) == 0 {
			break
		}
		if err := s.expand(ctx, r, filter); err != nil {
			return nil, fmt.Errorf("graph: paths: %w", err)
		}
		var meets []string
		for _, id := range s.front {
			if _, ok := other.dist[id]; ok {
				meets = append(meets, id)
			}
		}
		if len(meets) > 0 {
			return listPaths(ctx, r, q.From, q.To, fwd, bwd, meets, limit)
		}
	}
	return []Path{}, nil
}

type step struct {
	to  string // the entity one step nearer this side's start
	rel *Relation
}

// side is one half of a bidirectional search.
type side struct {
	dist  map[string]int
	par   map[string][]step
	front []string // the entities at depth, sorted by id
	depth int
}

func newSide(start string) *side {
	return &side{dist: map[string]int{start: 0}, par: map[string][]step{}, front: []string{start}}
}

// expand reads one more level. Because the frontier is sorted and each
// entity's relations come ordered by id, every parent list ends up
// ordered by parent id, then relation id.
func (s *side) expand(ctx context.Context, r Reader, f RelationFilter) error {
	rels, err := r.RelationsOf(ctx, s.front, f)
	if err != nil {
		return err
	}
	var next []string
	for i, u := range s.front {
		for _, rel := range rels[i] {
			v := rel.Other(u)
			if v == u || v == "" {
				continue
			}
			d, ok := s.dist[v]
			switch {
			case !ok:
				s.dist[v] = s.depth + 1
				next = append(next, v)
				s.par[v] = []step{{u, rel}}
			case d == s.depth+1:
				s.par[v] = append(s.par[v], step{u, rel})
			}
		}
	}
	slices.Sort(next)
	s.front = next
	s.depth++
	return nil
}

// listPaths turns the two searches' parent sets into the shortest-path DAG
// from `from` to `to` and walks it in path order. Every shortest path
// passes through exactly one meeting entity: the one at fwd.depth from
// `from` and bwd.depth from `to`.
func listPaths(ctx context.Context, r Reader, from, to string, fwd, bwd *side, meets []string, limit int) ([]Path, error) {
	next := map[string][]step{} // forward edges of the DAG
	walk := func(s *side, forward bool) {
		seen := map[string]bool{}
		stack := slices.Clone(meets)
		for len(stack) > 0 {
			v := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, p := range s.par[v] {
				if forward {
					next[p.to] = append(next[p.to], step{v, p.rel})
				} else {
					next[v] = append(next[v], step{p.to, p.rel})
				}
				if !seen[p.to] {
					seen[p.to] = true
					stack = append(stack, p.to)
				}
			}
		}
	}
	walk(fwd, true)
	walk(bwd, false)
	for _, steps := range next {
		slices.SortFunc(steps, func(a, b step) int {
			if c := strings.Compare(a.to, b.to); c != 0 {
				return c
			}
			return strings.Compare(a.rel.ID, b.rel.ID)
		})
	}

	type rawPath struct {
		ids  []string
		rels []*Relation
	}
	var raw []rawPath
	ids := []string{from}
	var rels []*Relation
	var dfs func(v string) bool // false once limit paths are found
	dfs = func(v string) bool {
		if v == to {
			raw = append(raw, rawPath{slices.Clone(ids), slices.Clone(rels)})
			return limit <= 0 || len(raw) < limit
		}
		for _, st := range next[v] {
			ids = append(ids, st.to)
			rels = append(rels, st.rel)
			ok := dfs(st.to)
			ids, rels = ids[:len(ids)-1], rels[:len(rels)-1]
			if !ok {
				return false
			}
		}
		return true
	}
	dfs(from)

	var want []string
	have := map[string]bool{}
	for _, p := range raw {
		for _, id := range p.ids {
			if !have[id] {
				have[id] = true
				want = append(want, id)
			}
		}
	}
	ents, err := r.Entities(ctx, want)
	if err != nil {
		return nil, fmt.Errorf("graph: paths: %w", err)
	}
	byID := make(map[string]*Entity, len(want))
	for i, id := range want {
		byID[id] = ents[i]
	}
	out := make([]Path, len(raw))
	for i, p := range raw {
		es := make([]*Entity, len(p.ids))
		for j, id := range p.ids {
			es[j] = byID[id]
		}
		out[i] = Path{Entities: es, Relations: p.rels}
	}
	return out, nil
}
