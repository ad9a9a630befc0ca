package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/collabgraph/collabgraph/graph"
)

// Paths returns every shortest path from q.From to q.To of at most
// q.MaxHops relations (graph.MaxHopsCap when below 1 or above it), read
// both ways, in graph.ShortestPaths's order, at most graph.PathLimit of
// them. The database finds them with allShortestPaths; an unknown end
// wraps graph.ErrNotFound. Three statements: the ends, the paths, the
// evidence.
func (s *Store) Paths(ctx context.Context, q graph.PathQuery) ([]graph.Path, error) {
	ends, err := s.Entities(ctx, []string{q.From, q.To})
	if err != nil {
		return nil, err
	}
	for i, id := range []string{q.From, q.To} {
		if ends[i] == nil {
			return nil, fmt.Errorf("neo4jstore: paths: entity %q: %w", id, graph.ErrNotFound)
		}
	}
	if q.From == q.To {
		// Neo4j's shortest path search refuses a path from a node to itself.
		return []graph.Path{{Entities: []*graph.Entity{ends[0]}, Relations: []*graph.Relation{}}}, nil
	}
	maxHops := q.MaxHops
	if maxHops < 1 || maxHops > graph.MaxHopsCap {
		maxHops = graph.MaxHopsCap
	}
	recs, err := s.query(ctx, "shortest_paths", forHops(shortestPathsStmt, maxHops), map[string]any{
		"from": q.From, "to": q.To, "kinds": kindStrings(q.Kinds), "limit": graph.PathLimit,
	})
	if err != nil {
		return nil, err
	}
	entities := map[string]*graph.Entity{}
	relations := map[string]*graph.Relation{}
	var rels []*graph.Relation
	out := make([]graph.Path, 0, len(recs))
	for _, rec := range recs {
		pv, _ := rec.Get("p")
		path, ok := pv.(neo4j.Path)
		if !ok {
			return nil, s.errorf("shortest_paths: a row holds %T, not a path", pv)
		}
		nodes, links := path.Nodes, path.Relationships
		if len(nodes) != len(links)+1 {
			return nil, s.errorf("shortest_paths: a path of %d entities and %d relations", len(nodes), len(links))
		}
		p := graph.Path{Entities: make([]*graph.Entity, len(nodes)), Relations: make([]*graph.Relation, len(links))}
		for i, n := range nodes {
			e := entityOf(n)
			if prev := entities[e.ID]; prev != nil {
				e = prev
			}
			entities[e.ID] = e
			p.Entities[i] = e
		}
		for i, rv := range links {
			r := relationOf(rv)
			if prev := relations[r.ID]; prev != nil {
				r = prev
			} else {
				relations[r.ID] = r
				rels = append(rels, r)
			}
			p.Relations[i] = r
		}
		out = append(out, p)
	}
	if err := s.attachEvidence(ctx, rels); err != nil {
		return nil, err
	}
	// The statement orders the paths already; ordering again keeps Go's
	// byte order of ids whatever the server's collation.
	slices.SortStableFunc(out, comparePaths)
	return out, nil
}

func comparePaths(a, b graph.Path) int {
	for i := 1; i < len(a.Entities) && i < len(b.Entities); i++ {
		if c := strings.Compare(a.Entities[i].ID, b.Entities[i].ID); c != 0 {
			return c
		}
		if c := strings.Compare(a.Relations[i-1].ID, b.Relations[i-1].ID); c != 0 {
			return c
		}
	}
	return len(a.Entities) - len(b.Entities)
}

// Neighborhood returns the subgraph within q.Depth hops of q.Center (at
// most MaxDepth), with graph.Neighborhood's rules: walk order by depth then
// id, only through entities of q.EntityKinds and relations passing the
// filters, Limit counting the center. The database walks with a bounded
// variable-length pattern and keeps each entity at its least depth. An
// unknown center wraps graph.ErrNotFound. Four statements: the center, the
// walk, the relations among the entities found, their evidence.
func (s *Store) Neighborhood(ctx context.Context, q graph.NeighborhoodQuery) (*graph.Subgraph, error) {
	if q.Depth < 0 {
		return nil, fmt.Errorf("neo4jstore: neighborhood: depth %d < 0", q.Depth)
	}
	center, err := s.Entity(ctx, q.Center)
	if err != nil {
		if errors.Is(err, graph.ErrNotFound) {
			return nil, fmt.Errorf("neo4jstore: neighborhood: entity %q: %w", q.Center, graph.ErrNotFound)
		}
		return nil, err
	}
	sg := &graph.Subgraph{Entities: []*graph.Entity{center}, Relations: []*graph.Relation{}}
	if q.Depth > 0 {
		limit := noLimit
		if q.Limit > 0 {
			// Limit-1 entities besides the center, and one more to tell
			// whether the limit cut any.
			limit = q.Limit
		}
		recs, err := s.query(ctx, "neighborhood", forHops(neighborhoodStmt, min(q.Depth, MaxDepth)), map[string]any{
			"center": q.Center, "entityKinds": entityKindStrings(q.EntityKinds),
			"relationKinds": kindStrings(q.RelationKinds), "status": string(q.Status), "limit": limit,
		})
		if err != nil {
			return nil, err
		}
		for _, rec := range recs {
			e, err := entityAt(rec, "n")
			if err != nil {
				return nil, s.errorf("neighborhood: %w", err)
			}
			if q.Limit > 0 && len(sg.Entities) >= q.Limit {
				sg.Truncated = true
				break
			}
			sg.Entities = append(sg.Entities, e)
		}
	}
	ids := make([]string, len(sg.Entities))
	for i, e := range sg.Entities {
		ids[i] = e.ID
	}
	recs, err := s.query(ctx, "relations_among", relationsAmongStmt, map[string]any{
		"ids": ids, "kinds": kindStrings(q.RelationKinds), "status": string(q.Status),
	})
	if err != nil {
		return nil, err
	}
	if sg.Relations, err = s.relationsIn(ctx, "relations_among", recs, "r"); err != nil {
		return nil, err
	}
	return sg, nil
}

// Cooperation returns the ties among q.Regions with graph.Cooperations's
// rules, ordered by A, B, then Via id. The database finds every relation
// that makes a direct tie and every pair of relations through one
// intermediary; Go groups them into ties. An unknown region wraps
// graph.ErrNotFound, and an entity that is not a REGION is an error. Four
// statements: the regions, the direct ties, the ties through an
// intermediary, the evidence.
func (s *Store) Cooperation(ctx context.Context, q graph.CooperationQuery) ([]graph.Cooperation, error) {
	if len(q.Regions) == 0 {
		return nil, errors.New("neo4jstore: cooperation: no regions")
	}
	regions := slices.Clone(q.Regions)
	slices.Sort(regions)
	regions = slices.Compact(regions)
	ents, err := s.Entities(ctx, regions)
	if err != nil {
		return nil, err
	}
	for i, id := range regions {
		switch {
		case ents[i] == nil:
			return nil, fmt.Errorf("neo4jstore: cooperation: entity %q: %w", id, graph.ErrNotFound)
		case ents[i].Kind != graph.Region:
			return nil, fmt.Errorf("neo4jstore: cooperation: entity %q (%s) is a %s, not a %s", id, ents[i].Name, ents[i].Kind, graph.Region)
		}
	}
	direct, err := s.query(ctx, "cooperation_direct", cooperationDirectStmt, map[string]any{
		"regions": regions, "single": len(regions) == 1,
	})
	if err != nil {
		return nil, err
	}
	via, err := s.query(ctx, "cooperation_via", cooperationViaStmt, map[string]any{
		"regions": regions, "single": len(regions) == 1, "via": entityKindStrings(q.Via),
	})
	if err != nil {
		return nil, err
	}

	// Group the rows into ties. With several regions a tie's A is the end
	// with the smaller id, so a tie found from both ends is one tie.
	single := len(regions) == 1
	type key struct{ a, b, via string }
	entities := map[string]*graph.Entity{}
	relations := map[string]*graph.Relation{}
	var all []*graph.Relation
	ties := map[key]map[string]*graph.Relation{}
	var order []key
	entity := func(rec *neo4j.Record, col string) (string, error) {
		e, err := entityAt(rec, col)
		if err != nil {
			return "", err
		}
		if entities[e.ID] == nil {
			entities[e.ID] = e
		}
		return e.ID, nil
	}
	relation := func(rec *neo4j.Record, col string) (*graph.Relation, error) {
		r, err := relationAt(rec, col)
		if err != nil {
			return nil, err
		}
		if prev := relations[r.ID]; prev != nil {
			return prev, nil
		}
		relations[r.ID] = r
		all = append(all, r)
		return r, nil
	}
	read := func(rec *neo4j.Record, cols ...string) error {
		var k key
		var err error
		if k.a, err = entity(rec, "a"); err != nil {
			return err
		}
		if k.b, err = entity(rec, "b"); err != nil {
			return err
		}
		relCols := []string{"r"}
		if len(cols) > 0 {
			if k.via, err = entity(rec, "x"); err != nil {
				return err
			}
			relCols = cols
		}
		if !single && k.b < k.a {
			k.a, k.b = k.b, k.a
		}
		if ties[k] == nil {
			ties[k] = map[string]*graph.Relation{}
			order = append(order, k)
		}
		for _, col := range relCols {
			r, err := relation(rec, col)
			if err != nil {
				return err
			}
			ties[k][r.ID] = r
		}
		return nil
	}
	for _, rec := range direct {
		if err := read(rec); err != nil {
			return nil, s.errorf("cooperation_direct: %w", err)
		}
	}
	for _, rec := range via {
		if err := read(rec, "r1", "r2"); err != nil {
			return nil, s.errorf("cooperation_via: %w", err)
		}
	}
	if err := s.attachEvidence(ctx, all); err != nil {
		return nil, err
	}
	out := make([]graph.Cooperation, 0, len(order))
	for _, k := range order {
		c := graph.Cooperation{A: entities[k.a], B: entities[k.b]}
		if k.via != "" {
			c.Via = entities[k.via]
		}
		for _, r := range ties[k] {
			c.Relations = append(c.Relations, r)
		}
		out = append(out, c)
	}
	graph.SortCooperations(out)
	return out, nil
}
