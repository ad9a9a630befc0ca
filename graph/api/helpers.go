package api

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/99designs/gqlgen/graphql"

	"github.com/collabgraph/collabgraph/graph"
)

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func optInt(n int) *int {
	if n == 0 {
		return nil
	}
	return &n
}

func directionArg(p *graph.Direction) graph.Direction {
	if p == nil {
		return graph.Both
	}
	return *p
}

func statusArg(p *graph.Status) graph.Status {
	if p == nil {
		return ""
	}
	return *p
}

func kindIn(k graph.Kind, kinds []graph.Kind) bool {
	if len(kinds) == 0 {
		return true
	}
	for _, v := range kinds {
		if v == k {
			return true
		}
	}
	return false
}

// otherEnds returns the distinct far ends of rels seen from id, by id, so
// two relations to one neighbour list it once.
func otherEnds(id string, rels []*graph.Relation) []string {
	seen := make(map[string]bool, len(rels))
	out := make([]string, 0, len(rels))
	for _, r := range rels {
		o := r.Other(id)
		if o == "" || o == id || seen[o] {
			continue
		}
		seen[o] = true
		out = append(out, o)
	}
	sort.Strings(out)
	return out
}

func compact[T any](xs []*T) []*T {
	out := xs[:0:0]
	for _, x := range xs {
		if x != nil {
			out = append(out, x)
		}
	}
	return out
}

// relationPage pages rels, which the store orders by id, after the
// relation id afterID.
func relationPage(rels []*graph.Relation, afterID string, first int) *RelationConnection {
	start := 0
	if afterID != "" {
		start = sort.Search(len(rels), func(i int) bool { return strings.Compare(rels[i].ID, afterID) > 0 })
	}
	end := min(len(rels), start+first)
	conn := &RelationConnection{
		Edges:      make([]*RelationEdge, 0, end-start),
		Nodes:      rels[start:end],
		PageInfo:   &PageInfo{HasNextPage: end < len(rels)},
		TotalCount: len(rels),
	}
	for _, r := range conn.Nodes {
		conn.Edges = append(conn.Edges, &RelationEdge{Cursor: encodeCursor(relationCursor, r.ID), Node: r})
	}
	if n := len(conn.Edges); n > 0 {
		conn.PageInfo.EndCursor = &conn.Edges[n-1].Cursor
	}
	return conn
}

func entityPage(p *graph.EntityPage) *EntityConnection {
	conn := &EntityConnection{
		Edges:      make([]*EntityEdge, 0, len(p.Entities)),
		Nodes:      p.Entities,
		PageInfo:   &PageInfo{HasNextPage: p.HasNext},
		TotalCount: p.TotalCount,
	}
	for _, e := range p.Entities {
		conn.Edges = append(conn.Edges, &EntityEdge{Cursor: encodeCursor(entityCursor, e.ID), Node: e})
	}
	if n := len(conn.Edges); n > 0 {
		conn.PageInfo.EndCursor = &conn.Edges[n-1].Cursor
	}
	return conn
}

// end resolves one end of a relation; a dangling end is a broken load.
// When the query asks for nothing of the end but its id, which drawing a
// graph does for every relation, the relation already holds the answer.
func (r *relationResolver) end(ctx context.Context, rel *graph.Relation, id string) (*graph.Entity, error) {
	l := r.ctxLoaders(ctx)
	if l.onlyID(ctx) {
		return &graph.Entity{ID: id}, nil
	}
	e, err := l.entities.load(ctx, id)
	if err == nil && e == nil {
		return nil, fmt.Errorf("api: relation %s names unknown entity %q", rel.ID, id)
	}
	return e, err
}

// onlyID reports whether the field being resolved selects nothing but id
// (and __typename) of its object. Every element of a list shares the
// field's selection, so the answer is kept per field for the operation:
// collecting fields for each of hundreds of relations cost a tenth of a
// neighbourhood query's CPU.
func (l *loaders) onlyID(ctx context.Context) bool {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Field.Field == nil || !graphql.HasOperationContext(ctx) {
		return false
	}
	if v, ok := l.onlyIDs.Load(fc.Field.Field); ok {
		return v.(bool)
	}
	only := true
	for _, f := range graphql.CollectFields(graphql.GetOperationContext(ctx), fc.Field.Selections, nil) {
		if f.Name != "id" && f.Name != "__typename" {
			only = false
			break
		}
	}
	l.onlyIDs.Store(fc.Field.Field, only)
	return only
}
