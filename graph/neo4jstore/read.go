package neo4jstore

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/collabgraph/collabgraph/graph"
	"github.com/collabgraph/collabgraph/graph/searchkey"
)

// noLimit stands for "no limit" in a LIMIT clause, which takes no null.
const noLimit = math.MaxInt32

// Entities returns the entities with the given ids, in order, nil where an
// id does not exist. One statement.
func (s *Store) Entities(ctx context.Context, ids []string) ([]*graph.Entity, error) {
	out := make([]*graph.Entity, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	byID, err := s.entitiesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i, id := range ids {
		out[i] = byID[id]
	}
	return out, nil
}

func (s *Store) entitiesByID(ctx context.Context, ids []string) (map[string]*graph.Entity, error) {
	recs, err := s.query(ctx, "entities_by_id", entitiesByIdStmt, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := make(map[string]*graph.Entity, len(recs))
	for _, rec := range recs {
		e, err := entityAt(rec, "e")
		if err != nil {
			return nil, s.errorf("entities_by_id: %w", err)
		}
		out[e.ID] = e
	}
	return out, nil
}

// RelationsOf returns, for each id, the relations touching it that match
// f, ordered by relation id; a symmetric relation matches every direction.
// Two statements: the relations (relations_of, or relations_from or
// relations_to for one direction), then their evidence.
func (s *Store) RelationsOf(ctx context.Context, ids []string, f graph.RelationFilter) ([][]*graph.Relation, error) {
	out := make([][]*graph.Relation, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	params := map[string]any{"ids": ids, "kinds": kindStrings(f.Kinds), "status": string(f.Status)}
	name, stmt := "relations_of", relationsOfStmt
	if f.Direction == graph.Out || f.Direction == graph.In {
		var symmetric []string
		for _, k := range graph.RelationKinds {
			if k.Symmetric() {
				symmetric = append(symmetric, string(k))
			}
		}
		params["symmetric"] = symmetric
		name, stmt = "relations_from", relationsFromStmt
		if f.Direction == graph.In {
			name, stmt = "relations_to", relationsToStmt
		}
	}
	recs, err := s.query(ctx, name, stmt, params)
	if err != nil {
		return nil, err
	}
	byID := map[string][]*graph.Relation{}
	var all []*graph.Relation
	seen := map[string]*graph.Relation{}
	for _, rec := range recs {
		// A self relation, or an id given twice, comes twice; the checks
		// below keep it once. The id is read by position, as unwoundID
		// explains.
		id := unwoundID(rec)
		r, err := relationAt(rec, "r")
		if err != nil {
			return nil, s.errorf("%s: %w", name, err)
		}
		// One relation touching two of ids is one value, as in memstore.
		if prev, ok := seen[r.ID]; ok {
			r = prev
		} else {
			seen[r.ID] = r
			all = append(all, r)
		}
		key := id
		if !slices.Contains(byID[key], r) {
			byID[key] = append(byID[key], r)
		}
	}
	if err := s.attachEvidence(ctx, all); err != nil {
		return nil, err
	}
	for i, id := range ids {
		list := byID[id]
		sortRelations(list)
		out[i] = list
	}
	return out, nil
}

// attachEvidence fills in the evidence of rels with one statement.
func (s *Store) attachEvidence(ctx context.Context, rels []*graph.Relation) error {
	if len(rels) == 0 {
		return nil
	}
	ids := make([]string, len(rels))
	byID := make(map[string]*graph.Relation, len(rels))
	for i, r := range rels {
		ids[i] = r.ID
		byID[r.ID] = r
		r.Evidence = []graph.Evidence{}
	}
	recs, err := s.query(ctx, "evidence_of", evidenceOfStmt, map[string]any{"relations": ids})
	if err != nil {
		return err
	}
	for _, rec := range recs {
		v, ok := nodeAt(rec, "v")
		if !ok {
			return s.errorf("evidence_of: no node in column v")
		}
		r := byID[str(v.Props, "relation")]
		if r == nil {
			continue
		}
		r.Evidence = append(r.Evidence, graph.Evidence{
			Document: str(v.Props, "document"),
			Text:     str(v.Props, "text"),
			Start:    integer(v.Props, "start"),
			End:      integer(v.Props, "end"),
			Status:   graph.Status(str(v.Props, "status")),

			Confidence: float(v.Props, "confidence"),
			Source:     str(v.Props, "source"),
		})
	}
	return nil
}

// Entity returns one entity; an unknown id wraps graph.ErrNotFound.
func (s *Store) Entity(ctx context.Context, id string) (*graph.Entity, error) {
	ents, err := s.Entities(ctx, []string{id})
	if err != nil {
		return nil, err
	}
	if ents[0] == nil {
		return nil, fmt.Errorf("neo4jstore: entity %q: %w", id, graph.ErrNotFound)
	}
	return ents[0], nil
}

// FindEntities lists the entities matching f ordered by id, at most first
// (all when first <= 0) after the id after. Two statements: the count,
// then the page; the database filters, orders and pages, and the search
// matches the folded query against the search keys stored at load, as
// memstore does.
func (s *Store) FindEntities(ctx context.Context, f graph.EntityFilter, first int, after string) (*graph.EntityPage, error) {
	limit := noLimit
	if first > 0 {
		limit = first + 1 // one more tells whether there is a next page
	}
	q := ""
	if f.Search != "" {
		q = searchkey.Fold(f.Search)
	}
	filter := map[string]any{"kinds": entityKindStrings(f.Kinds), "level": f.Level, "search": q}
	recs, err := s.query(ctx, "find_entities_count", findEntitiesCountStmt, filter)
	if err != nil {
		return nil, err
	}
	page := &graph.EntityPage{Entities: []*graph.Entity{}}
	if len(recs) > 0 {
		total, _ := recs[0].Get("total")
		page.TotalCount = toInt(total)
	}
	filter["after"], filter["limit"] = after, limit
	if recs, err = s.query(ctx, "find_entities_page", findEntitiesPageStmt, filter); err != nil {
		return nil, err
	}
	for _, rec := range recs {
		e, err := entityAt(rec, "e")
		if err != nil {
			return nil, s.errorf("find_entities_page: %w", err)
		}
		page.Entities = append(page.Entities, e)
	}
	if first > 0 && len(page.Entities) > first {
		page.Entities = page.Entities[:first]
		page.HasNext = true
	}
	return page, nil
}

// Degrees returns the number of relations touching each id, 0 for an
// unknown id. One statement.
func (s *Store) Degrees(ctx context.Context, ids []string) ([]int, error) {
	out := make([]int, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	recs, err := s.query(ctx, "degrees", degreesStmt, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	deg := map[string]int{}
	for _, rec := range recs {
		id := unwoundID(rec)
		d, _ := rec.Get("degree")
		deg[id] = toInt(d)
	}
	for i, id := range ids {
		out[i] = deg[id]
	}
	return out, nil
}

// Relation returns one relation with its evidence; an unknown id wraps
// graph.ErrNotFound.
func (s *Store) Relation(ctx context.Context, id string) (*graph.Relation, error) {
	rels, err := s.relationsByID(ctx, []string{id})
	if err != nil {
		return nil, err
	}
	if len(rels) == 0 {
		return nil, fmt.Errorf("neo4jstore: relation %q: %w", id, graph.ErrNotFound)
	}
	return rels[0], nil
}

// relationsByID returns the relations with the given ids that exist, with
// their evidence, ordered by id.
func (s *Store) relationsByID(ctx context.Context, ids []string) ([]*graph.Relation, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	recs, err := s.query(ctx, "relations_by_id", relationsByIdStmt, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	return s.relationsIn(ctx, "relations_by_id", recs, "r")
}

// relationsIn reads the relationship in column col of each record, once
// per id, attaches the evidence and orders them by id.
func (s *Store) relationsIn(ctx context.Context, name string, recs []*neo4j.Record, col string) ([]*graph.Relation, error) {
	out := []*graph.Relation{}
	seen := map[string]bool{}
	for _, rec := range recs {
		v, _ := rec.Get(col)
		if v == nil {
			continue
		}
		r, err := relationAt(rec, col)
		if err != nil {
			return nil, s.errorf("%s: %w", name, err)
		}
		if !seen[r.ID] {
			seen[r.ID] = true
			out = append(out, r)
		}
	}
	if err := s.attachEvidence(ctx, out); err != nil {
		return nil, err
	}
	sortRelations(out)
	return out, nil
}

// Documents returns the documents with the given ids, nil where unknown;
// with no ids, every document ordered by id.
func (s *Store) Documents(ctx context.Context, ids []string) ([]*graph.Document, error) {
	if len(ids) == 0 {
		recs, err := s.query(ctx, "documents_all", documentsAllStmt, nil)
		if err != nil {
			return nil, err
		}
		out := make([]*graph.Document, 0, len(recs))
		for _, rec := range recs {
			n, ok := nodeAt(rec, "d")
			if !ok {
				return nil, s.errorf("documents_all: no node in column d")
			}
			out = append(out, documentOf(n))
		}
		return out, nil
	}
	recs, err := s.query(ctx, "documents_by_id", documentsByIdStmt, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	byID := map[string]*graph.Document{}
	for _, rec := range recs {
		n, ok := nodeAt(rec, "d")
		if !ok {
			return nil, s.errorf("documents_by_id: no node in column d")
		}
		d := documentOf(n)
		byID[d.ID] = d
	}
	out := make([]*graph.Document, len(ids))
	for i, id := range ids {
		out[i] = byID[id]
	}
	return out, nil
}

// DocumentRelations returns the relations a document states evidence for,
// ordered by id; an unknown document wraps graph.ErrNotFound. The
// database answers from the document's evidence in one statement, and a
// second one (documents_by_id) only when there is no relation, to tell an
// unknown document from one that states none.
func (s *Store) DocumentRelations(ctx context.Context, documentID string) ([]*graph.Relation, error) {
	recs, err := s.query(ctx, "document_relations", documentRelationsStmt, map[string]any{"id": documentID})
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		// No row: the document states no relation, or is not stored.
		docs, err := s.Documents(ctx, []string{documentID})
		if err != nil {
			return nil, err
		}
		if len(docs) == 0 || docs[0] == nil {
			return nil, fmt.Errorf("neo4jstore: document %q: %w", documentID, graph.ErrNotFound)
		}
		return []*graph.Relation{}, nil
	}
	return s.relationsIn(ctx, "document_relations", recs, "r")
}

// LoadErrors returns the load errors of the stored graph, in load order.
func (s *Store) LoadErrors(ctx context.Context) ([]graph.LoadError, error) {
	recs, err := s.query(ctx, "load_errors", loadErrorsStmt, nil)
	if err != nil {
		return nil, err
	}
	out := []graph.LoadError{}
	for _, rec := range recs {
		n, ok := nodeAt(rec, "x")
		if !ok {
			return nil, s.errorf("load_errors: no node in column x")
		}
		out = append(out, graph.LoadError{File: str(n.Props, "file"), Message: str(n.Props, "message")})
	}
	return out, nil
}

// Enclaves returns the enclaves owner OPERATES and that are LOCATED_IN
// host, ordered by id; an empty id matches any.
func (s *Store) Enclaves(ctx context.Context, owner, host string) ([]*graph.Entity, error) {
	// One statement per filter: each is a MATCH that seeks the given ends,
	// where one statement would need an optional EXISTS { } per filter.
	name, stmt, params := "enclaves", enclavesStmt, map[string]any{}
	switch {
	case owner != "" && host != "":
		name, stmt, params = "enclaves_by_owner_host", enclavesByOwnerHostStmt, map[string]any{"owner": owner, "host": host}
	case owner != "":
		name, stmt, params = "enclaves_by_owner", enclavesByOwnerStmt, map[string]any{"owner": owner}
	case host != "":
		name, stmt, params = "enclaves_by_host", enclavesByHostStmt, map[string]any{"host": host}
	}
	recs, err := s.query(ctx, name, stmt, params)
	if err != nil {
		return nil, err
	}
	out := []*graph.Entity{}
	for _, rec := range recs {
		e, err := entityAt(rec, "e")
		if err != nil {
			return nil, s.errorf("%s: %w", name, err)
		}
		out = append(out, e)
	}
	// The statements order by id; ordering again keeps Go's byte order of
	// ids whatever the server's collation (and NornicDB does not always
	// order the rows of enclaves_by_owner).
	slices.SortFunc(out, func(a, b *graph.Entity) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}

// Stats summarises the graph: counts, then the top entities by degree
// (counted in the database) and by betweenness (computed at load).
func (s *Store) Stats(ctx context.Context) (*graph.Stats, error) {
	st := &graph.Stats{}
	recs, err := s.query(ctx, "stats_documents", statsDocumentsStmt, nil)
	if err != nil {
		return nil, err
	}
	if len(recs) > 0 {
		n, _ := recs[0].Get("count")
		st.Documents = toInt(n)
	}
	recs, err = s.query(ctx, "stats_entities", statsEntitiesStmt, nil)
	if err != nil {
		return nil, err
	}
	kinds := map[string]int{}
	for _, rec := range recs {
		k, _ := rec.Get("kind")
		n, _ := rec.Get("count")
		ks, _ := k.(string)
		kinds[ks] += toInt(n)
	}
	for _, k := range graph.Kinds {
		st.Entities = append(st.Entities, graph.KindCount{Kind: k, Count: kinds[string(k)]})
	}
	recs, err = s.query(ctx, "stats_relations", statsRelationsStmt, nil)
	if err != nil {
		return nil, err
	}
	rkinds := map[string]int{}
	for _, rec := range recs {
		k, _ := rec.Get("kind")
		n, _ := rec.Get("count")
		ks, _ := k.(string)
		rkinds[ks] += toInt(n)
	}
	for _, k := range graph.RelationKinds {
		st.Relations = append(st.Relations, graph.RelationKindCount{Kind: k, Count: rkinds[string(k)]})
	}
	if st.TopByDegree, err = s.ranked(ctx, "top_degree", topDegreeStmt, "degree"); err != nil {
		return nil, err
	}
	if st.TopByBetweenness, err = s.ranked(ctx, "top_betweenness", topBetweennessStmt, "score"); err != nil {
		return nil, err
	}
	return st, nil
}

func (s *Store) ranked(ctx context.Context, name, stmt, col string) ([]graph.Ranked, error) {
	recs, err := s.query(ctx, name, stmt, map[string]any{"top": graph.StatsTop})
	if err != nil {
		return nil, err
	}
	out := []graph.Ranked{}
	for _, rec := range recs {
		e, err := entityAt(rec, "e")
		if err != nil {
			return nil, s.errorf("%s: %w", name, err)
		}
		v, _ := rec.Get(col)
		out = append(out, graph.Ranked{Entity: e, Score: toFloat(v)})
	}
	return out, nil
}

func sortRelations(rels []*graph.Relation) {
	slices.SortFunc(rels, func(a, b *graph.Relation) int { return strings.Compare(a.ID, b.ID) })
}

func kindStrings(ks []graph.RelationKind) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = string(k)
	}
	return out
}

func entityKindStrings(ks []graph.Kind) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = string(k)
	}
	return out
}

// unwoundID reads the first column of a statement that returns the
// UNWIND variable first (RETURN id, ...). It reads by position, not by
// name: NornicDB names that column after its first row's value, and
// position is the statement's own contract either way.
func unwoundID(rec *neo4j.Record) string {
	if len(rec.Values) == 0 {
		return ""
	}
	id, _ := rec.Values[0].(string)
	return id
}
