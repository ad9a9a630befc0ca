// Package api is collabgraph's GraphQL API: the executor gqlgen generates
// from schema/*.graphqls (generated.go, models_gen.go — never edited by
// hand), and the resolvers over a graph.Store. Each resolver makes one
// store call, through the per-operation loaders when it resolves a field
// of a list's element, and maps the store's errors to the codes in
// errors.go.
package api

import (
	"github.com/99designs/gqlgen/graphql"

	"github.com/collabgraph/collabgraph/graph"
)

// This file will not be regenerated automatically.

// Resolver is the root of the resolvers; Store is where answers come from.
type Resolver struct {
	Store graph.Store
}

// NewSchema returns the executable schema over s, with the complexity of
// each list field weighted by how many items it may return.
func NewSchema(s graph.Store) graphql.ExecutableSchema {
	cfg := Config{Resolvers: &Resolver{Store: s}}
	setComplexity(&cfg.Complexity)
	return NewExecutableSchema(cfg)
}
