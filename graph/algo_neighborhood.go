package graph

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// Neighborhood returns the entities within q.Depth hops of q.Center and
// the relations among them. It walks breadth first, reading relations both
// ways, and only over relations of q.RelationKinds with q.Status and only
// into entities of q.EntityKinds (empty lists match all): an entity of
// another kind is neither returned nor walked through. The center is always
// returned, first, whatever its kind.
//
// Entities come in walk order: by depth, then by id within a depth. With
// q.Limit > 0 at most Limit entities are returned, the first in that
// order, and Truncated is true when a matching entity within q.Depth was
// left out. The relations are every relation among the returned entities
// that passes the relation filters (including ones between two entities
// at the outer depth), ordered by id. A center that r does not know wraps
// ErrNotFound; a negative depth is an error.
//
// It makes two calls to r per depth plus one, and reads O(V+E) of the
// part of the graph within q.Depth hops (cut short by Limit).
func Neighborhood(ctx context.Context, r Reader, q NeighborhoodQuery) (*Subgraph, error) {
	if q.Depth < 0 {
		return nil, fmt.Errorf("graph: neighborhood: depth %d < 0", q.Depth)
	}
	center, err := r.Entities(ctx, []string{q.Center})
	if err != nil {
		return nil, fmt.Errorf("graph: neighborhood: %w", err)
	}
	if center[0] == nil {
		return nil, fmt.Errorf("graph: neighborhood: entity %q: %w", q.Center, ErrNotFound)
	}
	filter := RelationFilter{Kinds: q.RelationKinds, Status: q.Status}
	sg := &Subgraph{Entities: []*Entity{center[0]}, Relations: []*Relation{}}
	// visited holds every entity looked at, kept or not, so that none is
	// fetched twice.
	visited := map[string]bool{q.Center: true}
	kept := map[string]bool{q.Center: true}
	front := []string{q.Center}
	full := func() bool { return q.Limit > 0 && len(sg.Entities) >= q.Limit }
walk:
	for d := 0; d < q.Depth && len(front) > 0; d++ {
		rels, err := r.RelationsOf(ctx, front, filter)
		if err != nil {
			return nil, fmt.Errorf("graph: neighborhood: %w", err)
		}
		var cand []string
		for i, u := range front {
			for _, rel := range rels[i] {
				if v := rel.Other(u); !visited[v] {
					visited[v] = true
					cand = append(cand, v)
				}
			}
		}
		slices.Sort(cand)
		ents, err := r.Entities(ctx, cand)
		if err != nil {
			return nil, fmt.Errorf("graph: neighborhood: %w", err)
		}
		front = front[:0:0]
		for _, e := range ents {
			if e == nil || (len(q.EntityKinds) > 0 && !slices.Contains(q.EntityKinds, e.Kind)) {
				continue
			}
			if full() {
				sg.Truncated = true
				break walk
			}
			sg.Entities = append(sg.Entities, e)
			kept[e.ID] = true
			front = append(front, e.ID)
		}
	}

	ids := make([]string, len(sg.Entities))
	for i, e := range sg.Entities {
		ids[i] = e.ID
	}
	rels, err := r.RelationsOf(ctx, ids, filter)
	if err != nil {
		return nil, fmt.Errorf("graph: neighborhood: %w", err)
	}
	seen := map[string]bool{}
	for i, id := range ids {
		for _, rel := range rels[i] {
			if !seen[rel.ID] && kept[rel.Other(id)] {
				seen[rel.ID] = true
				sg.Relations = append(sg.Relations, rel)
			}
		}
	}
	slices.SortFunc(sg.Relations, func(a, b *Relation) int { return strings.Compare(a.ID, b.ID) })
	return sg, nil
}
