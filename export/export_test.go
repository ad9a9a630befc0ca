package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/collabgraph/collabgraph/graph"
	"github.com/collabgraph/collabgraph/graph/storetest"
)

// nasty returns the fixture with text no XML or CSV writer may pass
// through unescaped: markup, quotes, a control character from a PDF, a
// separator and a line break inside a clause.
func nasty() *graph.Graph {
	g := storetest.Fixture()
	g.Entities[0].Name = `杭州市<&>"'` + "\x01"
	g.Entities[1].Aliases = []string{"临平;副城", "a,b"}
	g.Relations[0].Evidence[0].Text = "“推进”与<X>&合作,\n第二行\"引号\""
	g.Relations[0].Confidence, g.Relations[0].Source = 0.873, "rule:trigger"
	return g
}

type graphmlDoc struct {
	XMLName xml.Name `xml:"graphml"`
	Keys    []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
	} `xml:"key"`
	Graph struct {
		EdgeDefault string `xml:"edgedefault,attr"`
		Nodes       []struct {
			ID   string `xml:"id,attr"`
			Data []struct {
				Key   string `xml:"key,attr"`
				Value string `xml:",chardata"`
			} `xml:"data"`
		} `xml:"node"`
		Edges []struct {
			ID       string `xml:"id,attr"`
			Source   string `xml:"source,attr"`
			Target   string `xml:"target,attr"`
			Directed string `xml:"directed,attr"`
			Data     []struct {
				Key   string `xml:"key,attr"`
				Value string `xml:",chardata"`
			} `xml:"data"`
		} `xml:"edge"`
	} `xml:"graph"`
}

func TestGraphML(t *testing.T) {
	g := nasty()
	var buf bytes.Buffer
	if err := Write(&buf, GraphML, g); err != nil {
		t.Fatal(err)
	}
	var doc graphmlDoc
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("GraphML does not parse: %v", err)
	}
	if len(doc.Graph.Nodes) != 18 || len(doc.Graph.Edges) != 25 || doc.Graph.EdgeDefault != "directed" {
		t.Fatalf("GraphML: %d nodes, %d edges, edgedefault %q; want 18, 25, directed", len(doc.Graph.Nodes), len(doc.Graph.Edges), doc.Graph.EdgeDefault)
	}
	name := map[string]string{}
	for _, d := range doc.Graph.Nodes[0].Data {
		name[d.Key] = d.Value
	}
	if name["name"] != "杭州市<&>\"'\uFFFD" || name["kind"] != "REGION" || name["level"] != "city" || name["code"] != "330100" {
		t.Errorf("GraphML node 0 data = %v", name)
	}
	e := doc.Graph.Edges[0]
	data := map[string]string{}
	for _, d := range e.Data {
		data[d.Key] = d.Value
	}
	if e.Source != g.Relations[0].From || e.Target != g.Relations[0].To || data["e_kind"] != "PART_OF" ||
		data["status"] != "ESTABLISHED" || data["year"] != "2021" || data["evidence_count"] != "1" ||
		data["evidence"] != g.Relations[0].Evidence[0].Text || data["documents"] != storetest.DocLinping ||
		data["confidence"] != "0.873" || data["source"] != "rule:trigger" {
		t.Errorf("GraphML edge 0 = %+v %v", e, data)
	}
	undirected := 0
	for _, e := range doc.Graph.Edges {
		if e.Directed == "false" {
			undirected++
		}
	}
	if undirected != 4 {
		t.Errorf("%d undirected edges, want the 4 COOPERATES_WITH", undirected)
	}
	// Every data key is declared.
	declared := map[string]bool{}
	for _, k := range doc.Keys {
		declared[k.ID] = true
	}
	for _, e := range doc.Graph.Edges {
		for _, d := range e.Data {
			if !declared[d.Key] {
				t.Errorf("undeclared key %q", d.Key)
			}
		}
	}
}

type gexfDoc struct {
	XMLName xml.Name `xml:"gexf"`
	Version string   `xml:"version,attr"`
	Graph   struct {
		Attributes []struct {
			Class string `xml:"class,attr"`
			Attrs []struct {
				ID    string `xml:"id,attr"`
				Title string `xml:"title,attr"`
			} `xml:"attribute"`
		} `xml:"attributes"`
		Nodes []struct {
			ID     string `xml:"id,attr"`
			Label  string `xml:"label,attr"`
			Values []struct {
				For   string `xml:"for,attr"`
				Value string `xml:"value,attr"`
			} `xml:"attvalues>attvalue"`
		} `xml:"nodes>node"`
		Edges []struct {
			ID     string `xml:"id,attr"`
			Source string `xml:"source,attr"`
			Target string `xml:"target,attr"`
			Type   string `xml:"type,attr"`
			Values []struct {
				For   string `xml:"for,attr"`
				Value string `xml:"value,attr"`
			} `xml:"attvalues>attvalue"`
		} `xml:"edges>edge"`
	} `xml:"graph"`
}

func TestGEXF(t *testing.T) {
	g := nasty()
	var buf bytes.Buffer
	if err := Write(&buf, GEXF, g); err != nil {
		t.Fatal(err)
	}
	var doc gexfDoc
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("GEXF does not parse: %v", err)
	}
	if doc.Version != "1.3" || len(doc.Graph.Nodes) != 18 || len(doc.Graph.Edges) != 25 || len(doc.Graph.Attributes) != 2 {
		t.Fatalf("GEXF: version %q, %d nodes, %d edges, %d attribute classes", doc.Version, len(doc.Graph.Nodes), len(doc.Graph.Edges), len(doc.Graph.Attributes))
	}
	if n := doc.Graph.Nodes[0]; n.Label != "杭州市<&>\"'\uFFFD" || n.Values[0].Value != "REGION" {
		t.Errorf("GEXF node 0 = %+v", n)
	}
	titles := map[string]string{}
	for _, a := range doc.Graph.Attributes[1].Attrs {
		titles[a.ID] = a.Title
	}
	vals := map[string]string{}
	for _, v := range doc.Graph.Edges[0].Values {
		vals[titles[v.For]] = v.Value
	}
	if vals["evidence"] != g.Relations[0].Evidence[0].Text || vals["year"] != "2021" || vals["kind"] != "PART_OF" ||
		vals["confidence"] != "0.873" || vals["source"] != "rule:trigger" {
		t.Errorf("GEXF edge 0 values = %v", vals)
	}
	undirected := 0
	for _, e := range doc.Graph.Edges {
		if e.Type == "undirected" {
			undirected++
		}
	}
	if undirected != 4 {
		t.Errorf("%d undirected edges, want the 4 COOPERATES_WITH", undirected)
	}
}

func readCSV(t *testing.T, format Format, g *graph.Graph) [][]string {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, format, g); err != nil {
		t.Fatal(err)
	}
	body, ok := strings.CutPrefix(buf.String(), "\uFEFF")
	if !ok {
		t.Fatalf("%s does not start with a UTF-8 byte-order mark", format)
	}
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("%s does not parse: %v", format, err)
	}
	return rows
}

func TestCSV(t *testing.T) {
	g := nasty()
	rows := readCSV(t, CSV, g)
	if len(rows) != 26 {
		t.Fatalf("CSV has %d rows, want a header and 25 relations", len(rows))
	}
	want := []string{"id", "kind", "from_id", "from_name", "to_id", "to_name", "status", "year", "documents", "evidence_count", "evidence", "confidence", "source"}
	if !reflect.DeepEqual(rows[0], want) {
		t.Errorf("CSV header %q, want %q", rows[0], want)
	}
	r0 := g.Relations[0]
	if got := rows[1]; got[11] != strconv.FormatFloat(r0.Confidence, 'f', -1, 64) || got[12] != r0.Source {
		t.Errorf("CSV row 1 confidence and source %q, %q; want %v, %q", got[11], got[12], r0.Confidence, r0.Source)
	}
	if got := rows[1]; got[0] != r0.ID || got[3] != "临平区" || got[5] != g.Entities[0].Name || got[7] != "2021" || got[10] != r0.Evidence[0].Text {
		t.Errorf("CSV row 1 = %q", got)
	}
	// The relation stated by both documents.
	for _, row := range rows[1:] {
		if row[0] == storetest.RelationID("杭州市 COOPERATES_WITH 上海市") {
			if row[8] != storetest.DocLinping+";"+storetest.DocXinchang || row[9] != "2" || row[10] != "推动沪杭创新合作\n杭州与上海已签订科创合作协议" {
				t.Errorf("CSV row of 杭州市 COOPERATES_WITH 上海市 = %q", row)
			}
		}
	}
}

func TestCSVNodes(t *testing.T) {
	rows := readCSV(t, CSVNodes, nasty())
	if len(rows) != 19 {
		t.Fatalf("CSV nodes has %d rows, want a header and 18 entities", len(rows))
	}
	if got := rows[2]; got[1] != "临平区" || got[2] != "REGION" || got[3] != "district" || got[5] != "临平;副城;a,b" || got[6] != "5" {
		t.Errorf("CSV nodes row 2 = %q", got)
	}
}

func TestJSON(t *testing.T) {
	g := storetest.Fixture()
	var buf bytes.Buffer
	if err := Write(&buf, JSON, g); err != nil {
		t.Fatal(err)
	}
	var back graph.Graph
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(&back, g) {
		t.Error("JSON does not read back to the graph it was written from")
	}
	if !strings.Contains(buf.String(), "新昌县科创飞地(西湖区)") {
		t.Error("JSON escapes Chinese")
	}
}

func TestUnknownFormat(t *testing.T) {
	err := Write(&bytes.Buffer{}, "xlsx", storetest.Fixture())
	if err == nil || !strings.Contains(err.Error(), `"xlsx"`) || !strings.Contains(err.Error(), "graphml") {
		t.Errorf("unknown format error: %v", err)
	}
	if f, err := ParseFormat("csv-nodes"); f != CSVNodes || err != nil {
		t.Errorf("ParseFormat(csv-nodes) = %q, %v", f, err)
	}
}

func TestSubgraphGraph(t *testing.T) {
	g := storetest.Fixture()
	sg := &graph.Subgraph{Entities: []*graph.Entity{&g.Entities[5], &g.Entities[11]}, Relations: []*graph.Relation{&g.Relations[4]}}
	out := SubgraphGraph(sg, []*graph.Document{&g.Documents[1], nil})
	if len(out.Entities) != 2 || len(out.Relations) != 1 || len(out.Documents) != 1 || out.Documents[0].ID != storetest.DocXinchang {
		t.Fatalf("SubgraphGraph = %+v", out)
	}
	var buf bytes.Buffer
	if err := Write(&buf, GraphML, out); err != nil {
		t.Fatal(err)
	}
	var doc graphmlDoc
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil || len(doc.Graph.Nodes) != 2 || len(doc.Graph.Edges) != 1 {
		t.Errorf("subgraph GraphML: %v, %d nodes, %d edges", err, len(doc.Graph.Nodes), len(doc.Graph.Edges))
	}
}
