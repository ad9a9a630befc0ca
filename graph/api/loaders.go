package api

import (
	"context"
	"slices"
	"strings"
	"sync"

	"github.com/99designs/gqlgen/graphql"

	"github.com/collabgraph/collabgraph/graph"
)

// ctxKeyType keys the per-request loaders; unexported so only this
// package can put them in or take them out.
type ctxKeyType struct{ name string }

var loadersKey = ctxKeyType{"loaders"}

// loaders batch the store's many-id methods for one operation, so that a
// query over a list of N entities costs a number of store calls that does
// not grow with N.
type loaders struct {
	store     graph.Store
	entities  *batcher[string, *graph.Entity]
	degrees   *batcher[string, int]
	documents *batcher[string, *graph.Document]

	mu        sync.Mutex
	relations map[string]*batcher[string, []*graph.Relation] // by filter

	onlyIDs sync.Map // *ast.Field → bool: see onlyID
}

func newLoaders(s graph.Store) *loaders {
	return &loaders{
		store:     s,
		entities:  newBatcher(s.Entities),
		degrees:   newBatcher(s.Degrees),
		documents: newBatcher(s.Documents),
		relations: make(map[string]*batcher[string, []*graph.Relation]),
	}
}

// relationsOf returns the batcher for relations matching f: each filter
// is one RelationsOf call per batch.
func (l *loaders) relationsOf(f graph.RelationFilter) *batcher[string, []*graph.Relation] {
	if f.Direction == "" {
		f.Direction = graph.Both // the same filter, so the same batch
	}
	var key strings.Builder
	key.WriteString(string(f.Direction))
	key.WriteByte('|')
	key.WriteString(string(f.Status))
	kinds := slices.Clone(f.Kinds)
	slices.Sort(kinds)
	kinds = slices.Compact(kinds)
	for _, k := range kinds {
		key.WriteByte('|')
		key.WriteString(string(k))
	}
	f.Kinds = kinds
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.relations[key.String()]
	if !ok {
		b = newBatcher(func(ctx context.Context, ids []string) ([][]*graph.Relation, error) {
			rels, err := l.store.RelationsOf(ctx, ids, f)
			if err == nil {
				l.primeRelations(rels)
			}
			return rels, err
		})
		l.relations[key.String()] = b
	}
	return b
}

// primeEntities primes what the fields of a list of entities ask for:
// their degrees and their relations under the default filter (which
// relations, neighbors, documents and evidence share).
func (l *loaders) primeEntities(es []*graph.Entity) {
	ids := make([]string, 0, len(es))
	for _, e := range es {
		if e != nil {
			ids = append(ids, e.ID)
		}
	}
	l.degrees.prime(ids)
	l.relationsOf(graph.RelationFilter{}).prime(ids)
}

// primeRelations primes what the fields of fetched relations ask for: the
// entities at their ends (from, to, neighbors) with those entities' own
// fields, and the documents of their evidence.
func (l *loaders) primeRelations(rels [][]*graph.Relation) {
	seen := make(map[string]bool)
	var ends, docs []string
	for _, rs := range rels {
		for _, r := range rs {
			for _, id := range [2]string{r.From, r.To} {
				if !seen[id] {
					seen[id] = true
					ends = append(ends, id)
				}
			}
			for _, ev := range r.Evidence {
				if !seen["\x00"+ev.Document] {
					seen["\x00"+ev.Document] = true
					docs = append(docs, ev.Document)
				}
			}
		}
	}
	l.entities.prime(ends)
	l.degrees.prime(ends)
	l.documents.prime(docs)
}

// WithLoaders returns ctx carrying fresh loaders over s.
func WithLoaders(ctx context.Context, s graph.Store) context.Context {
	return context.WithValue(ctx, loadersKey, newLoaders(s))
}

// Loaders is gqlgen operation middleware that gives every operation its
// own loaders, whatever transport brought it: results are cached only for
// the operation's lifetime, so one request never sees another's data.
func Loaders(s graph.Store) graphql.OperationMiddleware {
	return func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		return next(WithLoaders(ctx, s))
	}
}

// ctxLoaders returns the operation's loaders; without the middleware (a
// caller that forgot it) it makes loaders that batch nothing across
// resolvers but still answer correctly.
func (r *Resolver) ctxLoaders(ctx context.Context) *loaders {
	if l, ok := ctx.Value(loadersKey).(*loaders); ok {
		return l
	}
	return newLoaders(r.Store)
}
