package api

import "github.com/collabgraph/collabgraph/graph"

// Complexity weights: a field costs 1 plus what it selects, and a list
// field multiplies what it selects by how many items it may return, so
// that nesting lists inside lists is what runs into the limit.
const (
	// weightUnbounded is the assumed size of a list with no first:
	// argument (documents, a cooperation's relations, a path).
	weightUnbounded = 10
	// weightSubgraph divides neighborhood(limit:): a drawn subgraph's
	// elements are cheap, read once each, and limit 200 is the usual call.
	weightSubgraph = 20
)

func firstOr(p *int, def int) int {
	n := def
	if p != nil {
		n = *p
	}
	// Out-of-range values are refused by the resolver; here they must
	// only not overflow or go negative.
	return max(1, min(n, MaxFirst))
}

func listOf(child, n int) int { return 1 + child*n }

func setComplexity(c *ComplexityRoot) {
	c.Query.Entities = func(child int, _ []graph.Kind, _, _ *string, first *int, _ *string) int {
		return listOf(child, firstOr(first, 20))
	}
	c.Query.Search = func(child int, _ string, _ []graph.Kind, first *int) int {
		return listOf(child, firstOr(first, 10))
	}
	c.Query.Paths = func(child int, _, _ string, _ *int, _ []graph.RelationKind) int {
		return listOf(child, weightUnbounded)
	}
	c.Query.Neighborhood = func(child int, _ string, _ *int, _ []graph.Kind, _ []graph.RelationKind, _ *graph.Status, limit *int) int {
		n := 200
		if limit != nil {
			n = max(1, min(*limit, MaxNeighborhood))
		}
		return listOf(child, max(1, n/weightSubgraph))
	}
	c.Query.Cooperation = func(child int, regions []string, _ []graph.Kind) int {
		return listOf(child, weightUnbounded*max(1, min(len(regions), MaxRegions)))
	}
	c.Query.Corridors = func(child int) int { return listOf(child, weightUnbounded) }
	c.Query.Enclaves = func(child int, _, _ *string) int { return listOf(child, weightUnbounded) }
	c.Query.Documents = func(child int) int { return listOf(child, weightUnbounded) }

	c.Entity.Relations = func(child int, _ []graph.RelationKind, _ *graph.Direction, _ *graph.Status, first *int, _ *string) int {
		return listOf(child, firstOr(first, 50))
	}
	c.Entity.Neighbors = func(child int, _ []graph.Kind, _ []graph.RelationKind, _ *graph.Direction, _ *graph.Status, first *int) int {
		return listOf(child, firstOr(first, 50))
	}
	c.Entity.Evidence = func(child int, first *int) int { return listOf(child, firstOr(first, 50)) }
	c.Entity.Documents = func(child int) int { return listOf(child, weightUnbounded) }
	c.Document.Relations = func(child int) int { return listOf(child, weightUnbounded) }
	c.Cooperation.Relations = func(child int) int { return listOf(child, weightUnbounded) }
}
