// Package export writes a graph.Graph in formats other tools open: GraphML
// (yEd, Gephi, Cytoscape), GEXF 1.3 (Gephi), CSV for spreadsheets, and
// collabgraph's own JSON.
package export

import (
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/collabgraph/collabgraph/graph"
)

// Format is an export format, named as on the command line and in the
// HTTP export's ?format=.
type Format string

// The formats. CSV is one row per relation; CSVNodes is one row per
// entity: a spreadsheet holds one table, so the two tables are two
// exports rather than one zip.
const (
	GraphML  Format = "graphml"
	GEXF     Format = "gexf"
	CSV      Format = "csv"
	CSVNodes Format = "csv-nodes"
	JSON     Format = "json"
)

// Formats lists every format.
var Formats = []Format{GraphML, GEXF, CSV, CSVNodes, JSON}

// ParseFormat returns the format named s, or an error listing the formats.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if string(f) == s {
			return f, nil
		}
	}
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return "", fmt.Errorf("export: unknown format %q (want one of %s)", s, strings.Join(names, ", "))
}

// ContentType is the MIME type to serve f with.
func (f Format) ContentType() string {
	switch f {
	case GraphML:
		return "application/graphml+xml; charset=utf-8"
	case GEXF:
		return "application/gexf+xml; charset=utf-8"
	case CSV, CSVNodes:
		return "text/csv; charset=utf-8"
	}
	return "application/json; charset=utf-8"
}

// Ext is the file name extension for f, with its dot.
func (f Format) Ext() string {
	switch f {
	case CSV:
		return ".csv"
	case CSVNodes:
		return ".nodes.csv"
	}
	return "." + string(f)
}

// Write writes g to w in format. Relations whose ends are not entities of
// g are written as they are; tools that need both ends will drop them.
func Write(w io.Writer, format Format, g *graph.Graph) error {
	if g == nil {
		g = &graph.Graph{}
	}
	var err error
	switch format {
	case GraphML:
		err = writeGraphML(w, g)
	case GEXF:
		err = writeGEXF(w, g)
	case CSV:
		err = writeCSVRelations(w, g)
	case CSVNodes:
		err = writeCSVNodes(w, g)
	case JSON:
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		// Evidence quotes clauses with “” and 《》; keep them readable.
		enc.SetEscapeHTML(false)
		err = enc.Encode(g)
	default:
		_, err = ParseFormat(string(format))
		return err
	}
	if err != nil {
		return fmt.Errorf("export: %s: %w", format, err)
	}
	return nil
}

// SubgraphGraph turns a store's subgraph and the documents its evidence
// cites into a Graph that Write can export. Nil documents are left out.
func SubgraphGraph(sg *graph.Subgraph, docs []*graph.Document) *graph.Graph {
	g := &graph.Graph{
		Documents: []graph.Document{},
		Entities:  make([]graph.Entity, 0, len(sg.Entities)),
		Relations: make([]graph.Relation, 0, len(sg.Relations)),
		Errors:    []graph.LoadError{},
	}
	for _, d := range docs {
		if d != nil {
			g.Documents = append(g.Documents, *d)
		}
	}
	for _, e := range sg.Entities {
		g.Entities = append(g.Entities, *e)
	}
	for _, r := range sg.Relations {
		g.Relations = append(g.Relations, *r)
	}
	return g
}

// documentIDs lists the documents of r's evidence once each, in order.
func documentIDs(r *graph.Relation) []string {
	var ids []string
	for _, ev := range r.Evidence {
		if !containsString(ids, ev.Document) {
			ids = append(ids, ev.Document)
		}
	}
	return ids
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func firstEvidence(r *graph.Relation) string {
	if len(r.Evidence) == 0 {
		return ""
	}
	return r.Evidence[0].Text
}

func entityNames(g *graph.Graph) map[string]string {
	m := make(map[string]string, len(g.Entities))
	for _, e := range g.Entities {
		m[e.ID] = e.Name
	}
	return m
}

// formatConfidence writes a confidence as the loader rounds it.
func formatConfidence(c float64) string { return strconv.FormatFloat(c, 'f', -1, 64) }

// utf8BOM starts every CSV file: without it Excel reads UTF-8 as the
// system code page and shows Chinese as mojibake.
const utf8BOM = "\uFEFF"

func writeCSVRelations(w io.Writer, g *graph.Graph) error {
	if _, err := io.WriteString(w, utf8BOM); err != nil {
		return err
	}
	names := entityNames(g)
	cw := csv.NewWriter(w)
	cw.UseCRLF = true // what Excel writes and expects
	if err := cw.Write([]string{"id", "kind", "from_id", "from_name", "to_id", "to_name", "status", "year", "documents", "evidence_count", "evidence", "confidence", "source"}); err != nil {
		return err
	}
	for i := range g.Relations {
		r := &g.Relations[i]
		texts := make([]string, len(r.Evidence))
		for j, ev := range r.Evidence {
			texts[j] = ev.Text
		}
		year := ""
		if r.Year != 0 {
			year = strconv.Itoa(r.Year)
		}
		row := []string{r.ID, string(r.Kind), r.From, names[r.From], r.To, names[r.To], string(r.Status), year,
			strings.Join(documentIDs(r), ";"), strconv.Itoa(len(r.Evidence)), strings.Join(texts, "\n"),
			formatConfidence(r.Confidence), r.Source}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func writeCSVNodes(w io.Writer, g *graph.Graph) error {
	if _, err := io.WriteString(w, utf8BOM); err != nil {
		return err
	}
	degree := map[string]int{}
	for _, r := range g.Relations {
		degree[r.From]++
		if r.To != r.From {
			degree[r.To]++
		}
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write([]string{"id", "name", "kind", "level", "code", "aliases", "degree"}); err != nil {
		return err
	}
	for _, e := range g.Entities {
		row := []string{e.ID, e.Name, string(e.Kind), e.Level, e.Code, strings.Join(e.Aliases, ";"), strconv.Itoa(degree[e.ID])}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// xmlWriter writes through encoding/xml's escaping, keeping the first
// error so the writers can stay linear.
type xmlWriter struct {
	w   io.Writer
	err error
}

func (x *xmlWriter) raw(s string) {
	if x.err == nil {
		_, x.err = io.WriteString(x.w, s)
	}
}

// text writes s escaped for an element's content or an attribute value.
// EscapeText escapes quotes and newlines too, and replaces characters
// XML 1.0 cannot hold (such as control characters in a PDF's text) with
// U+FFFD, so the file always parses.
func (x *xmlWriter) text(s string) {
	if x.err == nil {
		x.err = xml.EscapeText(x.w, []byte(s))
	}
}

// attr writes ` name="value"`.
func (x *xmlWriter) attr(name, value string) {
	x.raw(" " + name + `="`)
	x.text(value)
	x.raw(`"`)
}

type key struct{ id, domain, name, typ string }

var graphmlKeys = []key{
	{"label", "node", "label", "string"},
	{"name", "node", "name", "string"},
	{"kind", "node", "kind", "string"},
	{"level", "node", "level", "string"},
	{"code", "node", "code", "string"},
	{"aliases", "node", "aliases", "string"},
	{"e_label", "edge", "label", "string"},
	{"e_kind", "edge", "kind", "string"},
	{"status", "edge", "status", "string"},
	{"year", "edge", "year", "int"},
	{"evidence_count", "edge", "evidence_count", "int"},
	{"evidence", "edge", "evidence", "string"},
	{"documents", "edge", "documents", "string"},
	{"confidence", "edge", "confidence", "double"},
	{"source", "edge", "source", "string"},
}

func writeGraphML(w io.Writer, g *graph.Graph) error {
	x := &xmlWriter{w: w}
	x.raw(xml.Header)
	x.raw(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	for _, k := range graphmlKeys {
		x.raw("  <key")
		x.attr("id", k.id)
		x.attr("for", k.domain)
		x.attr("attr.name", k.name)
		x.attr("attr.type", k.typ)
		x.raw("/>\n")
	}
	x.raw(`  <graph id="collabgraph" edgedefault="directed">` + "\n")
	data := func(key, value string) {
		if value == "" {
			return
		}
		x.raw(`      <data key="` + key + `">`)
		x.text(value)
		x.raw("</data>\n")
	}
	for _, e := range g.Entities {
		x.raw("    <node")
		x.attr("id", e.ID)
		x.raw(">\n")
		data("label", e.Name)
		data("name", e.Name)
		data("kind", string(e.Kind))
		data("level", e.Level)
		data("code", e.Code)
		data("aliases", strings.Join(e.Aliases, ";"))
		x.raw("    </node>\n")
	}
	for i := range g.Relations {
		r := &g.Relations[i]
		x.raw("    <edge")
		x.attr("id", r.ID)
		x.attr("source", r.From)
		x.attr("target", r.To)
		if r.Kind.Symmetric() {
			x.attr("directed", "false")
		}
		x.raw(">\n")
		data("e_label", string(r.Kind))
		data("e_kind", string(r.Kind))
		data("status", string(r.Status))
		if r.Year != 0 {
			data("year", strconv.Itoa(r.Year))
		}
		data("evidence_count", strconv.Itoa(len(r.Evidence)))
		data("evidence", firstEvidence(r))
		data("documents", strings.Join(documentIDs(r), ";"))
		data("confidence", formatConfidence(r.Confidence))
		data("source", r.Source)
		x.raw("    </edge>\n")
	}
	x.raw("  </graph>\n</graphml>\n")
	return x.err
}

var gexfNodeAttrs = []key{{"0", "node", "kind", "string"}, {"1", "node", "level", "string"}, {"2", "node", "code", "string"}, {"3", "node", "aliases", "string"}}
var gexfEdgeAttrs = []key{{"0", "edge", "kind", "string"}, {"1", "edge", "status", "string"}, {"2", "edge", "year", "integer"},
	{"3", "edge", "evidence_count", "integer"}, {"4", "edge", "evidence", "string"}, {"5", "edge", "documents", "string"},
	{"6", "edge", "confidence", "double"}, {"7", "edge", "source", "string"}}

func writeGEXF(w io.Writer, g *graph.Graph) error {
	x := &xmlWriter{w: w}
	x.raw(xml.Header)
	x.raw(`<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">` + "\n")
	// No lastmodifieddate: the same graph gives the same file.
	x.raw("  <meta>\n    <creator>collabgraph</creator>\n  </meta>\n")
	x.raw(`  <graph defaultedgetype="directed" mode="static">` + "\n")
	attrs := func(class string, ks []key) {
		x.raw(`    <attributes class="` + class + `">` + "\n")
		for _, k := range ks {
			x.raw("      <attribute")
			x.attr("id", k.id)
			x.attr("title", k.name)
			x.attr("type", k.typ)
			x.raw("/>\n")
		}
		x.raw("    </attributes>\n")
	}
	attrs("node", gexfNodeAttrs)
	attrs("edge", gexfEdgeAttrs)
	values := func(vals ...string) {
		x.raw("        <attvalues>\n")
		for i, v := range vals {
			if v == "" {
				continue
			}
			x.raw(`          <attvalue for="` + strconv.Itoa(i) + `"`)
			x.attr("value", v)
			x.raw("/>\n")
		}
		x.raw("        </attvalues>\n")
	}
	x.raw("    <nodes>\n")
	for _, e := range g.Entities {
		x.raw("      <node")
		x.attr("id", e.ID)
		x.attr("label", e.Name)
		x.raw(">\n")
		values(string(e.Kind), e.Level, e.Code, strings.Join(e.Aliases, ";"))
		x.raw("      </node>\n")
	}
	x.raw("    </nodes>\n    <edges>\n")
	for i := range g.Relations {
		r := &g.Relations[i]
		x.raw("      <edge")
		x.attr("id", r.ID)
		x.attr("source", r.From)
		x.attr("target", r.To)
		x.attr("label", string(r.Kind))
		if r.Kind.Symmetric() {
			x.attr("type", "undirected")
		}
		x.raw(">\n")
		year := ""
		if r.Year != 0 {
			year = strconv.Itoa(r.Year)
		}
		values(string(r.Kind), string(r.Status), year, strconv.Itoa(len(r.Evidence)), firstEvidence(r), strings.Join(documentIDs(r), ";"),
			formatConfidence(r.Confidence), r.Source)
		x.raw("      </edge>\n")
	}
	x.raw("    </edges>\n  </graph>\n</gexf>\n")
	return x.err
}
