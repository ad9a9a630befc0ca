package neo4jstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/collabgraph/collabgraph/graph"
	"github.com/collabgraph/collabgraph/graph/storetest"
)

// count runs a counting statement straight through the driver, outside the
// store, so the tests see what is in the database whatever the store's
// queries say.
func count(t *testing.T, st *Store, stmt string) int {
	t.Helper()
	res, err := neo4j.ExecuteQuery(context.Background(), st.driver, stmt, nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(st.database))
	if err != nil {
		t.Fatalf("%s: %v", stmt, err)
	}
	if len(res.Records) != 1 {
		t.Fatalf("%s: %d rows", stmt, len(res.Records))
	}
	return toInt(res.Records[0].Values[0])
}

// nodesExpected is how many nodes holding g take: entities, documents,
// evidence, load errors and the Meta node.
func nodesExpected(g *graph.Graph) int {
	n := len(g.Entities) + len(g.Documents) + len(g.Errors) + 1
	for _, r := range g.Relations {
		n += len(r.Evidence)
	}
	return n
}

func secondGraph() *graph.Graph {
	jx := graph.Entity{ID: graph.EntityID(graph.Region, "嘉兴市"), Name: "嘉兴市", Kind: graph.Region, Level: "city"}
	g60 := graph.Entity{ID: graph.EntityID(graph.Corridor, "G60科创走廊"), Name: "G60科创走廊", Kind: graph.Corridor}
	doc := graph.Document{ID: "005_jiaxing", File: "seeds/005_jiaxing.txt", Title: "嘉兴市科技创新工作报告", Issuer: jx.ID, Date: "2024"}
	rel := graph.Relation{ID: graph.RelationID(graph.Joins, jx.ID, g60.ID), Kind: graph.Joins, From: jx.ID, To: g60.ID,
		Status: graph.Established, Year: 2024,
		Evidence: []graph.Evidence{{Document: doc.ID, Text: "嘉兴市全面融入G60科创走廊", Start: 10, End: 23, Status: graph.Established}}}
	return &graph.Graph{Documents: []graph.Document{doc}, Entities: []graph.Entity{jx, g60}, Relations: []graph.Relation{rel}}
}

// TestReplaceSwapsWholeGraph loads the fixture, then a second graph, and
// checks that nothing of the first is
// left and all of the second is there; then loads the fixture back.
func TestReplaceSwapsWholeGraph(t *testing.T) {
	srv := needServer(t)
	st := openStore(t, srv)
	ctx := context.Background()
	fx := storetest.Fixture()
	if err := st.Replace(ctx, fx); err != nil {
		t.Fatal(err)
	}
	second := secondGraph()
	rep, err := st.Load(ctx, second)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Unchanged || rep.Entities != 2 || rep.Relations != 1 || rep.Evidence != 1 || rep.Documents != 1 {
		t.Errorf("Load(second) report %+v", rep)
	}
	if _, err := st.Entity(ctx, storetest.ID("新昌县")); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("after Replace, Entity(新昌县) error = %v, want ErrNotFound", err)
	}
	if _, err := st.Relation(ctx, fx.Relations[0].ID); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("after Replace, Relation(%s) error = %v, want ErrNotFound", fx.Relations[0].ID, err)
	}
	r, err := st.Relation(ctx, second.Relations[0].ID)
	if err != nil || len(r.Evidence) != 1 || r.Evidence[0].Text != "嘉兴市全面融入G60科创走廊" {
		t.Errorf("after Replace, Relation(嘉兴市 JOINS G60) = %+v, %v", r, err)
	}
	docs, err := st.Documents(ctx, nil)
	if err != nil || len(docs) != 1 || docs[0].ID != "005_jiaxing" {
		t.Errorf("after Replace, Documents() = %v, %v", docs, err)
	}
	if errs, err := st.LoadErrors(ctx); err != nil || len(errs) != 0 {
		t.Errorf("after Replace, LoadErrors() = %v, %v", errs, err)
	}
	if n, want := count(t, st, "MATCH (n) RETURN count(n)"), nodesExpected(second); n != want {
		t.Errorf("after Replace, %d nodes in the database, want %d", n, want)
	}
	if n := count(t, st, "MATCH (:Entity)-[r]->(:Entity) RETURN count(r)"); n != 1 {
		t.Errorf("after Replace, %d relationships between entities, want 1", n)
	}
	// The evidence's IN and the document's ISSUED_BY.
	links := count(t, st, "MATCH (:Evidence)-[r:IN]->(:Document) RETURN count(r)") +
		count(t, st, "MATCH (:Document)-[r:ISSUED_BY]->(:Entity) RETURN count(r)")
	if links != 2 {
		t.Errorf("after Replace, %d IN and ISSUED_BY links, want 2", links)
	}
	if err := st.Replace(ctx, fx); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Entity(ctx, storetest.ID("新昌县")); err != nil {
		t.Errorf("after loading the fixture back, Entity(新昌县): %v", err)
	}
	if n, want := count(t, st, "MATCH (n) RETURN count(n)"), nodesExpected(fx); n != want {
		t.Errorf("after loading the fixture back, %d nodes, want %d", n, want)
	}
}

// TestLoadTwiceChangesNothing loads the fixture twice: the second load
// writes nothing and leaves the database as it was.
func TestLoadTwiceChangesNothing(t *testing.T) {
	srv := needServer(t)
	st := openStore(t, srv)
	ctx := context.Background()
	if err := st.Replace(ctx, secondGraph()); err != nil { // so the next load writes
		t.Fatal(err)
	}
	first, err := st.Load(ctx, storetest.Fixture())
	if err != nil {
		t.Fatal(err)
	}
	nodes := count(t, st, "MATCH (n) RETURN count(n)")
	rels := count(t, st, "MATCH ()-[r]->() RETURN count(r)")
	again, err := st.Load(ctx, storetest.Fixture())
	if err != nil {
		t.Fatal(err)
	}
	if first.Unchanged || !again.Unchanged {
		t.Errorf("Unchanged: first load %v, second %v; want false, true", first.Unchanged, again.Unchanged)
	}
	if again.Batches != 0 {
		t.Errorf("second load sent %d batches, want 0", again.Batches)
	}
	if n := count(t, st, "MATCH (n) RETURN count(n)"); n != nodes {
		t.Errorf("nodes: %d after the first load, %d after the second", nodes, n)
	}
	if n := count(t, st, "MATCH ()-[r]->() RETURN count(r)"); n != rels {
		t.Errorf("relationships: %d after the first load, %d after the second", rels, n)
	}
	if nodes != nodesExpected(storetest.Fixture()) {
		t.Errorf("%d nodes, want %d", nodes, nodesExpected(storetest.Fixture()))
	}
}

// TestLoadStoresBetweenness checks that each entity carries the
// betweenness graph.BetweennessFor gives, as memstore's Stats uses.
func TestLoadStoresBetweenness(t *testing.T) {
	srv := needServer(t)
	st := openStore(t, srv)
	ctx := context.Background()
	fx := storetest.Fixture()
	if err := st.Replace(ctx, fx); err != nil {
		t.Fatal(err)
	}
	want := graph.BetweennessFor(fx)
	res, err := neo4j.ExecuteQuery(ctx, st.driver, "MATCH (e:Entity) RETURN e.id AS id, e.betweenness AS b", nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(st.database))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Records) != len(fx.Entities) {
		t.Fatalf("%d entities, want %d", len(res.Records), len(fx.Entities))
	}
	for _, rec := range res.Records {
		id, _ := rec.Get("id")
		b, _ := rec.Get("b")
		if got := toFloat(b); got != want[id.(string)] {
			t.Errorf("betweenness of %s = %v, want %v", id, got, want[id.(string)])
		}
	}
}

// TestLoadRoundTrips checks that a load sends a number of statements
// fixed by the graph's size and the batch size, logs a line per batch and
// a summary.
func TestLoadRoundTrips(t *testing.T) {
	srv := needServer(t)
	var logs bytes.Buffer
	cfg := srv.cfg
	cfg.BatchSize = 4
	cfg.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	st, err := Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(context.Background())
	ctx := context.Background()
	if err := st.Replace(ctx, secondGraph()); err != nil {
		t.Fatal(err)
	}
	logs.Reset()
	fx := storetest.Fixture()
	rep, err := st.Load(ctx, fx)
	if err != nil {
		t.Fatal(err)
	}
	ceil := func(n int) int { return (n + cfg.BatchSize - 1) / cfg.BatchSize }
	kinds := map[graph.Kind]int{}
	for _, e := range fx.Entities {
		kinds[e.Kind]++
	}
	rkinds := map[graph.RelationKind]int{}
	for _, r := range fx.Relations {
		rkinds[r.Kind]++
	}
	batches := 0
	for _, n := range kinds {
		batches += ceil(n)
	}
	for _, n := range rkinds {
		batches += ceil(n)
	}
	issued := 0
	for _, d := range fx.Documents {
		if d.Issuer != "" {
			issued++
		}
	}
	evidence := nodesExpected(fx) - len(fx.Entities) - len(fx.Documents) - len(fx.Errors) - 1
	batches += ceil(len(fx.Documents)) + ceil(issued) + 2*ceil(evidence) + ceil(len(fx.Errors))
	if rep.Batches != batches {
		t.Errorf("%d batches, want %d", rep.Batches, batches)
	}
	// Server info, the schema, the Meta read, the batches, then five
	// deletions of what is stale and the Meta write.
	want := 1 + len(st.schemaStatements()) + 1 + batches + 6
	if rep.Statements != want {
		t.Errorf("%d statements, want %d", rep.Statements, want)
	}
	t.Logf("fixture at batch size %d: %d rows, %d batches, %d statements, %d transactions, %v",
		cfg.BatchSize, rep.Rows(), rep.Batches, rep.Statements, rep.Transactions, rep.Duration)
	// A line for each statement of the load's transaction: the batches,
	// the five deletions and the Meta write.
	if n := strings.Count(logs.String(), `msg="neo4jstore: load: batch"`); n != batches+6 {
		t.Errorf("%d progress lines, want one per batch and one per final statement (%d)", n, batches+6)
	}
	if !strings.Contains(logs.String(), `msg="neo4jstore: load: done"`) {
		t.Errorf("no summary line in the log:\n%s", logs.String())
	}
}

// TestPasswordNeverShown checks that a wrong password, a password in the
// URI and a server that is down never put the password in an error or a
// log line.
func TestPasswordNeverShown(t *testing.T) {
	srv := needServer(t)
	const secret = "s3cr3t-Pa55w0rd-never-shown"
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, nil))
	ctx := context.Background()
	shown := func(what string, err error) {
		t.Helper()
		if err == nil {
			t.Errorf("%s: no error", what)
			return
		}
		if strings.Contains(err.Error(), secret) || strings.Contains(fmt.Sprintf("%+v", err), secret) {
			t.Errorf("%s: the password is in the error: %v", what, err)
		}
	}

	wrong := srv.cfg
	wrong.Password, wrong.Logger = secret, logger
	if wrong.User == "" {
		wrong.User = "neo4j"
	}
	st, err := Open(ctx, wrong)
	if err != nil {
		t.Fatal(err)
	}
	shown("Ready with a wrong password", st.Ready(ctx))
	_, err = st.Load(ctx, storetest.Fixture())
	shown("Load with a wrong password", err)
	st.Close(ctx)

	_, err = Open(ctx, Config{URI: "http://admin:" + secret + "@127.0.0.1:1", User: "admin", Password: secret, Logger: logger})
	shown("Open with a bad scheme and the password in the URI", err)

	down := Config{URI: fmt.Sprintf("bolt://127.0.0.1:%d", mustFreePort(t)), User: "admin", Password: secret, Logger: logger}
	st, err = Open(ctx, down)
	if err != nil {
		t.Fatalf("Open on a port nothing listens on: %v", err)
	}
	shown("Ready with the server down", st.Ready(ctx))
	st.Close(ctx)

	if strings.Contains(logs.String(), secret) {
		t.Errorf("the password is in the log:\n%s", logs.String())
	}
}

func mustFreePort(t *testing.T) int {
	t.Helper()
	p, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestOpenSchemes checks that Open takes every scheme the driver defines
// without contacting the server, and refuses others with a clear error.
func TestOpenSchemes(t *testing.T) {
	ctx := context.Background()
	for _, scheme := range []string{"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"} {
		st, err := Open(ctx, Config{URI: scheme + "://127.0.0.1:1"})
		if err != nil {
			t.Errorf("Open(%s://): %v", scheme, err)
			continue
		}
		st.Close(ctx)
	}
	for _, uri := range []string{"", "http://127.0.0.1:7474", "127.0.0.1:7687"} {
		if _, err := Open(ctx, Config{URI: uri}); err == nil || !strings.HasPrefix(err.Error(), "neo4jstore: ") {
			t.Errorf("Open(%q) error = %v, want one starting neo4jstore:", uri, err)
		}
	}
}

// TestServerDownAndBack stops the Neo4j server under an open store:
// Ready and queries fail with errors, nothing panics, and once the server
// is back the same store answers again, with the data it held.
func TestServerDownAndBack(t *testing.T) {
	srv := needServer(t)
	if !srv.owned {
		t.Skip("needs a server the test can stop and start: it runs on the Neo4j the tests start, not on NEO4J_URI")
	}
	st := openStore(t, srv)
	ctx := context.Background()
	if err := st.Replace(ctx, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	id := storetest.ID("新昌县")
	if _, err := st.Entity(ctx, id); err != nil {
		t.Fatal(err)
	}

	srv.stop()
	restarted := false
	defer func() {
		if !restarted {
			if err := srv.start(); err != nil {
				t.Errorf("restarting Neo4j: %v", err)
			}
		}
	}()
	short, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	start := time.Now()
	if err := st.Ready(short); err == nil {
		t.Error("Ready with the server down = nil, want an error")
	} else {
		t.Logf("Ready with the server down (%v): %v", time.Since(start).Round(time.Millisecond), err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = st.Entity(short, id)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err == nil || errors.Is(err, graph.ErrNotFound) {
			t.Errorf("query %d with the server down: error %v, want a connection error", i, err)
		}
	}

	if err := srv.start(); err != nil {
		t.Fatalf("restarting Neo4j: %v", err)
	}
	restarted = true
	var err error
	for i := 0; i < 50; i++ {
		if err = st.Ready(ctx); err == nil {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("Ready after the server came back: %v", err)
	}
	e, err := st.Entity(ctx, id)
	if err != nil || e.Name != "新昌县" {
		t.Errorf("Entity(新昌县) after the server came back = %+v, %v", e, err)
	}
}
