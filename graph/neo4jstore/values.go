package neo4jstore

import (
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/collabgraph/collabgraph/graph"
)

// This file turns the driver's values back into graph's types. Properties
// are written by load.go; a missing one reads as its zero value.

func nodeAt(rec *neo4j.Record, col string) (neo4j.Node, bool) {
	v, _ := rec.Get(col)
	n, ok := v.(neo4j.Node)
	return n, ok
}

func entityAt(rec *neo4j.Record, col string) (*graph.Entity, error) {
	n, ok := nodeAt(rec, col)
	if !ok {
		v, _ := rec.Get(col)
		return nil, fmt.Errorf("column %s holds %T, not a node", col, v)
	}
	return entityOf(n), nil
}

func entityOf(n neo4j.Node) *graph.Entity {
	return &graph.Entity{
		ID:      str(n.Props, "id"),
		Name:    str(n.Props, "name"),
		Kind:    graph.Kind(str(n.Props, "kind")),
		Aliases: strs(n.Props, "aliases"),
		Level:   str(n.Props, "level"),
		Code:    str(n.Props, "code"),
	}
}

func relationAt(rec *neo4j.Record, col string) (*graph.Relation, error) {
	v, _ := rec.Get(col)
	r, ok := v.(neo4j.Relationship)
	if !ok {
		return nil, fmt.Errorf("column %s holds %T, not a relationship", col, v)
	}
	return relationOf(r), nil
}

func relationOf(r neo4j.Relationship) *graph.Relation {
	return &graph.Relation{
		ID:     str(r.Props, "id"),
		Kind:   graph.RelationKind(r.Type),
		From:   str(r.Props, "from"),
		To:     str(r.Props, "to"),
		Status: graph.Status(str(r.Props, "status")),
		Year:   integer(r.Props, "year"),

		Confidence: float(r.Props, "confidence"),
		Source:     str(r.Props, "source"),
	}
}

func documentOf(n neo4j.Node) *graph.Document {
	return &graph.Document{
		ID:     str(n.Props, "id"),
		File:   str(n.Props, "file"),
		Title:  str(n.Props, "title"),
		Issuer: str(n.Props, "issuer"),
		Date:   str(n.Props, "date"),
		Source: str(n.Props, "source"),
	}
}

func str(props map[string]any, key string) string {
	s, _ := props[key].(string)
	return s
}

func integer(props map[string]any, key string) int { return toInt(props[key]) }

// float reads a number property, 0 when absent (a graph loaded before
// relations carried a confidence).
func float(props map[string]any, key string) float64 {
	switch v := props[key].(type) {
	case float64:
		return v
	case int64:
		return float64(v)
	}
	return 0
}

// strs reads a list of strings; an empty list reads as nil, as an entity
// without aliases has in memory.
func strs(props map[string]any, key string) []string {
	list, _ := props[key].([]any)
	if len(list) == 0 {
		return nil
	}
	out := make([]string, 0, len(list))
	for _, v := range list {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func toInt(v any) int {
	switch n := v.(type) {
	case int64:
		return int(n)
	case int:
		return n
	case float64:
		return int(n)
	}
	return 0
}

func toFloat(v any) float64 {
	switch n := v.(type) {
	case float64:
		return n
	case int64:
		return float64(n)
	case int:
		return float64(n)
	}
	return 0
}
