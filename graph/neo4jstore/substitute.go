package neo4jstore

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

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

// declared caches each statement's declared parameters, keyed by its text.
var declared sync.Map // string -> []string, sorted

// checkParams reports a statement sent with other parameters than its
// header declares: the header is what the linter checked the statement
// with, so a mismatch is a bug in the code that sends it.
func checkParams(name, stmt string, params map[string]any) error {
	v, ok := declared.Load(stmt)
	if !ok {
		var names []string
		for _, line := range strings.Split(stmt, "\n") {
			if !strings.HasPrefix(line, "//") {
				break
			}
			rest, ok := strings.CutPrefix(strings.TrimSpace(strings.TrimPrefix(line, "//")), "params:")
			if !ok || strings.TrimSpace(rest) == "(none)" {
				continue
			}
			depth, start := 0, 0
			rest += ","
			for i, r := range rest {
				switch r {
				case '<':
					depth++
				case '>':
					depth--
				case ',':
					if depth == 0 {
						decl, _, _ := strings.Cut(rest[start:i], ":")
						names = append(names, strings.TrimSpace(decl))
						start = i + 1
					}
				}
			}
		}
		slices.Sort(names)
		v, _ = declared.LoadOrStore(stmt, names)
	}
	want := v.([]string)
	got := make([]string, 0, len(params))
	for k := range params {
		got = append(got, k)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		return fmt.Errorf("neo4jstore: %s: sent with parameters %v, its header declares %v", name, got, want)
	}
	return nil
}
