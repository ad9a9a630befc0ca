package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/collabgraph/collabgraph/graph"
	"github.com/collabgraph/collabgraph/graph/api"
	"github.com/collabgraph/collabgraph/graph/memstore"
	"github.com/collabgraph/collabgraph/graph/storetest"
)

// newClient serves the schema over st the way the server does, minus the
// HTTP limits that the server package tests.
func newClient(t testing.TB, st graph.Store) *client.Client {
	t.Helper()
	return client.New(newHandler(st))
}

func newHandler(st graph.Store) http.Handler {
	srv := handler.New(api.NewSchema(st))
	srv.AddTransport(transport.POST{})
	srv.AroundOperations(api.Loaders(st))
	srv.SetRecoverFunc(api.Recover)
	srv.SetErrorPresenter(func(ctx context.Context, err error) *gqlerror.Error {
		pub, _ := api.PresentError(ctx, err)
		return pub
	})
	return srv
}

func fixtureStore(t testing.TB) *memstore.Store {
	t.Helper()
	st := memstore.New()
	if err := st.Replace(context.Background(), storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	return st
}

type gqlError struct {
	Message    string `json:"message"`
	Extensions struct {
		Code     string `json:"code"`
		Argument string `json:"argument"`
	} `json:"extensions"`
}

// post runs query and decodes data into out; it fails the test on errors.
func post(t *testing.T, c *client.Client, query string, out any, opts ...client.Option) {
	t.Helper()
	resp, err := c.RawPost(query, opts...)
	if err != nil {
		t.Fatalf("post: %v", err)
	}
	if len(resp.Errors) > 0 && string(resp.Errors) != "null" {
		t.Fatalf("query failed: %s\n%s", resp.Errors, query)
	}
	b, _ := json.Marshal(resp.Data)
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatalf("decode %s: %v", b, err)
	}
}

// errorCodes runs query and returns its errors. It posts through the
// client's request encoding but reads the body itself, since the client
// turns a 422 (a refused operation) into an opaque error.
func errorCodes(t *testing.T, c *client.Client, query string, opts ...client.Option) []gqlError {
	t.Helper()
	var errs []gqlError
	resp, err := c.RawPost(query, opts...)
	switch {
	case err != nil:
		msg := err.Error()
		i := strings.Index(msg, "{")
		if !strings.HasPrefix(msg, "http 422") || i < 0 {
			t.Fatalf("post: %v", err)
		}
		var body struct{ Errors []gqlError }
		if err := json.Unmarshal([]byte(msg[i:]), &body); err != nil {
			t.Fatalf("decode %s: %v", msg, err)
		}
		errs = body.Errors
	case len(resp.Errors) > 0:
		if err := json.Unmarshal(resp.Errors, &errs); err != nil {
			t.Fatalf("decode errors %s: %v", resp.Errors, err)
		}
	}
	return errs
}

func wantCode(t *testing.T, c *client.Client, query, code string) gqlError {
	t.Helper()
	errs := errorCodes(t, c, query)
	if len(errs) == 0 {
		t.Fatalf("no error, want %s\n%s", code, query)
	}
	if errs[0].Extensions.Code != code {
		t.Fatalf("error %q has code %q, want %s", errs[0].Message, errs[0].Extensions.Code, code)
	}
	return errs[0]
}

type entity struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Kind    string   `json:"kind"`
	Level   *string  `json:"level"`
	Code    *string  `json:"code"`
	Aliases []string `json:"aliases"`
	Degree  int      `json:"degree"`
}

func names(es []entity) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Name
	}
	return out
}

func TestAPI(t *testing.T) {
	c := newClient(t, fixtureStore(t))
	id := storetest.ID

	t.Run("entity by id has its fields and degree", func(t *testing.T) {
		var out struct{ Entity entity }
		post(t, c, fmt.Sprintf(`{ entity(id: %q) { id name kind level code aliases degree } }`, id("上海市")), &out)
		e := out.Entity
		if e.Name != "上海市" || e.Kind != "REGION" || e.Level == nil || *e.Level != "province" || *e.Code != "310000" {
			t.Errorf("entity = %+v", e)
		}
		if !slices.Equal(e.Aliases, []string{"上海"}) {
			t.Errorf("aliases = %q", e.Aliases)
		}
		// JOINS G60, COOPERATES_WITH 杭州市 and 新昌县.
		if e.Degree != 3 {
			t.Errorf("degree = %d, want 3", e.Degree)
		}
	})

	t.Run("level and code are null for a non-region", func(t *testing.T) {
		var out struct{ Entity entity }
		post(t, c, fmt.Sprintf(`{ entity(id: %q) { name level code } }`, id("西湖大学")), &out)
		if out.Entity.Level != nil || out.Entity.Code != nil {
			t.Errorf("level %v code %v, want null", out.Entity.Level, out.Entity.Code)
		}
	})

	t.Run("unknown entity is null, not an error", func(t *testing.T) {
		var out struct{ Entity *entity }
		post(t, c, `{ entity(id: "region-000000000000") { name } }`, &out)
		if out.Entity != nil {
			t.Errorf("entity = %+v, want null", out.Entity)
		}
	})

	t.Run("empty id is BAD_USER_INPUT", func(t *testing.T) {
		e := wantCode(t, c, `{ entity(id: "") { name } }`, api.CodeBadUserInput)
		if e.Extensions.Argument != "id" {
			t.Errorf("argument = %q, want id", e.Extensions.Argument)
		}
	})

	t.Run("relation by id with ends, year and evidence documents", func(t *testing.T) {
		var out struct {
			Relation struct {
				Kind, Status string
				Year         *int
				From, To     entity
				Evidence     []struct {
					Text, Status string
					Start, End   int
					Document     struct{ ID, Title string }
				}
			}
		}
		post(t, c, fmt.Sprintf(`{ relation(id: %q) { kind status year from { name } to { name }
			evidence { text status start end document { id title } } } }`, storetest.RelationID("杭州市 COOPERATES_WITH 上海市")), &out)
		r := out.Relation
		if r.Kind != "COOPERATES_WITH" || r.Status != "ESTABLISHED" || r.Year == nil || *r.Year != 2023 {
			t.Errorf("relation = %+v", r)
		}
		if len(r.Evidence) != 2 {
			t.Fatalf("evidence = %+v, want 2 places", r.Evidence)
		}
		for _, ev := range r.Evidence {
			if ev.End-ev.Start != len([]rune(ev.Text)) || ev.Document.Title == "" {
				t.Errorf("evidence %+v: offsets do not span the text or no document", ev)
			}
		}
		if r.Evidence[0].Status != "PLANNED" || r.Evidence[1].Status != "ESTABLISHED" {
			t.Errorf("evidence statuses %s, %s; want PLANNED then ESTABLISHED", r.Evidence[0].Status, r.Evidence[1].Status)
		}
	})

	t.Run("relations page through opaque cursors", func(t *testing.T) {
		type page struct {
			Entity struct {
				Relations struct {
					TotalCount int
					Edges      []struct{ Cursor string }
					Nodes      []struct{ ID string }
					PageInfo   struct {
						HasNextPage bool
						EndCursor   *string
					}
				}
			}
		}
		var all []string
		after := "null"
		for i := 0; ; i++ {
			var out page
			post(t, c, fmt.Sprintf(`{ entity(id: %q) { relations(first: 2, after: %s) {
				totalCount edges { cursor } nodes { id } pageInfo { hasNextPage endCursor } } } }`, id("临平区"), after), &out)
			rel := out.Entity.Relations
			// PART_OF 杭州市, OPERATES its enclave, JOINS G60 and the
			// alliance, COOPERATES_WITH 阿里云.
			if rel.TotalCount != 5 {
				t.Fatalf("totalCount = %d, want 5", rel.TotalCount)
			}
			for _, n := range rel.Nodes {
				all = append(all, n.ID)
			}
			if strings.Contains(rel.Edges[0].Cursor, "relation") {
				t.Errorf("cursor %q is not opaque", rel.Edges[0].Cursor)
			}
			if !rel.PageInfo.HasNextPage {
				break
			}
			if i > 5 {
				t.Fatal("paging does not end")
			}
			after = fmt.Sprintf("%q", *rel.PageInfo.EndCursor)
		}
		if len(all) != 5 || !slices.IsSorted(all) || len(slices.Compact(slices.Clone(all))) != 5 {
			t.Errorf("paged ids = %q, want 5 distinct in order", all)
		}
	})

	t.Run("a cursor from another listing is BAD_USER_INPUT", func(t *testing.T) {
		var out struct {
			Entities struct{ PageInfo struct{ EndCursor string } }
		}
		post(t, c, `{ entities(first: 1) { pageInfo { endCursor } } }`, &out)
		wantCode(t, c, fmt.Sprintf(`{ entity(id: %q) { relations(after: %q) { totalCount } } }`, id("临平区"), out.Entities.PageInfo.EndCursor), api.CodeBadUserInput)
		wantCode(t, c, `{ entities(after: "!!not base64") { totalCount } }`, api.CodeBadUserInput)
	})

	t.Run("relations filter by kind, direction and status", func(t *testing.T) {
		var out struct {
			Entity struct {
				Out struct{ Nodes []struct{ To entity } }
				In  struct{ Nodes []struct{ From entity } }
			}
		}
		post(t, c, fmt.Sprintf(`{ entity(id: %q) {
			out: relations(kinds: [JOINS], direction: OUT, status: PLANNED) { nodes { to { name } } }
			in: relations(direction: IN) { nodes { from { name } } } } }`, id("临平区")), &out)
		var to []string
		for _, n := range out.Entity.Out.Nodes {
			to = append(to, n.To.Name)
		}
		slices.Sort(to)
		if !slices.Equal(to, []string{"G60科创走廊", "长三角区域校地合作联盟"}) {
			t.Errorf("planned JOINS out of 临平区 = %q", to)
		}
		// IN: only the symmetric COOPERATES_WITH with 阿里云 reaches 临平区.
		if len(out.Entity.In.Nodes) != 1 {
			t.Errorf("relations into 临平区 = %+v, want the one with 阿里云", out.Entity.In.Nodes)
		}
	})

	t.Run("neighbors filter by entity kind", func(t *testing.T) {
		var out struct{ Entity struct{ Neighbors []entity } }
		post(t, c, fmt.Sprintf(`{ entity(id: %q) { neighbors(kinds: [ENCLAVE]) { name } } }`, id("新昌县")), &out)
		got := names(out.Entity.Neighbors)
		slices.Sort(got)
		if !slices.Equal(got, []string{"新昌县科创飞地(滨江区)", "新昌县科创飞地(西湖区)"}) {
			t.Errorf("enclave neighbours of 新昌县 = %q", got)
		}
	})

	t.Run("documents and evidence of an entity", func(t *testing.T) {
		var out struct {
			Entity struct {
				Documents []struct{ ID string }
				Evidence  []struct{ Text string }
			}
		}
		post(t, c, fmt.Sprintf(`{ entity(id: %q) { documents { id } evidence(first: 2) { text } } }`, id("杭州市")), &out)
		var docs []string
		for _, d := range out.Entity.Documents {
			docs = append(docs, d.ID)
		}
		if !slices.Equal(docs, []string{storetest.DocLinping, storetest.DocXinchang}) {
			t.Errorf("documents = %q", docs)
		}
		if len(out.Entity.Evidence) != 2 {
			t.Errorf("evidence(first: 2) gave %d", len(out.Entity.Evidence))
		}
	})

	t.Run("entities filter by kind and page by cursor", func(t *testing.T) {
		var out struct {
			Entities struct {
				TotalCount int
				Nodes      []entity
				PageInfo   struct {
					HasNextPage bool
					EndCursor   string
				}
			}
		}
		post(t, c, `{ entities(kinds: [REGION], first: 4) { totalCount nodes { name kind } pageInfo { hasNextPage endCursor } } }`, &out)
		if out.Entities.TotalCount != 7 || len(out.Entities.Nodes) != 4 || !out.Entities.PageInfo.HasNextPage {
			t.Fatalf("first page = %+v", out.Entities)
		}
		seen := names(out.Entities.Nodes)
		post(t, c, fmt.Sprintf(`{ entities(kinds: [REGION], first: 4, after: %q) { totalCount nodes { name kind } pageInfo { hasNextPage endCursor } } }`, out.Entities.PageInfo.EndCursor), &out)
		if len(out.Entities.Nodes) != 3 || out.Entities.PageInfo.HasNextPage {
			t.Fatalf("second page = %+v", out.Entities)
		}
		seen = append(seen, names(out.Entities.Nodes)...)
		slices.Sort(seen)
		if len(slices.Compact(seen)) != 7 {
			t.Errorf("two pages repeat or miss regions: %q", seen)
		}
	})

	t.Run("entities(first: 0) gives the count and no nodes", func(t *testing.T) {
		var out struct {
			Entities struct {
				TotalCount int
				Nodes      []entity
				PageInfo   struct{ HasNextPage bool }
			}
		}
		post(t, c, `{ entities(first: 0) { totalCount nodes { id } pageInfo { hasNextPage } } }`, &out)
		if out.Entities.TotalCount != 18 || len(out.Entities.Nodes) != 0 || !out.Entities.PageInfo.HasNextPage {
			t.Errorf("first: 0 = %+v", out.Entities)
		}
	})

	t.Run("entities search by level and pinyin", func(t *testing.T) {
		var out struct{ Entities struct{ Nodes []entity } }
		post(t, c, `{ entities(level: "district", search: "xh") { nodes { name } } }`, &out)
		if got := names(out.Entities.Nodes); !slices.Equal(got, []string{"西湖区"}) {
			t.Errorf("districts matching xh = %q", got)
		}
	})

	t.Run("search ranks exact name, prefix, contains, alias, pinyin", func(t *testing.T) {
		cases := []struct {
			text string
			want []string // the leading results, in order
		}{
			{"xinchang", []string{"新昌县"}},
			{"西湖", []string{"西湖区", "西湖大学", "新昌县科创飞地(西湖区)"}},
			{"西湖区", []string{"西湖区", "新昌县科创飞地(西湖区)"}},
			{"浙大", []string{"浙江大学"}},                            // alias
			{"上海", []string{"上海市"}},                             // prefix of the name beats the exact alias
			{"G60科创大走廊", []string{"G60科创走廊"}},                   // alias only
			{"hangzhou", []string{"杭州市", "杭州城西科创大走廊", "未来科技城"}}, // name pinyin, shorter first, then alias pinyin
		}
		for _, tc := range cases {
			var out struct{ Search []entity }
			post(t, c, fmt.Sprintf(`{ search(text: %q) { name } }`, tc.text), &out)
			got := names(out.Search)
			if len(got) < len(tc.want) || !slices.Equal(got[:len(tc.want)], tc.want) {
				t.Errorf("search(%q) = %q, want it to start %q", tc.text, got, tc.want)
			}
		}
	})

	t.Run("search limits and refuses empty text", func(t *testing.T) {
		var out struct{ Search []entity }
		post(t, c, `{ search(text: "区", first: 2) { name } }`, &out)
		if len(out.Search) != 2 {
			t.Errorf("first: 2 gave %d", len(out.Search))
		}
		wantCode(t, c, `{ search(text: "") { name } }`, api.CodeBadUserInput)
		wantCode(t, c, `{ search(text: "区", first: 501) { name } }`, api.CodeBadUserInput)
	})

	t.Run("paths between 新昌县 and 西湖大学", func(t *testing.T) {
		var out struct {
			Paths []struct {
				Length    int
				Entities  []entity
				Relations []struct{ Kind string }
			}
		}
		post(t, c, fmt.Sprintf(`{ paths(from: %q, to: %q) { length entities { name } relations { kind } } }`, id("新昌县"), id("西湖大学")), &out)
		if len(out.Paths) < 2 {
			t.Fatalf("paths = %+v, want the enclave route and the 浙江大学 route", out.Paths)
		}
		for _, p := range out.Paths {
			n := names(p.Entities)
			if p.Length != 3 || len(p.Relations) != 3 || n[0] != "新昌县" || n[3] != "西湖大学" {
				t.Errorf("path %q (length %d) is not a 3-hop path 新昌县 → 西湖大学", n, p.Length)
			}
		}
		post(t, c, fmt.Sprintf(`{ paths(from: %q, to: %q, maxHops: 2) { length } }`, id("新昌县"), id("西湖大学")), &out)
		if len(out.Paths) != 0 {
			t.Errorf("maxHops 2 found %d paths, want none", len(out.Paths))
		}
	})

	t.Run("paths refuse maxHops over 6 and unknown ends", func(t *testing.T) {
		wantCode(t, c, fmt.Sprintf(`{ paths(from: %q, to: %q, maxHops: 7) { length } }`, id("新昌县"), id("西湖大学")), api.CodeBadUserInput)
		wantCode(t, c, fmt.Sprintf(`{ paths(from: %q, to: %q, maxHops: 0) { length } }`, id("新昌县"), id("西湖大学")), api.CodeBadUserInput)
		wantCode(t, c, fmt.Sprintf(`{ paths(from: "region-000000000000", to: %q) { length } }`, id("西湖大学")), api.CodeNotFound)
	})

	t.Run("neighborhood of 临平区 and its limits", func(t *testing.T) {
		var out struct {
			Neighborhood struct {
				Entities  []entity
				Relations []struct{ Kind string }
				Truncated bool
			}
		}
		post(t, c, fmt.Sprintf(`{ neighborhood(center: %q) { entities { name } relations { kind } truncated } }`, id("临平区")), &out)
		got := names(out.Neighborhood.Entities)
		for _, want := range []string{"临平区", "杭州市", "G60科创走廊", "阿里云", "临平区科创飞地(未来科技城)"} {
			if !slices.Contains(got, want) {
				t.Errorf("neighbourhood %q lacks %s", got, want)
			}
		}
		if out.Neighborhood.Truncated {
			t.Error("depth 1 of 临平区 truncated at limit 200")
		}
		post(t, c, fmt.Sprintf(`{ neighborhood(center: %q, depth: 2, limit: 3) { entities { name } truncated } }`, id("临平区")), &out)
		if len(out.Neighborhood.Entities) != 3 || !out.Neighborhood.Truncated {
			t.Errorf("limit 3: %d entities, truncated %v", len(out.Neighborhood.Entities), out.Neighborhood.Truncated)
		}
		wantCode(t, c, fmt.Sprintf(`{ neighborhood(center: %q, depth: 4) { truncated } }`, id("临平区")), api.CodeBadUserInput)
		wantCode(t, c, fmt.Sprintf(`{ neighborhood(center: %q, limit: 2001) { truncated } }`, id("临平区")), api.CodeBadUserInput)
		wantCode(t, c, `{ neighborhood(center: "region-000000000000") { truncated } }`, api.CodeNotFound)
	})

	t.Run("cooperation of 新昌县 with every region", func(t *testing.T) {
		var out struct {
			Cooperation []struct {
				A, B      entity
				Via       *entity
				Relations []struct{ Kind string }
			}
		}
		post(t, c, fmt.Sprintf(`{ cooperation(regions: [%q]) { a { name } b { name } via { name } relations { kind } } }`, id("新昌县")), &out)
		var ties []string
		for _, co := range out.Cooperation {
			via := "direct"
			if co.Via != nil {
				via = co.Via.Name
			}
			ties = append(ties, co.A.Name+"–"+co.B.Name+" "+via)
			if len(co.Relations) == 0 {
				t.Errorf("tie %+v has no relations", co)
			}
		}
		for _, want := range []string{"新昌县–上海市 direct", "新昌县–西湖区 新昌县科创飞地(西湖区)", "新昌县–临平区 长三角区域校地合作联盟"} {
			if !slices.Contains(ties, want) {
				t.Errorf("ties %q lack %s", ties, want)
			}
		}
	})

	t.Run("cooperation of a non-region is BAD_USER_INPUT, of an unknown id NOT_FOUND", func(t *testing.T) {
		wantCode(t, c, fmt.Sprintf(`{ cooperation(regions: [%q]) { a { name } } }`, id("西湖大学")), api.CodeBadUserInput)
		wantCode(t, c, `{ cooperation(regions: ["region-000000000000"]) { a { name } } }`, api.CodeNotFound)
	})

	t.Run("cooperation refuses no regions and more than 50", func(t *testing.T) {
		wantCode(t, c, `{ cooperation(regions: []) { a { name } } }`, api.CodeBadUserInput)
		ids := make([]string, 51)
		for i := range ids {
			ids[i] = fmt.Sprintf("%q", id("西湖区"))
		}
		wantCode(t, c, fmt.Sprintf(`{ cooperation(regions: [%s]) { a { name } } }`, strings.Join(ids, ",")), api.CodeBadUserInput)
	})

	t.Run("more than 16 kinds is BAD_USER_INPUT", func(t *testing.T) {
		kinds := strings.TrimSuffix(strings.Repeat("REGION,", 17), ",")
		wantCode(t, c, fmt.Sprintf(`{ entities(kinds: [%s]) { totalCount } }`, kinds), api.CodeBadUserInput)
	})

	t.Run("an unknown enum value is GRAPHQL_VALIDATION_FAILED", func(t *testing.T) {
		wantCode(t, c, `{ entities(kinds: [TOWN]) { totalCount } }`, "GRAPHQL_VALIDATION_FAILED")
		errs := errorCodes(t, c, `query Q($k: [EntityKind!]) { entities(kinds: $k) { totalCount } }`, client.Var("k", []string{"TOWN"}))
		if len(errs) == 0 || errs[0].Extensions.Code != "GRAPHQL_VALIDATION_FAILED" {
			t.Errorf("bad enum in variables: %+v", errs)
		}
	})

	t.Run("corridors and enclaves", func(t *testing.T) {
		var out struct {
			Corridors []entity
			ByOwner   []entity
			ByHost    []entity
			Nobody    []entity
		}
		post(t, c, fmt.Sprintf(`{ corridors { name } byOwner: enclaves(owner: %q) { name } byHost: enclaves(host: %q) { name }
			nobody: enclaves(owner: "region-000000000000") { name } }`, id("新昌县"), id("西湖区")), &out)
		if got := names(out.Corridors); len(got) != 2 {
			t.Errorf("corridors = %q, want 2", got)
		}
		if got := names(out.ByOwner); len(got) != 2 {
			t.Errorf("enclaves of 新昌县 = %q, want 2", got)
		}
		if got := names(out.ByHost); !slices.Equal(got, []string{"新昌县科创飞地(西湖区)"}) {
			t.Errorf("enclaves in 西湖区 = %q", got)
		}
		if len(out.Nobody) != 0 {
			t.Errorf("enclaves of an unknown owner = %q", names(out.Nobody))
		}
	})

	t.Run("documents with issuer, date, year and relations", func(t *testing.T) {
		var out struct {
			Documents []struct {
				ID, Title string
				Issuer    *entity
				Date      *string
				Year      *int
				Relations []struct{ ID string }
			}
			Document *struct{ Title string }
			Missing  *struct{ Title string }
		}
		post(t, c, fmt.Sprintf(`{ documents { id title issuer { name } date year relations { id } }
			document(id: %q) { title } missing: document(id: "nope") { title } }`, storetest.DocXinchang), &out)
		if len(out.Documents) != 2 {
			t.Fatalf("documents = %+v", out.Documents)
		}
		d := out.Documents[1]
		if d.Issuer == nil || d.Issuer.Name != "新昌县" || *d.Date != "2023-06-19" || *d.Year != 2023 || len(d.Relations) == 0 {
			t.Errorf("document = %+v", d)
		}
		if out.Document == nil || out.Document.Title != d.Title || out.Missing != nil {
			t.Errorf("document(id) = %+v, missing = %+v", out.Document, out.Missing)
		}
	})

	t.Run("loadErrors and stats", func(t *testing.T) {
		var out struct {
			LoadErrors []struct{ File, Message string }
			Stats      struct {
				Documents int
				Entities  []struct {
					Kind  string
					Count int
				}
				Relations []struct {
					Kind  string
					Count int
				}
				TopByDegree []struct {
					Entity entity
					Score  float64
				}
				TopByBetweenness []struct{ Score float64 }
			}
		}
		post(t, c, `{ loadErrors { file message } stats { documents entities { kind count } relations { kind count }
			topByDegree { entity { name } score } topByBetweenness { score } } }`, &out)
		if len(out.LoadErrors) != 1 || !strings.Contains(out.LoadErrors[0].File, "999_broken") {
			t.Errorf("loadErrors = %+v", out.LoadErrors)
		}
		total := 0
		for _, kc := range out.Stats.Entities {
			total += kc.Count
		}
		if out.Stats.Documents != 2 || total != 18 || len(out.Stats.TopByDegree) == 0 {
			t.Errorf("stats = %+v", out.Stats)
		}
		if len(out.Stats.TopByBetweenness) == 0 || out.Stats.TopByBetweenness[0].Score <= 0 {
			t.Errorf("topByBetweenness = %+v", out.Stats.TopByBetweenness)
		}
	})
}
