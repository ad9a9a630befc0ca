package neo4jstore

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/collabgraph/collabgraph/graph"
	"github.com/collabgraph/collabgraph/graph/searchkey"
)

// LoadReport is what one Replace did.
type LoadReport struct {
	Entities, Relations, Documents, Evidence, LoadErrors int
	// Unchanged is true when the database already held this graph, so
	// nothing was written.
	Unchanged bool
	// Batches is how many UNWIND statements carried rows.
	Batches int
	// Statements is how many statements the load sent, schema included:
	// each is one round trip, or two when it opens its transaction.
	Statements int
	// Transactions is how many transactions the load ran.
	Transactions int
	Duration     time.Duration
	// SchemaSkipped names the schema statements a server that is not
	// Neo4j rejected (see ensureSchema).
	SchemaSkipped []string
}

// Rows is how many rows the load wrote.
func (r LoadReport) Rows() int {
	return r.Entities + r.Relations + r.Documents + r.Evidence + r.LoadErrors
}

// Replace stores g in place of the stored graph; see Load.
func (s *Store) Replace(ctx context.Context, g *graph.Graph) error {
	_, err := s.Load(ctx, g)
	return err
}

// Load makes sure the schema exists, then writes g in one managed write
// transaction: every entity, relation, document, evidence and load error
// in batches of UNWIND rows, then removes what g no longer has, then
// records g's digest on the (:Meta {key: 'graph'}) node. Readers see the
// old graph until the transaction commits and the new one after, never a
// mix. When the database already holds a graph with g's digest, Load
// writes nothing: loading twice changes nothing.
//
// g must be consistent: known kinds and statuses, unique ids, and
// relations between entities of g; otherwise Load fails before writing.
func (s *Store) Load(ctx context.Context, g *graph.Graph) (LoadReport, error) {
	start := time.Now()
	rep := LoadReport{}
	if g == nil {
		return rep, errors.New("neo4jstore: load: nil graph")
	}
	if err := check(g); err != nil {
		return rep, err
	}
	s.loadMu.Lock()
	defer s.loadMu.Unlock()
	digest, err := digestOf(g)
	if err != nil {
		return rep, err
	}
	if rep.SchemaSkipped, err = s.ensureSchema(ctx); err != nil {
		return rep, err
	}
	recs, err := s.query(ctx, "read_meta", readMetaStmt, nil)
	if err != nil {
		return rep, err
	}
	rep.Transactions = 1 + len(s.schemaStatements())
	if len(recs) == 1 {
		if d, _ := recs[0].Get("digest"); d == digest {
			rep.Unchanged = true
			rep.Statements = rep.Transactions + 1 // and the server's version
			rep.Duration = time.Since(start)
			s.log.Info("neo4jstore: load: graph unchanged, nothing written", "digest", digest[:12],
				"statements", rep.Statements, "duration", rep.Duration.Round(time.Millisecond))
			return rep, nil
		}
	}

	batches := s.batches(g, digest, &rep)
	total := 0
	for _, b := range batches {
		if err := checkParams(b.name, b.stmt, b.params); err != nil {
			return rep, err
		}
		total += b.rows
	}
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{
		DatabaseName: s.database,
		AccessMode:   neo4j.AccessModeWrite,
		// Share the bookmarks of ExecuteQuery, so that reads after a load
		// see it even on a cluster member that is catching up.
		BookmarkManager: s.driver.ExecuteQueryBookmarkManager(),
	})
	defer session.Close(ctx)
	var attempts int
	_, err = neo4j.ExecuteWrite(ctx, session, func(tx neo4j.ManagedTransaction) (struct{}, error) {
		attempts++
		done := 0
		for i, b := range batches {
			s.statements.Add(1)
			res, err := tx.Run(ctx, body(b.stmt), b.params)
			var sum neo4j.ResultSummary
			if err == nil {
				sum, err = res.Consume(ctx)
			}
			if err != nil {
				return struct{}{}, fmt.Errorf("%s batch %d: %w", b.name, i+1, err)
			}
			done += b.rows
			c := sum.Counters()
			s.log.Info("neo4jstore: load: batch", "statement", b.name, "batch", i+1, "of", len(batches),
				"rows", b.rows, "done", done, "total", total,
				"nodes_created", c.NodesCreated(), "nodes_deleted", c.NodesDeleted(),
				"relationships_created", c.RelationshipsCreated(), "relationships_deleted", c.RelationshipsDeleted())
		}
		return struct{}{}, nil
	})
	if err != nil {
		return rep, s.errorf("load: %w", err)
	}
	// The server's version, the schema, the Meta read, then the batches of
	// every attempt: counted here rather than from s.statements, which
	// readers running meanwhile also move.
	rep.Statements = 1 + rep.Transactions + attempts*len(batches)
	rep.Transactions += attempts
	rep.Duration = time.Since(start)
	rate := float64(rep.Rows()) / rep.Duration.Seconds()
	s.log.Info("neo4jstore: load: done", "entities", rep.Entities, "relations", rep.Relations,
		"documents", rep.Documents, "evidence", rep.Evidence, "load_errors", rep.LoadErrors,
		"batches", rep.Batches, "statements", rep.Statements, "transactions", rep.Transactions,
		"duration", rep.Duration.Round(time.Millisecond), "rows_per_second", int(rate))
	return rep, nil
}

// batch is one statement of a load with its rows.
type batch struct {
	name   string
	stmt   string
	params map[string]any
	rows   int
}

// batches turns g into the load's statements: entities before the
// relations that need them, documents before the evidence linked to them,
// then the removal of what g no longer has, then the Meta node.
func (s *Store) batches(g *graph.Graph, digest string, rep *LoadReport) []batch {
	var out []batch
	add := func(name, stmt string, rows []map[string]any) {
		for i := 0; i < len(rows); i += s.batchSize {
			j := min(i+s.batchSize, len(rows))
			out = append(out, batch{name: name, stmt: stmt, rows: j - i,
				params: map[string]any{"rows": rows[i:j], "load": digest}})
			rep.Batches++
		}
	}

	betweenness := graph.BetweennessFor(g)
	byKind := map[graph.Kind][]map[string]any{}
	for _, e := range g.Entities {
		keys := searchkey.Keys(append([]string{e.Name}, e.Aliases...)...)
		byKind[e.Kind] = append(byKind[e.Kind], map[string]any{
			"id": e.ID, "kind": string(e.Kind), "name": e.Name,
			"aliases": nonNil(e.Aliases), "aliasText": strings.Join(e.Aliases, "\n"),
			"level": e.Level, "code": e.Code,
			"searchKeys": nonNil(keys), "searchText": strings.Join(keys, "\n"),
			"betweenness": betweenness[e.ID],
		})
	}
	for _, k := range graph.Kinds {
		add("merge_entities "+string(k), forKind(mergeEntitiesStmt, k), byKind[k])
	}
	rep.Entities = len(g.Entities)

	docs := make([]map[string]any, 0, len(g.Documents))
	var issued []map[string]any
	for _, d := range g.Documents {
		docs = append(docs, map[string]any{"id": d.ID, "file": d.File, "title": d.Title,
			"issuer": d.Issuer, "date": d.Date, "year": d.Year(), "source": d.Source})
		if d.Issuer != "" {
			issued = append(issued, map[string]any{"id": d.ID, "issuer": d.Issuer})
		}
	}
	add("merge_documents", mergeDocumentsStmt, docs)
	add("link_issuers", linkIssuersStmt, issued)
	rep.Documents = len(g.Documents)

	byRelKind := map[graph.RelationKind][]map[string]any{}
	var evidence []map[string]any
	for _, r := range g.Relations {
		byRelKind[r.Kind] = append(byRelKind[r.Kind], map[string]any{
			"id": r.ID, "from": r.From, "to": r.To, "status": string(r.Status), "year": r.Year,
			"confidence": r.Confidence, "source": r.Source})
		for i, ev := range r.Evidence {
			evidence = append(evidence, map[string]any{
				"id": fmt.Sprintf("%s#%d", r.ID, i), "relation": r.ID, "ordinal": i,
				"document": ev.Document, "text": ev.Text, "start": ev.Start, "end": ev.End,
				"status": string(ev.Status), "confidence": ev.Confidence, "source": ev.Source})
		}
	}
	for _, k := range graph.RelationKinds {
		add("merge_relations "+string(k), forRelationKind(mergeRelationsStmt, k), byRelKind[k])
	}
	rep.Relations = len(g.Relations)
	add("merge_evidence", mergeEvidenceStmt, evidence)
	add("link_evidence", linkEvidenceStmt, evidence)
	rep.Evidence = len(evidence)

	errs := make([]map[string]any, 0, len(g.Errors))
	for i, e := range g.Errors {
		errs = append(errs, map[string]any{"id": i, "file": e.File, "message": e.Message})
	}
	add("merge_load_errors", mergeLoadErrorsStmt, errs)
	rep.LoadErrors = len(g.Errors)

	out = append(out,
		batch{name: "delete_stale_relations", stmt: deleteStaleRelationsStmt, params: map[string]any{"load": digest}},
		batch{name: "delete_stale_entities", stmt: deleteStaleEntitiesStmt, params: map[string]any{"load": digest}},
		batch{name: "delete_stale_documents", stmt: deleteStaleDocumentsStmt, params: map[string]any{"load": digest}},
		batch{name: "delete_stale_evidence", stmt: deleteStaleEvidenceStmt, params: map[string]any{"load": digest}},
		batch{name: "delete_stale_load_errors", stmt: deleteStaleLoadErrorsStmt, params: map[string]any{"load": digest}},
		batch{name: "set_meta", stmt: setMetaStmt, params: map[string]any{"digest": digest,
			"entities": len(g.Entities), "relations": len(g.Relations), "documents": len(g.Documents)}},
	)
	return out
}

// nonNil returns s, or an empty list for nil, so that the property is
// always a list.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// schemaStatements are the constraints and indexes, each created if it
// does not exist. Schema statements cannot share a transaction with writes,
// so each runs on its own before the load's transaction.
func (s *Store) schemaStatements() []batch {
	out := []batch{
		{name: "schema_entity_id", stmt: schemaEntityIdStmt},
		{name: "schema_document_id", stmt: schemaDocumentIdStmt},
		{name: "schema_evidence_id", stmt: schemaEvidenceIdStmt},
		{name: "schema_load_error_id", stmt: schemaLoadErrorIdStmt},
		{name: "schema_meta_key", stmt: schemaMetaKeyStmt},
		{name: "schema_entity_name", stmt: schemaEntityNameStmt},
		{name: "schema_entity_search", stmt: schemaEntitySearchStmt},
		{name: "schema_entity_fulltext", stmt: schemaEntityFulltextStmt},
		{name: "schema_evidence_relation", stmt: schemaEvidenceRelationStmt},
	}
	for _, k := range graph.Kinds {
		out = append(out, batch{name: "schema_kind_id " + string(k), stmt: forKind(schemaKindIdStmt, k)})
	}
	for _, k := range graph.RelationKinds {
		out = append(out, batch{name: "schema_relation_id " + string(k), stmt: forRelationKind(schemaRelationIdStmt, k)})
	}
	return out
}

// ensureSchema creates the constraints and indexes that do not exist yet,
// and returns the names of those the server could not create.
//
// On Neo4j every schema statement must succeed. Another Bolt server (the
// tests run on NornicDB) may not know some index kinds, such as TEXT or
// FULLTEXT indexes; the store answers the same without them, only slower,
// so a statement such a server rejects as a syntax error is logged and
// skipped.
func (s *Store) ensureSchema(ctx context.Context) ([]string, error) {
	s.statements.Add(1)
	info, err := s.driver.GetServerInfo(ctx)
	if err != nil {
		return nil, s.errorf("schema: %w", err)
	}
	agent := info.Agent()
	var skipped []string
	for _, st := range s.schemaStatements() {
		err := s.write(ctx, st.name, st.stmt, nil)
		var nerr *neo4j.Neo4jError
		if err != nil && !strings.HasPrefix(agent, "Neo4j/") &&
			errors.As(err, &nerr) && nerr.Code == "Neo.ClientError.Statement.SyntaxError" {
			s.log.Warn("neo4jstore: schema: statement rejected by a server that is not Neo4j; skipped",
				"server", agent, "statement", st.name, "error", nerr.Msg)
			skipped = append(skipped, st.name)
			continue
		}
		if err != nil {
			return nil, err
		}
	}
	return skipped, nil
}

// digestOf identifies g's content, so that a load can tell the database
// already holds it.
func digestOf(g *graph.Graph) (string, error) {
	h := sha256.New()
	if err := json.NewEncoder(h).Encode(g); err != nil {
		return "", fmt.Errorf("neo4jstore: load: digest: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// check rejects a graph the database could not hold faithfully, before
// anything is written.
func check(g *graph.Graph) error {
	ents := make(map[string]bool, len(g.Entities))
	for i, e := range g.Entities {
		switch {
		case e.ID == "":
			return fmt.Errorf("neo4jstore: load: entity %d (%q): empty id", i, e.Name)
		case ents[e.ID]:
			return fmt.Errorf("neo4jstore: load: entity %q: duplicate id", e.ID)
		case !e.Kind.Valid():
			return fmt.Errorf("neo4jstore: load: entity %q: unknown kind %q", e.ID, e.Kind)
		}
		ents[e.ID] = true
	}
	rels := make(map[string]bool, len(g.Relations))
	for i, r := range g.Relations {
		switch {
		case r.ID == "":
			return fmt.Errorf("neo4jstore: load: relation %d: empty id", i)
		case rels[r.ID]:
			return fmt.Errorf("neo4jstore: load: relation %q: duplicate id", r.ID)
		case !r.Kind.Valid():
			return fmt.Errorf("neo4jstore: load: relation %q: unknown kind %q", r.ID, r.Kind)
		}
		rels[r.ID] = true
		for _, end := range []string{r.From, r.To} {
			if !ents[end] {
				return fmt.Errorf("neo4jstore: load: relation %q: entity %q: %w", r.ID, end, graph.ErrNotFound)
			}
		}
	}
	docs := make(map[string]bool, len(g.Documents))
	for _, d := range g.Documents {
		if docs[d.ID] {
			return fmt.Errorf("neo4jstore: load: document %q: duplicate id", d.ID)
		}
		docs[d.ID] = true
	}
	return nil
}
