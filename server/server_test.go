package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/collabgraph/collabgraph/graph"
	"github.com/collabgraph/collabgraph/graph/memstore"
	"github.com/collabgraph/collabgraph/graph/storetest"
	"github.com/collabgraph/collabgraph/server"
)

// syncBuffer collects log output written from many goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func fixtureStore(t testing.TB) *memstore.Store {
	t.Helper()
	st := memstore.New()
	if err := st.Replace(context.Background(), storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	return st
}

// start serves opts over a real loopback listener, marked loaded, and
// returns its URL and its log.
func start(t *testing.T, opts server.Options) (string, *syncBuffer, *server.Server) {
	t.Helper()
	logs := &syncBuffer{}
	if opts.Store == nil {
		opts.Store = fixtureStore(t)
	}
	opts.Log = slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	srv := server.New(opts)
	srv.MarkLoaded(storetest.Fixture(), 3*time.Millisecond)
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts.URL, logs, srv
}

type response struct {
	Status int
	Header http.Header
	Body   []byte
	Data   map[string]json.RawMessage
	Errors []struct {
		Message    string
		Extensions struct{ Code string }
	}
}

func (r *response) code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	return r.Errors[0].Extensions.Code
}

func do(t *testing.T, req *http.Request) *response {
	t.Helper()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	out := &response{Status: res.StatusCode, Header: res.Header, Body: body}
	if strings.Contains(res.Header.Get("Content-Type"), "json") {
		_ = json.Unmarshal(body, out)
	}
	return out
}

func postRaw(t *testing.T, base, contentType string, body io.Reader) *response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, base+"/graphql", body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	return do(t, req)
}

func postQuery(t *testing.T, base, query string) *response {
	t.Helper()
	b, _ := json.Marshal(map[string]any{"query": query})
	return postRaw(t, base, "application/json", bytes.NewReader(b))
}

func get(t *testing.T, u string) *response {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	return do(t, req)
}

const normalQuery = `{ stats { documents } }`

func wantNormal(t *testing.T, base string) {
	t.Helper()
	r := postQuery(t, base, normalQuery)
	if r.Status != 200 || len(r.Errors) > 0 || string(r.Data["stats"]) != `{"documents":2}` {
		t.Fatalf("normal query: %d %s", r.Status, r.Body)
	}
}

func TestTransports(t *testing.T) {
	base, _, _ := start(t, server.Options{})

	t.Run("POST application/json runs a query", func(t *testing.T) { wantNormal(t, base) })

	t.Run("GET runs a query", func(t *testing.T) {
		r := get(t, base+"/graphql?query="+url.QueryEscape(normalQuery))
		if r.Status != 200 || string(r.Data["stats"]) != `{"documents":2}` {
			t.Errorf("GET: %d %s", r.Status, r.Body)
		}
	})

	t.Run("GET refuses a mutation", func(t *testing.T) {
		r := get(t, base+"/graphql?query="+url.QueryEscape(`mutation { x }`))
		if r.Status < 400 || len(r.Data) > 0 && string(r.Data["x"]) != "" {
			t.Errorf("GET mutation: %d %s", r.Status, r.Body)
		}
	})

	for _, ct := range []string{"text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "", "application/graphql"} {
		t.Run("POST "+ct+" is 415", func(t *testing.T) {
			r := postRaw(t, base, ct, strings.NewReader(`{"query":"{ stats { documents } }"}`))
			if r.Status != http.StatusUnsupportedMediaType {
				t.Errorf("status %d, want 415: %s", r.Status, r.Body)
			}
		})
	}

	t.Run("PUT is 405", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodPut, base+"/graphql", strings.NewReader(`{}`))
		req.Header.Set("Content-Type", "application/json")
		if r := do(t, req); r.Status != http.StatusMethodNotAllowed {
			t.Errorf("status %d, want 405", r.Status)
		}
	})

	t.Run("a body that is not JSON is BAD_REQUEST", func(t *testing.T) {
		r := postRaw(t, base, "application/json", strings.NewReader(`{"query": `))
		if r.Status != 400 || r.code() != "BAD_REQUEST" {
			t.Errorf("status %d code %q: %s", r.Status, r.code(), r.Body)
		}
	})

	t.Run("a syntax error is GRAPHQL_PARSE_FAILED", func(t *testing.T) {
		r := postQuery(t, base, `{ stats { `)
		if r.code() != "GRAPHQL_PARSE_FAILED" {
			t.Errorf("status %d code %q", r.Status, r.code())
		}
	})
}

func TestBodyLimits(t *testing.T) {
	base, _, _ := start(t, server.Options{})
	big := `{"query":"{ stats { documents } }", "pad": "` + strings.Repeat("x", server.DefaultMaxBodyBytes) + `"}`

	t.Run("a body over 64 KiB is 413", func(t *testing.T) {
		if r := postRaw(t, base, "application/json", strings.NewReader(big)); r.Status != http.StatusRequestEntityTooLarge {
			t.Errorf("status %d, want 413", r.Status)
		}
	})

	t.Run("a chunked body over 64 KiB is 413", func(t *testing.T) {
		// No Content-Length: the limit must hold while reading.
		r := postRaw(t, base, "application/json", io.MultiReader(strings.NewReader(big)))
		if r.Status != http.StatusRequestEntityTooLarge {
			t.Errorf("status %d, want 413", r.Status)
		}
	})

	t.Run("a GET query string over 64 KiB is 414", func(t *testing.T) {
		q := "{ stats { documents } }" + strings.Repeat(" ", server.DefaultMaxBodyBytes)
		if r := get(t, base+"/graphql?query="+url.QueryEscape(q)); r.Status != http.StatusRequestURITooLong {
			t.Errorf("status %d, want 414", r.Status)
		}
	})

	t.Run("a body just under the limit runs", func(t *testing.T) {
		q := `{"query":"{ stats { documents } }", "extensions": {"pad": "` + strings.Repeat("x", server.DefaultMaxBodyBytes-200) + `"}}`
		if r := postRaw(t, base, "application/json", strings.NewReader(q)); r.Status != 200 || len(r.Errors) > 0 {
			t.Errorf("status %d: %.200s", r.Status, r.Body)
		}
	})
}

func nested(depth int) string {
	// entity { relations { nodes { from { relations { nodes { ... } } } } } }
	var b strings.Builder
	b.WriteString(`{ entity(id: "` + storetest.ID("临平区") + `") {`)
	open := 1
	for open < depth {
		b.WriteString(" relations(first: 2) { nodes { from {")
		open += 3
	}
	b.WriteString(" id")
	b.WriteString(strings.Repeat(" } } }", (open-1)/3))
	b.WriteString(" } }")
	return b.String()
}

func TestShapeAndComplexityLimits(t *testing.T) {
	base, _, _ := start(t, server.Options{})

	t.Run("depth 10 runs", func(t *testing.T) {
		if r := postQuery(t, base, nested(10)); r.Status != 200 || len(r.Errors) > 0 {
			t.Errorf("status %d: %s", r.Status, r.Body)
		}
	})

	t.Run("deeper than 12 is TOO_COMPLEX", func(t *testing.T) {
		r := postQuery(t, base, nested(16))
		if r.Status != 422 || r.code() != "TOO_COMPLEX" {
			t.Errorf("status %d code %q: %s", r.Status, r.code(), r.Body)
		}
	})

	t.Run("more than 100 root fields is TOO_COMPLEX", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("{")
		for i := range 101 {
			fmt.Fprintf(&b, " a%d: stats { documents }", i)
		}
		b.WriteString(" }")
		if r := postQuery(t, base, b.String()); r.code() != "TOO_COMPLEX" {
			t.Errorf("101 aliases: status %d code %q", r.Status, r.code())
		}
	})

	t.Run("a fragment bomb is refused quickly", func(t *testing.T) {
		// Each fragment doubles the one before: 2^20 fields when expanded.
		var b strings.Builder
		b.WriteString("{ stats { ...F0 } }\nfragment F20 on Stats { documents }\n")
		for i := 19; i >= 0; i-- {
			fmt.Fprintf(&b, "fragment F%d on Stats { ...F%d a%d: entities { count } ...F%d }\n", i, i+1, i, i+1)
		}
		start := time.Now()
		r := postQuery(t, base, b.String())
		if r.code() != "TOO_COMPLEX" && r.code() != "GRAPHQL_VALIDATION_FAILED" {
			t.Errorf("status %d code %q: %.300s", r.Status, r.code(), r.Body)
		}
		if took := time.Since(start); took > 2*time.Second {
			t.Errorf("took %v to refuse", took)
		}
	})

	t.Run("nested lists past the complexity limit are TOO_COMPLEX", func(t *testing.T) {
		r := postQuery(t, base, `{ entities(first: 500) { nodes { neighbors(first: 500) { neighbors(first: 500) { name } } } } }`)
		if r.Status != 422 || r.code() != "TOO_COMPLEX" {
			t.Errorf("status %d code %q", r.Status, r.code())
		}
	})

	t.Run("GraphiQL's introspection query runs", func(t *testing.T) {
		r := postQuery(t, base, introspectionQuery)
		if r.Status != 200 || len(r.Errors) > 0 || !bytes.Contains(r.Body, []byte(`"COOPERATES_WITH"`)) {
			t.Errorf("status %d: %.300s", r.Status, r.Body)
		}
	})
}

// panicStore panics where a store must not: in Entity for id "boom" and
// in Degrees, which runs inside a batch, for any id of an enclave.
type panicStore struct{ graph.Store }

func (s panicStore) Entity(ctx context.Context, id string) (*graph.Entity, error) {
	if id == "boom" {
		panic("panicStore: Entity boom")
	}
	return s.Store.Entity(ctx, id)
}

func (s panicStore) Degrees(ctx context.Context, ids []string) ([]int, error) {
	for _, id := range ids {
		if strings.HasPrefix(id, "enclave-") {
			panic("panicStore: Degrees of an enclave")
		}
	}
	return s.Store.Degrees(ctx, ids)
}

// slowStore's Stats waits until the request's deadline.
type slowStore struct{ graph.Store }

func (s slowStore) Stats(ctx context.Context) (*graph.Stats, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

func TestFailuresStayContained(t *testing.T) {
	base, logs, _ := start(t, server.Options{Store: panicStore{fixtureStore(t)}})

	t.Run("a panic in a resolver is a 500 with INTERNAL and a log line", func(t *testing.T) {
		r := postQuery(t, base, `{ entity(id: "boom") { name } }`)
		if r.Status != 500 || r.code() != "INTERNAL" {
			t.Errorf("status %d code %q: %s", r.Status, r.code(), r.Body)
		}
		if bytes.Contains(r.Body, []byte("panicStore")) {
			t.Errorf("the panic leaked to the client: %s", r.Body)
		}
		if !strings.Contains(logs.String(), "panicStore: Entity boom") {
			t.Errorf("no log line names the panic:\n%s", logs)
		}
	})

	t.Run("a panic inside a batch is a 500 with INTERNAL", func(t *testing.T) {
		r := postQuery(t, base, `{ enclaves { name degree } }`)
		if r.Status != 500 || r.code() != "INTERNAL" {
			t.Errorf("status %d code %q: %s", r.Status, r.code(), r.Body)
		}
	})

	t.Run("after a huge body, a deep query, an abusive one and panics, a normal query still works", func(t *testing.T) {
		postRaw(t, base, "application/json", strings.NewReader(strings.Repeat("[", 1<<20)))
		postQuery(t, base, nested(40))
		postQuery(t, base, `{ entities(first: 500) { nodes { neighbors(first: 500) { neighbors(first: 500) { name } } } } }`)
		postQuery(t, base, `{ entity(id: "boom") { name } }`)
		wantNormal(t, base)
		if r := get(t, base+"/healthz"); r.Status != 200 {
			t.Errorf("healthz %d", r.Status)
		}
	})

	t.Run("a request past its time limit is TIMEOUT", func(t *testing.T) {
		slow, _, _ := start(t, server.Options{Store: slowStore{fixtureStore(t)}, Timeout: 50 * time.Millisecond})
		r := postQuery(t, slow, normalQuery)
		if r.code() != "TIMEOUT" {
			t.Errorf("status %d code %q: %s", r.Status, r.code(), r.Body)
		}
		// The timeout is per request: the next one starts afresh.
		if r := postQuery(t, slow, `{ entity(id: "`+storetest.ID("新昌县")+`") { name } }`); len(r.Errors) > 0 {
			t.Errorf("next request: %s", r.Body)
		}
	})
}

func TestCORS(t *testing.T) {
	preflight := func(base, origin string) *response {
		req, _ := http.NewRequest(http.MethodOptions, base+"/graphql", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "content-type")
		return do(t, req)
	}
	withOrigin := func(base, origin string) *response {
		req, _ := http.NewRequest(http.MethodGet, base+"/graphql?query="+url.QueryEscape(normalQuery), nil)
		req.Header.Set("Origin", origin)
		return do(t, req)
	}

	t.Run("by default no origin is allowed", func(t *testing.T) {
		base, _, _ := start(t, server.Options{})
		if r := preflight(base, "https://elsewhere.example"); r.Status != 403 || r.Header.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("preflight: %d %v", r.Status, r.Header)
		}
		if r := withOrigin(base, "https://elsewhere.example"); r.Header.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("GET allowed the origin: %v", r.Header)
		}
	})

	t.Run("a configured origin is allowed, others are not", func(t *testing.T) {
		base, _, _ := start(t, server.Options{CORSOrigins: []string{"https://planner.example"}})
		r := preflight(base, "https://planner.example")
		if r.Status != 204 || r.Header.Get("Access-Control-Allow-Origin") != "https://planner.example" ||
			!strings.Contains(r.Header.Get("Access-Control-Allow-Methods"), "POST") {
			t.Errorf("preflight: %d %v", r.Status, r.Header)
		}
		if r := withOrigin(base, "https://planner.example"); r.Header.Get("Access-Control-Allow-Origin") != "https://planner.example" {
			t.Errorf("GET: %v", r.Header)
		}
		if r := preflight(base, "https://evil.example"); r.Status != 403 {
			t.Errorf("other origin preflight: %d", r.Status)
		}
		if r := withOrigin(base, "https://evil.example"); r.Header.Get("Access-Control-Allow-Origin") != "" || !strings.Contains(r.Header.Get("Vary"), "Origin") {
			t.Errorf("other origin GET: %v", r.Header)
		}
	})

	t.Run("* allows any origin", func(t *testing.T) {
		base, _, _ := start(t, server.Options{CORSOrigins: []string{"*"}})
		if r := preflight(base, "https://any.example"); r.Status != 204 || r.Header.Get("Access-Control-Allow-Origin") != "https://any.example" {
			t.Errorf("preflight: %d %v", r.Status, r.Header)
		}
	})
}

func TestProbes(t *testing.T) {
	logs := &syncBuffer{}
	srv := server.New(server.Options{Store: fixtureStore(t), Log: slog.New(slog.NewJSONHandler(logs, nil))})
	ts := httptest.NewServer(srv)
	defer ts.Close()

	if r := get(t, ts.URL+"/healthz"); r.Status != 200 {
		t.Errorf("healthz before load: %d", r.Status)
	}
	if r := get(t, ts.URL+"/readyz"); r.Status != 503 {
		t.Errorf("readyz before load: %d, want 503", r.Status)
	}
	srv.MarkLoaded(storetest.Fixture(), 12*time.Millisecond)
	if r := get(t, ts.URL+"/readyz"); r.Status != 200 {
		t.Errorf("readyz after load: %d", r.Status)
	}
}

func TestMetrics(t *testing.T) {
	base, _, _ := start(t, server.Options{})
	wantNormal(t, base)
	postQuery(t, base, `query Corridors { corridors { name } }`)
	postQuery(t, base, `query Bad { paths(from: "a", to: "b", maxHops: 9) { length } }`)
	get(t, base+"/nowhere")

	r := get(t, base+"/metrics")
	body := string(r.Body)
	for _, want := range []string{
		`collabgraph_http_requests_total{code="200",route="/graphql"}`,
		`collabgraph_http_request_duration_seconds_bucket{route="/graphql",le="0.005"}`,
		`collabgraph_graphql_operations_total{operation="Corridors"} 1`,
		`collabgraph_graphql_operations_total{operation="anonymous"} 1`,
		`collabgraph_graphql_errors_total{code="BAD_USER_INPUT"} 1`,
		`collabgraph_store_loaded{what="entities"} 18`,
		`collabgraph_store_load_seconds 0.003`,
		`collabgraph_ready 1`,
		`collabgraph_http_requests_total{code="404",route="/"}`,
		`go_goroutines`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

func TestMetricsCapOperationNames(t *testing.T) {
	base, _, _ := start(t, server.Options{})
	for i := range 210 {
		postQuery(t, base, fmt.Sprintf(`query Op%d { stats { documents } }`, i))
	}
	body := string(get(t, base+"/metrics").Body)
	if n := strings.Count(body, "collabgraph_graphql_operations_total{operation="); n > 201 {
		t.Errorf("%d operation series, want at most 200 and other", n)
	}
	if !strings.Contains(body, `collabgraph_graphql_operations_total{operation="other"} 10`) {
		t.Error("names past the cap are not counted as other")
	}
}

var localURL = regexp.MustCompile(`(?:src|href)="([^"]*)"`)

func TestGraphiQL(t *testing.T) {
	base, _, _ := start(t, server.Options{})
	page := get(t, base+"/graphiql")
	if page.Status != 200 || !strings.HasPrefix(page.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("page: %d %v", page.Status, page.Header)
	}
	if csp := page.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || !strings.Contains(csp, "connect-src 'self'") {
		t.Errorf("CSP %q does not confine scripts and requests to this origin", csp)
	}
	refs := localURL.FindAllStringSubmatch(string(page.Body), -1)
	if len(refs) < 5 {
		t.Fatalf("page references %d files: %s", len(refs), page.Body)
	}
	for _, m := range refs {
		u := m[1]
		if strings.HasPrefix(u, "data:") {
			continue // inline, fetches nothing (the empty favicon)
		}
		if !strings.HasPrefix(u, "/") || strings.HasPrefix(u, "//") {
			t.Errorf("page references %q: not a local URL", u)
			continue
		}
		r := get(t, base+u)
		if r.Status != 200 || len(r.Body) == 0 {
			t.Errorf("%s: %d", u, r.Status)
		}
		wantType := map[string]string{".js": "javascript", ".css": "text/css"}[u[strings.LastIndex(u, "."):]]
		if !strings.Contains(r.Header.Get("Content-Type"), wantType) {
			t.Errorf("%s: Content-Type %q", u, r.Header.Get("Content-Type"))
		}
	}
	boot := string(get(t, base+"/graphiql/boot.js").Body)
	if !strings.Contains(boot, "url: '/graphql'") || strings.Contains(boot, "http") {
		t.Errorf("boot.js does not point GraphiQL at this server's /graphql only:\n%s", boot)
	}
	if r := get(t, base+"/graphiql/nope.js"); r.Status != 404 {
		t.Errorf("missing asset: %d", r.Status)
	}
}

func TestRootPage(t *testing.T) {
	t.Run("without a page, / is a plain 404 naming the endpoints", func(t *testing.T) {
		base, _, _ := start(t, server.Options{})
		r := get(t, base+"/")
		if r.Status != 404 || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/plain") || !strings.Contains(string(r.Body), "/graphql") {
			t.Errorf("%d %v %s", r.Status, r.Header, r.Body)
		}
	})
	t.Run("with a page, / serves it", func(t *testing.T) {
		base, _, _ := start(t, server.Options{Page: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, "the page at "+r.URL.Path)
		})})
		if r := get(t, base+"/?sel=x"); r.Status != 200 || string(r.Body) != "the page at /" {
			t.Errorf("%d %s", r.Status, r.Body)
		}
	})
}

func TestPlainEntity(t *testing.T) {
	base, _, _ := start(t, server.Options{BenchPlain: true})
	r := get(t, base+"/plain/entity?id="+storetest.ID("新昌县"))
	if r.Status != 200 || !bytes.Contains(r.Body, []byte(`"name":"新昌县"`)) {
		t.Errorf("%d %s", r.Status, r.Body)
	}
	noBench, _, _ := start(t, server.Options{})
	if r := get(t, noBench+"/plain/entity?id=x"); r.Status != 404 {
		t.Errorf("without BenchPlain: %d", r.Status)
	}
}

// introspectionQuery is the query GraphiQL sends on load (graphql-js's
// getIntrospectionQuery), whose TypeRef nests ofType nine levels deep.
const introspectionQuery = `query IntrospectionQuery {
  __schema {
    queryType { name } mutationType { name } subscriptionType { name }
    types { ...FullType }
    directives { name description locations args { ...InputValue } }
  }
}
fragment FullType on __Type {
  kind name description
  fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
  inputFields { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
fragment TypeRef on __Type {
  kind name
  ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }
}`

func TestExport(t *testing.T) {
	base, _, _ := start(t, server.Options{})

	t.Run("the whole graph as JSON", func(t *testing.T) {
		r := get(t, base+"/export.json")
		var g graph.Graph
		if err := json.Unmarshal(r.Body, &g); err != nil {
			t.Fatalf("%d: %v: %.200s", r.Status, err, r.Body)
		}
		if len(g.Entities) != 18 || len(g.Relations) != 25 || len(g.Documents) != 2 || len(g.Errors) != 1 {
			t.Errorf("export has %d entities, %d relations, %d documents, %d errors; want the fixture's 18, 25, 2, 1",
				len(g.Entities), len(g.Relations), len(g.Documents), len(g.Errors))
		}
		if cd := r.Header.Get("Content-Disposition"); cd != `attachment; filename="collabgraph.json"` {
			t.Errorf("Content-Disposition %q", cd)
		}
	})

	t.Run("the neighbourhood of 新昌县 as GraphML", func(t *testing.T) {
		id := storetest.ID("新昌县")
		r := get(t, base+"/export.graphml?center="+id+"&depth=1")
		if r.Status != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/graphml+xml") {
			t.Fatalf("%d %v", r.Status, r.Header)
		}
		body := string(r.Body)
		if !strings.Contains(body, "<graphml") || !strings.Contains(body, "新昌县科创飞地(西湖区)") || strings.Contains(body, "钱塘科学城") {
			t.Errorf("GraphML lacks 新昌县's enclave or holds an entity from outside its neighbourhood:\n%.500s", body)
		}
		if cd := r.Header.Get("Content-Disposition"); cd != `attachment; filename="collabgraph-`+id+`-depth1.graphml"` {
			t.Errorf("Content-Disposition %q", cd)
		}
	})

	t.Run("every format is served", func(t *testing.T) {
		for _, p := range []string{"/export.gexf", "/export.csv", "/export.nodes.csv"} {
			if r := get(t, base+p); r.Status != 200 || len(r.Body) < 100 {
				t.Errorf("%s: %d, %d bytes", p, r.Status, len(r.Body))
			}
		}
	})

	t.Run("an unknown center is 404, a bad depth 400", func(t *testing.T) {
		if r := get(t, base+"/export.json?center=region-000000000000"); r.Status != 404 {
			t.Errorf("unknown center: %d", r.Status)
		}
		if r := get(t, base+"/export.json?center="+storetest.ID("新昌县")+"&depth=9"); r.Status != 400 {
			t.Errorf("depth 9: %d", r.Status)
		}
	})
}

// blockingStore's Stats waits until released, holding its request in
// flight.
type blockingStore struct {
	graph.Store
	entered chan struct{}
	release chan struct{}
}

func (s blockingStore) Stats(ctx context.Context) (*graph.Stats, error) {
	s.entered <- struct{}{}
	<-s.release
	return s.Store.Stats(ctx)
}

func TestInFlightLimit(t *testing.T) {
	st := blockingStore{Store: fixtureStore(t), entered: make(chan struct{}, 2), release: make(chan struct{})}
	base, _, _ := start(t, server.Options{Store: st, MaxInFlight: 2})
	done := make(chan *response, 2)
	for range 2 {
		go func() {
			// Not postQuery: t.Fatal belongs to the test's goroutine.
			res, err := http.Post(base+"/graphql", "application/json", strings.NewReader(`{"query":"`+normalQuery+`"}`))
			if err != nil {
				done <- &response{Status: -1, Body: []byte(err.Error())}
				return
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			r := &response{Status: res.StatusCode, Body: body}
			_ = json.Unmarshal(body, r)
			done <- r
		}()
	}
	<-st.entered
	<-st.entered
	r := postQuery(t, base, `{ entity(id: "x") { name } }`)
	if r.Status != http.StatusServiceUnavailable || r.code() != "OVERLOADED" || r.Header.Get("Retry-After") == "" {
		t.Errorf("third request while two are in flight: %d %q %v", r.Status, r.code(), r.Header)
	}
	close(st.release)
	for range 2 {
		if r := <-done; r.Status != 200 || len(r.Errors) > 0 {
			t.Errorf("admitted request: %d %s", r.Status, r.Body)
		}
	}
	if r := postQuery(t, base, `{ entity(id: "x") { name } }`); r.Status != 200 {
		t.Errorf("after the flood: %d %s", r.Status, r.Body)
	}
}
