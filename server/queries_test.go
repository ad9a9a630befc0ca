package server_test

import (
	"context"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/collabgraph/collabgraph/graph"
	"github.com/collabgraph/collabgraph/graph/memstore"
	"github.com/collabgraph/collabgraph/loader"
	"github.com/collabgraph/collabgraph/server"
)

type named struct{ ID, Name, Kind string }

type rel struct {
	ID, Kind, Status string
	Year             *int
	From, To         named
	Evidence         []struct {
		Text, Status string
		Start, End   int
		Document     struct{ ID, Title string }
	}
}

func nameList(es []named) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Name
	}
	return out
}

// queryChecks holds, for every operation in docs/queries.graphql, what its
// answer on the seeds must show. The seeds' extraction may improve; the
// checks hold what the documents plainly state.
var queryChecks = map[string]func(t *testing.T, data []byte){
	"XinchangCorridors": func(t *testing.T, data []byte) {
		var out struct {
			Entity struct {
				Name      string
				Relations struct{ Nodes []rel }
			}
		}
		decode(t, data, &out)
		var to []string
		for _, r := range out.Entity.Relations.Nodes {
			to = append(to, r.To.Name)
			if len(r.Evidence) == 0 || r.Evidence[0].Document.Title == "" {
				t.Errorf("JOINS %s has no evidence with a document", r.To.Name)
			}
		}
		for _, want := range []string{"宁波甬江科创大走廊", "G60科创走廊"} {
			if !slices.Contains(to, want) {
				t.Errorf("新昌县 JOINS %q, want %s among them", to, want)
			}
		}
	},
	"LinpingEnclaves": func(t *testing.T, data []byte) {
		var out struct {
			Enclaves []struct {
				Name      string
				Relations struct{ Nodes []rel }
			}
		}
		decode(t, data, &out)
		if len(out.Enclaves) == 0 {
			t.Fatal("临平区 runs no enclave; seeds/001 sets one up in 未来科技城")
		}
		hosts := []string{}
		for _, e := range out.Enclaves {
			if !strings.HasPrefix(e.Name, "临平区") {
				t.Errorf("enclave %s is not 临平区's", e.Name)
			}
			for _, r := range e.Relations.Nodes {
				hosts = append(hosts, r.To.Name)
			}
		}
		if !slices.Contains(hosts, "未来科技城") {
			t.Errorf("临平区's enclaves sit in %q, want 未来科技城 among them", hosts)
		}
	},
	"XinchangToWestlake": func(t *testing.T, data []byte) {
		var out struct {
			Paths []struct {
				Length    int
				Entities  []named
				Relations []rel
			}
		}
		decode(t, data, &out)
		if len(out.Paths) == 0 {
			t.Fatal("no path from 新昌县 to 西湖大学")
		}
		for _, p := range out.Paths {
			n := nameList(p.Entities)
			if p.Length != len(p.Relations) || len(n) != p.Length+1 || n[0] != "新昌县" || n[len(n)-1] != "西湖大学" || p.Length > 4 {
				t.Errorf("path %q of length %d is not a path from 新昌县 to 西湖大学", n, p.Length)
			}
			if p.Length != out.Paths[0].Length {
				t.Errorf("paths of lengths %d and %d: not all shortest", out.Paths[0].Length, p.Length)
			}
		}
	},
	"XihuTies": func(t *testing.T, data []byte) {
		var out struct {
			Cooperation []struct {
				B         named
				Via       *named
				Relations []rel
			}
		}
		decode(t, data, &out)
		found := false
		for _, c := range out.Cooperation {
			if c.B.Name == "新昌县" && c.Via != nil && c.Via.Name == "新昌县科创飞地(西湖区)" {
				found = true
			}
			if len(c.Relations) == 0 {
				t.Errorf("tie with %s has no relations", c.B.Name)
			}
		}
		if !found {
			t.Errorf("ties of 西湖区 %+v lack 新昌县 through its enclave in 西湖区", out.Cooperation)
		}
	},
	"HangzhouXinchangSharedPartners": func(t *testing.T, data []byte) {
		var out struct {
			Cooperation []struct {
				A, B      named
				Via       *named
				Relations []rel
			}
		}
		decode(t, data, &out)
		if len(out.Cooperation) == 0 {
			t.Fatal("杭州市 and 新昌县 share no partner")
		}
		for _, c := range out.Cooperation {
			pair := []string{c.A.Name, c.B.Name}
			slices.Sort(pair)
			if !slices.Equal(pair, []string{"新昌县", "杭州市"}) || c.Via == nil || c.Via.Kind == "REGION" || c.Via.Kind == "PLATFORM" {
				t.Errorf("tie %+v is not between 杭州市 and 新昌县 through a corridor, institution, alliance or enterprise", c)
				continue
			}
			if len(c.Relations) < 2 {
				t.Errorf("tie through %s has %d relations, want both sides", c.Via.Name, len(c.Relations))
			}
		}
	},
	"XihuWestlakeEvidence": func(t *testing.T, data []byte) {
		var out struct{ Paths []struct{ Relations []rel } }
		decode(t, data, &out)
		if len(out.Paths) == 0 {
			t.Fatal("西湖区 and 西湖大学 are not related directly")
		}
		for _, p := range out.Paths {
			for _, r := range p.Relations {
				for _, ev := range r.Evidence {
					if !strings.Contains(ev.Text, "西湖大学") || ev.End-ev.Start != len([]rune(ev.Text)) || ev.Document.Title == "" {
						t.Errorf("evidence %+v does not name 西湖大学 or its offsets do not span it", ev)
					}
				}
				if len(r.Evidence) == 0 {
					t.Errorf("relation %s has no evidence", r.Kind)
				}
			}
		}
	},
	"LinpingNeighborhood": func(t *testing.T, data []byte) {
		var out struct {
			Neighborhood struct {
				Entities  []named
				Relations []rel
				Truncated bool
			}
		}
		decode(t, data, &out)
		n := out.Neighborhood
		names := nameList(n.Entities)
		for _, want := range []string{"临平区", "临平区科创飞地(未来科技城)", "未来科技城"} {
			if !slices.Contains(names, want) {
				t.Errorf("depth-2 neighbourhood of 临平区 lacks %s", want)
			}
		}
		ids := map[string]bool{}
		for _, e := range n.Entities {
			ids[e.ID] = true
		}
		for _, r := range n.Relations {
			if !ids[r.From.ID] || !ids[r.To.ID] {
				t.Errorf("relation %s leaves the subgraph", r.ID)
			}
		}
	},
	"AllEnclaves": func(t *testing.T, data []byte) {
		var out struct {
			Enclaves []struct {
				Name      string
				Relations struct{ Nodes []rel }
			}
		}
		decode(t, data, &out)
		if len(out.Enclaves) < 3 {
			t.Errorf("%d enclaves, want 新昌县's two and 临平区's one at least", len(out.Enclaves))
		}
		for _, e := range out.Enclaves {
			var kinds []string
			for _, r := range e.Relations.Nodes {
				kinds = append(kinds, r.Kind)
			}
			if !slices.Contains(kinds, "OPERATES") || !slices.Contains(kinds, "LOCATED_IN") {
				t.Errorf("enclave %s: relations %q, want an operator and a host", e.Name, kinds)
			}
		}
	},
	"MostCentral": func(t *testing.T, data []byte) {
		var out struct {
			Stats struct {
				TopByBetweenness, TopByDegree []struct {
					Entity named
					Score  float64
				}
			}
		}
		decode(t, data, &out)
		b := out.Stats.TopByBetweenness
		if len(b) == 0 || b[0].Entity.Kind != "REGION" || b[0].Score <= 0 || b[0].Score > 1 {
			t.Fatalf("topByBetweenness = %+v, want a region first with a score in (0, 1]", b)
		}
		for i := 1; i < len(b); i++ {
			if b[i].Score > b[i-1].Score {
				t.Errorf("betweenness not descending at %d", i)
			}
		}
		if d := out.Stats.TopByDegree; len(d) == 0 || d[0].Score < 10 {
			t.Errorf("topByDegree = %+v", d)
		}
	},
	"SearchXinchang": func(t *testing.T, data []byte) {
		var out struct{ Search []named }
		decode(t, data, &out)
		if len(out.Search) == 0 || out.Search[0].Name != "新昌县" {
			t.Errorf("search(xinchang) = %q, want 新昌县 first", nameList(out.Search))
		}
	},
	"DocumentsAndIssuers": func(t *testing.T, data []byte) {
		var out struct {
			Documents []struct {
				ID, Title string
				Date      *string
				Year      *int
				Issuer    *named
				Relations []struct{ ID string }
			}
			LoadErrors []struct{ File, Message string }
		}
		decode(t, data, &out)
		if len(out.Documents) != 5 || len(out.LoadErrors) != 0 {
			t.Fatalf("%d documents, %d load errors; want 5 and 0", len(out.Documents), len(out.LoadErrors))
		}
		for _, d := range out.Documents {
			if d.Issuer == nil || d.Year == nil || *d.Year < 2017 || len(d.Relations) == 0 {
				t.Errorf("document %s (%s): issuer %v year %v, %d relations", d.ID, d.Title, d.Issuer, d.Year, len(d.Relations))
			}
			if strings.HasPrefix(d.ID, "004_") && (d.Issuer == nil || d.Issuer.Name != "新昌县") {
				t.Errorf("seeds/004 is issued by %v, want 新昌县", d.Issuer)
			}
		}
	},
	"CorridorMembers": func(t *testing.T, data []byte) {
		var out struct {
			Corridors []struct {
				Name      string
				Relations struct{ Nodes []rel }
			}
		}
		decode(t, data, &out)
		members := map[string][]string{}
		for _, c := range out.Corridors {
			for _, r := range c.Relations.Nodes {
				members[c.Name] = append(members[c.Name], r.From.Name)
			}
		}
		if !slices.Contains(members["宁波甬江科创大走廊"], "新昌县") || !slices.Contains(members["G60科创走廊"], "新昌县") {
			t.Errorf("corridor members %q: want 新昌县 in 宁波甬江科创大走廊 and G60科创走廊", members)
		}
	},
	"RegionsByPage": func(t *testing.T, data []byte) {
		var out struct {
			Entities struct {
				TotalCount int
				Nodes      []struct{ Name string }
				PageInfo   struct {
					HasNextPage bool
					EndCursor   string
				}
			}
		}
		decode(t, data, &out)
		e := out.Entities
		if len(e.Nodes) != 5 || e.TotalCount < 10 || !e.PageInfo.HasNextPage || e.PageInfo.EndCursor == "" {
			t.Errorf("first page = %+v", e)
		}
	},
	"Counts": func(t *testing.T, data []byte) {
		var out struct {
			Stats struct {
				Documents int
				Entities  []struct {
					Kind  string
					Count int
				}
			}
		}
		decode(t, data, &out)
		kinds := map[string]int{}
		for _, k := range out.Stats.Entities {
			kinds[k.Kind] = k.Count
		}
		if out.Stats.Documents != 5 || kinds["REGION"] < 10 || kinds["CORRIDOR"] < 4 || kinds["ENCLAVE"] < 3 {
			t.Errorf("counts = %+v", out.Stats)
		}
	},
}

func decode(t *testing.T, data []byte, out any) {
	t.Helper()
	if err := json.Unmarshal(data, out); err != nil {
		t.Fatalf("decode %s: %v", data, err)
	}
}

// workedQueries reads and parses docs/queries.graphql and loads the seeds its
// answers are about.
func workedQueries(t *testing.T) (string, *ast.QueryDocument, *graph.Graph) {
	t.Helper()
	src, err := os.ReadFile("../docs/queries.graphql")
	if err != nil {
		t.Fatal(err)
	}
	doc, perr := parser.ParseQuery(&ast.Source{Name: "docs/queries.graphql", Input: string(src)})
	if perr != nil {
		t.Fatal(perr)
	}
	g, err := loader.Load("../seeds")
	if err != nil {
		t.Fatal(err)
	}
	return string(src), doc, g
}

// TestWorkedQueries runs every operation of docs/queries.graphql through
// the server, over a memstore loaded with the real seeds.
func TestWorkedQueries(t *testing.T) {
	src, doc, g := workedQueries(t)
	st := memstore.New()
	if err := st.Replace(context.Background(), g); err != nil {
		t.Fatal(err)
	}
	srv := server.New(server.Options{Store: st})
	srv.MarkLoaded(g, 0)
	c := client.New(srv, client.Path("/graphql"))

	if len(doc.Operations) < 12 {
		t.Errorf("docs/queries.graphql has %d operations, want a dozen", len(doc.Operations))
	}
	ran := map[string]bool{}
	for _, op := range doc.Operations {
		t.Run(op.Name, func(t *testing.T) {
			check, ok := queryChecks[op.Name]
			if !ok {
				t.Fatalf("operation %s has no check in queryChecks", op.Name)
			}
			ran[op.Name] = true
			resp, err := c.RawPost(src, client.Operation(op.Name))
			if err != nil {
				t.Fatal(err)
			}
			if len(resp.Errors) > 0 && string(resp.Errors) != "null" {
				t.Fatalf("errors: %s", resp.Errors)
			}
			data, _ := json.Marshal(resp.Data)
			check(t, data)
		})
	}
	for name := range queryChecks {
		if !ran[name] {
			t.Errorf("check %s has no operation in docs/queries.graphql", name)
		}
	}
}
