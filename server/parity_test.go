package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/collabgraph/collabgraph/graph"
	"github.com/collabgraph/collabgraph/graph/memstore"
	"github.com/collabgraph/collabgraph/graph/neo4jstore"
	"github.com/collabgraph/collabgraph/graph/neo4jstore/neo4jtest"
	"github.com/collabgraph/collabgraph/server"
)

// TestStoreParity runs every operation of docs/queries.graphql through the
// real GraphQL executor twice, over a memstore and over a neo4jstore
// (the Neo4j named by NEO4J_URI, or the Neo4j 5.26 neo4jtest starts) both loaded
// with the seeds, and requires the same JSON answer from both.
func TestStoreParity(t *testing.T) {
	src, doc, g := workedQueries(t)
	ctx := context.Background()

	mem := memstore.New()
	if err := mem.Replace(ctx, g); err != nil {
		t.Fatal(err)
	}
	bolt := neo4jtest.For(t)
	neo, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: bolt.URI, User: bolt.User, Password: bolt.Password,
		Database: bolt.Database, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { neo.Close(ctx) })
	if err := neo.Replace(ctx, g); err != nil {
		t.Fatal(err)
	}

	clients := map[string]*client.Client{}
	for name, st := range map[string]graph.Store{"memstore": mem, "neo4jstore": neo} {
		srv := server.New(server.Options{Store: st})
		srv.MarkLoaded(g, 0)
		clients[name] = client.New(srv, client.Path("/graphql"))
	}
	if len(doc.Operations) < 12 {
		t.Errorf("docs/queries.graphql has %d operations, want a dozen", len(doc.Operations))
	}
	for _, op := range doc.Operations {
		t.Run(op.Name, func(t *testing.T) {
			// RegionsByPage is paged: compare every page, following the
			// cursor, not only the first.
			vars := map[string]any{}
			for page := 1; ; page++ {
				mem := answer(t, clients["memstore"], src, op.Name, vars)
				neo := answer(t, clients["neo4jstore"], src, op.Name, vars)
				if !bytes.Equal(mem, neo) {
					t.Fatalf("page %d: the stores answer differently\n%s", page, jsonDiff(mem, neo))
				}
				t.Logf("page %d: identical, %d bytes", page, len(mem))
				after, more := nextCursor(mem)
				if op.Name != "RegionsByPage" || !more {
					break
				}
				vars = map[string]any{"after": after}
			}
		})
	}
}

// answer runs one operation and returns its data as JSON; an operation
// that answers with errors fails the test.
func answer(t *testing.T, c *client.Client, src, op string, vars map[string]any) []byte {
	t.Helper()
	opts := []client.Option{client.Operation(op)}
	for k, v := range vars {
		opts = append(opts, client.Var(k, v))
	}
	resp, err := c.RawPost(src, opts...)
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Errors) > 0 && string(resp.Errors) != "null" {
		t.Fatalf("errors: %s", resp.Errors)
	}
	data, err := json.Marshal(resp.Data)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) < 10 {
		t.Fatalf("answer %s is empty", data)
	}
	return data
}

// nextCursor reads a connection's pageInfo from an answer.
func nextCursor(data []byte) (string, bool) {
	var out struct {
		Entities struct {
			PageInfo struct {
				HasNextPage bool
				EndCursor   string
			}
		}
	}
	if json.Unmarshal(data, &out) != nil {
		return "", false
	}
	p := out.Entities.PageInfo
	return p.EndCursor, p.HasNextPage && p.EndCursor != ""
}

// jsonDiff shows two JSON answers indented, from a few lines before the
// first line where they differ.
func jsonDiff(a, b []byte) string {
	indent := func(d []byte) []string {
		var buf bytes.Buffer
		_ = json.Indent(&buf, d, "", "  ")
		return strings.Split(buf.String(), "\n")
	}
	la, lb := indent(a), indent(b)
	i := 0
	for i < len(la) && i < len(lb) && la[i] == lb[i] {
		i++
	}
	from := max(0, i-5)
	show := func(l []string) string {
		return strings.Join(l[from:min(len(l), i+15)], "\n")
	}
	return fmt.Sprintf("first difference at line %d\n--- memstore\n%s\n--- neo4jstore\n%s", i+1, show(la), show(lb))
}
