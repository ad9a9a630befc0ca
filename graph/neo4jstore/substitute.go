package neo4jstore

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/collabgraph/collabgraph/graph"
)

// Cypher takes no parameter for a label, a relationship type or the bound
// of a variable-length pattern. A statement that needs one to vary carries
// a placeholder instead, declared in its header (// substitute: NAME), and
// the code below replaces it with a value from a closed set: graph's kinds
// or a checked integer, never text from a document.
const (
	entityKindPlaceholder   = "ENTITY_KIND"
	relationKindPlaceholder = "RELATION_KIND"
	maxHopsPlaceholder      = "MAX_HOPS"
)

// MaxDepth is the deepest neighbourhood the store walks: a
// NeighborhoodQuery deeper than that walks MaxDepth hops. It is also
// graph.MaxHopsCap, the longest path searched, and the values
// cypher/substitutions.json lists for MAX_HOPS are 1..MaxDepth.
const MaxDepth = graph.MaxHopsCap

// forKind returns stmt for entities of kind k. k must be valid: callers
// check their input first, so an invalid one is a bug.
func forKind(stmt string, k graph.Kind) string {
	if !k.Valid() {
		panic(fmt.Sprintf("neo4jstore: entity kind %q is not in graph.Kinds", k))
	}
	return strings.ReplaceAll(stmt, entityKindPlaceholder, string(k))
}

// forRelationKind returns stmt for relations of kind k, which must be
// valid.
func forRelationKind(stmt string, k graph.RelationKind) string {
	if !k.Valid() {
		panic(fmt.Sprintf("neo4jstore: relation kind %q is not in graph.RelationKinds", k))
	}
	return strings.ReplaceAll(stmt, relationKindPlaceholder, string(k))
}

// forHops returns stmt bounded to at most hops relations, which must be
// in 1..MaxDepth.
func forHops(stmt string, hops int) string {
	if hops < 1 || hops > MaxDepth {
		panic(fmt.Sprintf("neo4jstore: %d hops is outside 1..%d", hops, MaxDepth))
	}
	return strings.ReplaceAll(stmt, maxHopsPlaceholder, strconv.Itoa(hops))
}

// body returns stmt without its header of // comments. The header is for
// readers and the linter; the server gets the statement alone, which also
// keeps the text the server caches its plan under short.
func body(stmt string) string {
	for strings.HasPrefix(stmt, "//") {
		_, rest, ok := strings.Cut(stmt, "\n")
		if !ok {
			return ""
		}
		stmt = rest
	}
	return stmt
}
