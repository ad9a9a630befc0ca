// Package memstore is the embedded graph.Store: one loaded graph held in
// memory as immutable indexes, swapped whole by Replace and read without
// locks.
package memstore

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/collabgraph/collabgraph/graph"
	"github.com/collabgraph/collabgraph/graph/searchkey"
)

var _ graph.Store = (*Store)(nil)

// Store holds one graph. Its zero value is not usable; call New.
//
// Every value a Store returns points into its current indexes and is
// shared by all readers: callers must not modify it.
type Store struct {
	// cur is swapped whole by Replace, so a reader that loads it once sees
	// one graph from start to end of its call without taking a lock.
	cur atomic.Pointer[index]
	// replaceMu serialises Replace calls, so that of two concurrent loads
	// the later call wins; readers never take it.
	replaceMu sync.Mutex
}

// New returns an empty store: it answers every query, with nothing.
func New() *Store {
	s := &Store{}
	s.cur.Store(build(&graph.Graph{}))
	return s
}

// index is one loaded graph. It is never modified after build returns.
type index struct {
	entities map[string]*graph.Entity
	// sorted holds every entity in id order, so a listing scans one array
	// instead of looking up a map per entity.
	sorted []*graph.Entity
	byKind map[graph.Kind][]int32 // indexes into sorted, in id order
	// keyText is every entity's search keys, in the order of sorted, each
	// key ended by a newline; the keys of sorted[i] start at keyStart[i].
	// A search is then a few strings.Index calls over one string rather
	// than a call per entity.
	keyText  string
	keyStart []int32

	relations map[string]*graph.Relation
	// adj holds, for each entity, the relations that touch it ordered by
	// relation id; a self relation appears once.
	adj map[string][]*graph.Relation

	documents   map[string]*graph.Document
	documentIDs []string // sorted
	docRels     map[string][]*graph.Relation

	errors []graph.LoadError

	// stats is computed once, outside Replace: betweenness costs O(V·E),
	// which a large graph cannot afford before Replace returns. source
	// is the index's own copy of the entities and relations it ranks.
	statsOnce sync.Once
	stats     *graph.Stats
	source    *graph.Graph
}

// Replace builds indexes for g and swaps them in whole: a reader sees the
// old graph or the new one, never a mix. g is copied, so the caller may
// reuse it. A relation whose end is not an entity of g, or two entities,
// relations or documents with one id, make Replace fail and keep the old
// graph.
func (s *Store) Replace(ctx context.Context, g *graph.Graph) error {
	if g == nil {
		return errors.New("memstore: replace: nil graph")
	}
	s.replaceMu.Lock()
	defer s.replaceMu.Unlock()
	if err := check(g); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("memstore: replace: %w", err)
	}
	idx := build(g)
	s.cur.Store(idx)
	// Rank in the background, so the first Stats after a load of a large
	// graph rarely waits for betweenness.
	go idx.statsNow()
	return nil
}

func check(g *graph.Graph) error {
	ents := make(map[string]bool, len(g.Entities))
	for i := range g.Entities {
		id := g.Entities[i].ID
		if id == "" {
			return fmt.Errorf("memstore: replace: entity %d (%q): empty id", i, g.Entities[i].Name)
		}
		if ents[id] {
			return fmt.Errorf("memstore: replace: entity %q: duplicate id", id)
		}
		ents[id] = true
	}
	rels := make(map[string]bool, len(g.Relations))
	for i := range g.Relations {
		r := &g.Relations[i]
		if r.ID == "" {
			return fmt.Errorf("memstore: replace: relation %d: empty id", i)
		}
		if rels[r.ID] {
			return fmt.Errorf("memstore: replace: relation %q: duplicate id", r.ID)
		}
		rels[r.ID] = true
		for _, end := range []string{r.From, r.To} {
			if !ents[end] {
				return fmt.Errorf("memstore: replace: relation %q: entity %q: %w", r.ID, end, graph.ErrNotFound)
			}
		}
	}
	docs := make(map[string]bool, len(g.Documents))
	for _, d := range g.Documents {
		if docs[d.ID] {
			return fmt.Errorf("memstore: replace: document %q: duplicate id", d.ID)
		}
		docs[d.ID] = true
	}
	return nil
}

func build(g *graph.Graph) *index {
	idx := &index{
		entities:  make(map[string]*graph.Entity, len(g.Entities)),
		sorted:    make([]*graph.Entity, 0, len(g.Entities)),
		byKind:    make(map[graph.Kind][]int32),
		relations: make(map[string]*graph.Relation, len(g.Relations)),
		adj:       make(map[string][]*graph.Relation, len(g.Entities)),
		documents: make(map[string]*graph.Document, len(g.Documents)),
		docRels:   make(map[string][]*graph.Relation),
		errors:    slices.Clone(g.Errors),
	}
	// One backing array per kind of value keeps a million relations to a
	// few allocations.
	ents := make([]graph.Entity, len(g.Entities))
	for i, e := range g.Entities {
		e.Aliases = slices.Clone(e.Aliases)
		ents[i] = e
		p := &ents[i]
		idx.entities[e.ID] = p
		idx.sorted = append(idx.sorted, p)
	}
	slices.SortFunc(idx.sorted, func(a, b *graph.Entity) int { return strings.Compare(a.ID, b.ID) })
	var text strings.Builder
	idx.keyStart = make([]int32, len(idx.sorted)+1)
	for i, e := range idx.sorted {
		idx.byKind[e.Kind] = append(idx.byKind[e.Kind], int32(i))
		idx.keyStart[i] = int32(text.Len())
		// Fold removes every space, so no query can match across the
		// newline that ends a key.
		for _, k := range searchkey.Keys(append([]string{e.Name}, e.Aliases...)...) {
			text.WriteString(k)
			text.WriteByte('\n')
		}
	}
	idx.keyStart[len(idx.sorted)] = int32(text.Len())
	idx.keyText = text.String()

	degree := make(map[string]int, len(g.Entities))
	for i := range g.Relations {
		r := &g.Relations[i]
		degree[r.From]++
		if r.To != r.From {
			degree[r.To]++
		}
	}
	for id, n := range degree {
		idx.adj[id] = make([]*graph.Relation, 0, n)
	}
	rels := make([]graph.Relation, len(g.Relations))
	for i, r := range g.Relations {
		r.Evidence = slices.Clone(r.Evidence)
		rels[i] = r
		p := &rels[i]
		idx.relations[r.ID] = p
		idx.adj[r.From] = append(idx.adj[r.From], p)
		if r.To != r.From {
			idx.adj[r.To] = append(idx.adj[r.To], p)
		}
		for _, ev := range r.Evidence {
			// Relations are added one at a time, so if p is already in
			// this document's list, it is the last one.
			list := idx.docRels[ev.Document]
			if n := len(list); n > 0 && list[n-1] == p {
				continue
			}
			idx.docRels[ev.Document] = append(list, p)
		}
	}
	byID := func(a, b *graph.Relation) int { return strings.Compare(a.ID, b.ID) }
	for _, list := range idx.adj {
		slices.SortFunc(list, byID)
	}
	for _, list := range idx.docRels {
		slices.SortFunc(list, byID)
	}

	docs := make([]graph.Document, len(g.Documents))
	copy(docs, g.Documents)
	for i := range docs {
		idx.documents[docs[i].ID] = &docs[i]
		idx.documentIDs = append(idx.documentIDs, docs[i].ID)
	}
	slices.Sort(idx.documentIDs)
	idx.source = &graph.Graph{Entities: ents, Relations: rels}
	return idx
}

func (s *Store) index() *index { return s.cur.Load() }

// Entities returns the entities with the given ids, in order, nil where an
// id does not exist. O(len(ids)).
func (s *Store) Entities(ctx context.Context, ids []string) ([]*graph.Entity, error) {
	return s.index().Entities(ctx, ids)
}

// RelationsOf returns, for each id, the relations touching it that match
// f, ordered by relation id. O(degree) per id.
func (s *Store) RelationsOf(ctx context.Context, ids []string, f graph.RelationFilter) ([][]*graph.Relation, error) {
	return s.index().RelationsOf(ctx, ids, f)
}

// An index is itself a graph.Reader: the algorithms run on one index, so
// a Replace during a search cannot mix two graphs in one answer.
var _ graph.Reader = (*index)(nil)

func (idx *index) Entities(_ context.Context, ids []string) ([]*graph.Entity, error) {
	out := make([]*graph.Entity, len(ids))
	for i, id := range ids {
		out[i] = idx.entities[id]
	}
	return out, nil
}

func (idx *index) RelationsOf(ctx context.Context, ids []string, f graph.RelationFilter) ([][]*graph.Relation, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("memstore: %w", err)
	}
	out := make([][]*graph.Relation, len(ids))
	all := len(f.Kinds) == 0 && f.Status == "" && (f.Direction == "" || f.Direction == graph.Both)
	for i, id := range ids {
		list := idx.adj[id]
		if all {
			// Capacity clipped so that a caller's append copies.
			out[i] = list[:len(list):len(list)]
			continue
		}
		var kept []*graph.Relation
		for _, r := range list {
			if matchRelation(r, id, f) {
				kept = append(kept, r)
			}
		}
		out[i] = kept
	}
	return out, nil
}

func matchRelation(r *graph.Relation, id string, f graph.RelationFilter) bool {
	if len(f.Kinds) > 0 && !slices.Contains(f.Kinds, r.Kind) {
		return false
	}
	if f.Status != "" && r.Status != f.Status {
		return false
	}
	if r.Kind.Symmetric() {
		return true
	}
	switch f.Direction {
	case graph.Out:
		return r.From == id
	case graph.In:
		return r.To == id
	}
	return true
}

// Entity returns one entity; an unknown id wraps graph.ErrNotFound.
func (s *Store) Entity(_ context.Context, id string) (*graph.Entity, error) {
	e := s.index().entities[id]
	if e == nil {
		return nil, fmt.Errorf("memstore: entity %q: %w", id, graph.ErrNotFound)
	}
	return e, nil
}

// FindEntities lists the entities matching f ordered by id: at most first
// of them (all when first <= 0), starting after the id after. It scans
// every entity, or every entity of the kind when f names one kind: O(V)
// per call, plus the folding of f.Search once.
func (s *Store) FindEntities(_ context.Context, f graph.EntityFilter, first int, after string) (*graph.EntityPage, error) {
	idx := s.index()
	q := ""
	if f.Search != "" {
		q = searchkey.Fold(f.Search)
	}
	page := &graph.EntityPage{Entities: []*graph.Entity{}}
	visit := func(e *graph.Entity) {
		if len(f.Kinds) > 0 && !slices.Contains(f.Kinds, e.Kind) {
			return
		}
		if f.Level != "" && e.Level != f.Level {
			return
		}
		page.TotalCount++
		if e.ID <= after {
			return
		}
		if first > 0 && len(page.Entities) == first {
			page.HasNext = true
			return
		}
		page.Entities = append(page.Entities, e)
	}
	switch {
	case q != "":
		for _, i := range idx.search(q) {
			visit(idx.sorted[i])
		}
	case len(f.Kinds) == 1:
		for _, i := range idx.byKind[f.Kinds[0]] {
			visit(idx.sorted[i])
		}
	default:
		for _, e := range idx.sorted {
			visit(e)
		}
	}
	return page, nil
}

// search returns the indexes into sorted of the entities with a key
// containing q, ascending. It costs O(len(keyText)) at memchr speed plus a
// binary search per match.
func (idx *index) search(q string) []int {
	var out []int
	for pos := 0; pos < len(idx.keyText); {
		j := strings.Index(idx.keyText[pos:], q)
		if j < 0 {
			break
		}
		// The entity whose keys hold the match: the last start <= match
		// (entities without keys share a start with the next one).
		at := int32(pos + j)
		i := sort.Search(len(idx.keyStart), func(k int) bool { return idx.keyStart[k] > at }) - 1
		out = append(out, i)
		pos = int(idx.keyStart[i+1]) // one match per entity is enough
	}
	return out
}

// Degrees returns the number of relations touching each id, 0 for an
// unknown id.
func (s *Store) Degrees(_ context.Context, ids []string) ([]int, error) {
	idx := s.index()
	out := make([]int, len(ids))
	for i, id := range ids {
		out[i] = len(idx.adj[id])
	}
	return out, nil
}

// Relation returns one relation; an unknown id wraps graph.ErrNotFound.
func (s *Store) Relation(_ context.Context, id string) (*graph.Relation, error) {
	r := s.index().relations[id]
	if r == nil {
		return nil, fmt.Errorf("memstore: relation %q: %w", id, graph.ErrNotFound)
	}
	return r, nil
}

// Documents returns the documents with the given ids, nil where unknown;
// with no ids, every document ordered by id.
func (s *Store) Documents(_ context.Context, ids []string) ([]*graph.Document, error) {
	idx := s.index()
	if len(ids) == 0 {
		ids = idx.documentIDs
	}
	out := make([]*graph.Document, len(ids))
	for i, id := range ids {
		out[i] = idx.documents[id]
	}
	return out, nil
}

// DocumentRelations returns the relations document states evidence for,
// ordered by id; an unknown document wraps graph.ErrNotFound.
func (s *Store) DocumentRelations(_ context.Context, documentID string) ([]*graph.Relation, error) {
	idx := s.index()
	if idx.documents[documentID] == nil {
		return nil, fmt.Errorf("memstore: document %q: %w", documentID, graph.ErrNotFound)
	}
	list := idx.docRels[documentID]
	return list[:len(list):len(list)], nil
}

// LoadErrors returns the load errors of the current graph, in load order.
func (s *Store) LoadErrors(context.Context) ([]graph.LoadError, error) {
	errs := s.index().errors
	if errs == nil {
		return []graph.LoadError{}, nil
	}
	return errs[:len(errs):len(errs)], nil
}

// Paths returns the shortest paths from q.From to q.To; see
// graph.ShortestPaths for the rules, the cap on hops and the order. At
// most graph.PathLimit paths are returned.
func (s *Store) Paths(ctx context.Context, q graph.PathQuery) ([]graph.Path, error) {
	idx := s.index()
	for _, id := range []string{q.From, q.To} {
		if idx.entities[id] == nil {
			return nil, fmt.Errorf("memstore: paths: entity %q: %w", id, graph.ErrNotFound)
		}
	}
	return graph.ShortestPaths(ctx, idx, q, graph.PathLimit)
}

// Neighborhood returns the subgraph around q.Center; see graph.Neighborhood.
func (s *Store) Neighborhood(ctx context.Context, q graph.NeighborhoodQuery) (*graph.Subgraph, error) {
	idx := s.index()
	if idx.entities[q.Center] == nil {
		return nil, fmt.Errorf("memstore: neighborhood: entity %q: %w", q.Center, graph.ErrNotFound)
	}
	return graph.Neighborhood(ctx, idx, q)
}

// Cooperation returns the ties among regions; see graph.Cooperations.
func (s *Store) Cooperation(ctx context.Context, q graph.CooperationQuery) ([]graph.Cooperation, error) {
	idx := s.index()
	for _, id := range q.Regions {
		if idx.entities[id] == nil {
			return nil, fmt.Errorf("memstore: cooperation: entity %q: %w", id, graph.ErrNotFound)
		}
	}
	return graph.Cooperations(ctx, idx, q)
}

// Enclaves returns the enclaves that owner OPERATES and that are
// LOCATED_IN host, ordered by id; an empty id matches any, and an unknown
// one matches none. Only direct relations count: an enclave located in a
// platform is hosted by the platform, not by the platform's region.
func (s *Store) Enclaves(_ context.Context, owner, host string) ([]*graph.Entity, error) {
	idx := s.index()
	out := []*graph.Entity{}
	for _, i := range idx.byKind[graph.Enclave] {
		e := idx.sorted[i]
		id := e.ID
		if owner != "" && !hasEnd(idx.adj[id], graph.Operates, owner, id) {
			continue
		}
		if host != "" && !hasEnd(idx.adj[id], graph.LocatedIn, id, host) {
			continue
		}
		out = append(out, e)
	}
	return out, nil
}

func hasEnd(rels []*graph.Relation, kind graph.RelationKind, from, to string) bool {
	for _, r := range rels {
		if r.Kind == kind && r.From == from && r.To == to {
			return true
		}
	}
	return false
}

// Stats summarises the graph. Betweenness comes from graph.BetweennessFor:
// exact up to graph.ExactBetweennessLimit entities, estimated above. It is
// computed once per Replace, in the background from the moment Replace
// returns; a Stats call before it is done waits for it.
func (s *Store) Stats(context.Context) (*graph.Stats, error) {
	return s.index().statsNow(), nil
}

func (idx *index) statsNow() *graph.Stats {
	idx.statsOnce.Do(func() { idx.stats = idx.computeStats() })
	return idx.stats
}

func (idx *index) computeStats() *graph.Stats {
	st := &graph.Stats{Documents: len(idx.documents)}
	kinds := make(map[graph.Kind]int)
	for _, e := range idx.entities {
		kinds[e.Kind]++
	}
	for _, k := range graph.Kinds {
		st.Entities = append(st.Entities, graph.KindCount{Kind: k, Count: kinds[k]})
	}
	rkinds := make(map[graph.RelationKind]int)
	for _, r := range idx.relations {
		rkinds[r.Kind]++
	}
	for _, k := range graph.RelationKinds {
		st.Relations = append(st.Relations, graph.RelationKindCount{Kind: k, Count: rkinds[k]})
	}
	degree := make(map[string]float64, len(idx.entities))
	for id, list := range idx.adj {
		degree[id] = float64(len(list))
	}
	st.TopByDegree = idx.top(degree)
	st.TopByBetweenness = idx.top(graph.BetweennessFor(idx.source))
	return st
}

// top ranks entities by score, most first and ties by id, leaving out
// scores of zero.
func (idx *index) top(score map[string]float64) []graph.Ranked {
	out := []graph.Ranked{}
	for _, e := range idx.sorted {
		if v := score[e.ID]; v > 0 {
			out = append(out, graph.Ranked{Entity: e, Score: v})
		}
	}
	slices.SortStableFunc(out, func(a, b graph.Ranked) int { return cmp.Compare(b.Score, a.Score) })
	if len(out) > graph.StatsTop {
		out = out[:graph.StatsTop]
	}
	return out
}

// Ready always returns nil: an in-memory store can always answer.
func (s *Store) Ready(context.Context) error { return nil }

// Close does nothing; the store stays usable.
func (s *Store) Close(context.Context) error { return nil }
