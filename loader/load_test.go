package loader

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/collabgraph/collabgraph/graph"
	"github.com/collabgraph/collabgraph/loader/source"
)

var seedsDir = filepath.Join("..", "seeds")

func loadSeeds(t *testing.T) *graph.Graph {
	t.Helper()
	g, err := Load(seedsDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range g.Errors {
		t.Errorf("load error: %s: %s", e.File, e.Message)
	}
	return g
}

// TestEvidenceSlices checks every evidence record of the seeds against the
// decoded file: [start,end) in code points is exactly the text.
func TestEvidenceSlices(t *testing.T) {
	g := loadSeeds(t)
	texts := map[string][]rune{}
	for _, d := range g.Documents {
		doc, err := source.Read(d.File, source.Meta{})
		if err != nil {
			t.Fatal(err)
		}
		texts[d.ID] = []rune(doc.Original)
	}
	n := 0
	for _, r := range g.Relations {
		if len(r.Evidence) == 0 {
			t.Errorf("relation %s has no evidence", r.ID)
		}
		for _, ev := range r.Evidence {
			text, ok := texts[ev.Document]
			switch {
			case !ok:
				t.Errorf("relation %s: evidence in unknown document %q", r.ID, ev.Document)
			case ev.Start < 0 || ev.End > len(text) || ev.Start >= ev.End:
				t.Errorf("relation %s: evidence [%d,%d) outside %s's %d code points", r.ID, ev.Start, ev.End, ev.Document, len(text))
			case string(text[ev.Start:ev.End]) != ev.Text:
				t.Errorf("relation %s: %s[%d:%d] is %q, evidence says %q", r.ID, ev.Document, ev.Start, ev.End, string(text[ev.Start:ev.End]), ev.Text)
			}
			n++
		}
	}
	if n < 100 {
		t.Errorf("only %d evidence records in the seeds", n)
	}
}

// TestGraphInvariants checks what every consumer of a loaded graph relies on.
func TestGraphInvariants(t *testing.T) {
	g := loadSeeds(t)
	ents := map[string]graph.Entity{}
	for i, e := range g.Entities {
		if i > 0 && g.Entities[i-1].ID >= e.ID {
			t.Errorf("entities not sorted by id at %s", e.ID)
		}
		if e.ID != graph.EntityID(e.Kind, e.Name) {
			t.Errorf("entity %s: id is not EntityID(%s, %s)", e.ID, e.Kind, e.Name)
		}
		if !e.Kind.Valid() || e.Aliases == nil || !sort.StringsAreSorted(e.Aliases) {
			t.Errorf("entity %s %s: kind %q, aliases %q", e.ID, e.Name, e.Kind, e.Aliases)
		}
		if strings.ContainsRune(e.Name, source.Placeholder) || strings.Contains(e.Name, "365") {
			t.Errorf("entity %q holds spam", e.Name)
		}
		ents[e.ID] = e
	}
	for i, r := range g.Relations {
		if i > 0 && g.Relations[i-1].ID >= r.ID {
			t.Errorf("relations not sorted by id at %s", r.ID)
		}
		from, okF := ents[r.From]
		to, okT := ents[r.To]
		if !okF || !okT {
			t.Errorf("relation %s: unknown end", r.ID)
			continue
		}
		if !allowed(r.Kind, from.Kind, to.Kind) {
			t.Errorf("relation %s %s: %s %s -> %s %s breaks the ontology", r.ID, r.Kind, from.Kind, from.Name, to.Kind, to.Name)
		}
		if r.Kind.Symmetric() && r.From > r.To {
			t.Errorf("relation %s: symmetric but from > to", r.ID)
		}
		if r.ID != graph.RelationID(r.Kind, r.From, r.To) {
			t.Errorf("relation %s: id is not RelationID", r.ID)
		}
		est := false
		for j, ev := range r.Evidence {
			est = est || ev.Status == graph.Established
			if j > 0 && (r.Evidence[j-1].Document > ev.Document || (r.Evidence[j-1].Document == ev.Document && r.Evidence[j-1].Start > ev.Start)) {
				t.Errorf("relation %s: evidence not sorted", r.ID)
			}
		}
		if est != (r.Status == graph.Established) {
			t.Errorf("relation %s: status %s, evidence established=%v", r.ID, r.Status, est)
		}
	}
	for _, d := range g.Documents {
		if d.Issuer == "" || ents[d.Issuer].Kind != graph.Region {
			t.Errorf("document %s: issuer %q is not a region entity", d.ID, d.Issuer)
		}
	}
}

// TestSeedExamples checks the facts the seeds must yield, named in the issue.
func TestSeedExamples(t *testing.T) {
	g := loadSeeds(t)
	byName := map[string]graph.Entity{}
	for _, e := range g.Entities {
		if _, dup := byName[e.Name]; dup {
			t.Errorf("two entities named %s", e.Name)
		}
		byName[e.Name] = e
	}
	has := func(kind graph.RelationKind, from, to string, status graph.Status) {
		t.Helper()
		f, t1 := byName[from], byName[to]
		want := graph.RelationID(kind, f.ID, t1.ID)
		for _, r := range g.Relations {
			if r.ID == want {
				if status != "" && r.Status != status {
					t.Errorf("%s %s %s: status %s, want %s", from, kind, to, r.Status, status)
				}
				return
			}
		}
		t.Errorf("missing %s %s %s", from, kind, to)
	}
	has(graph.Joins, "临平区", "G60科创走廊", "")
	has(graph.Operates, "临平区", "临平区科创飞地(未来科技城)", "")
	has(graph.LocatedIn, "临平区科创飞地(未来科技城)", "未来科技城", "")
	has(graph.PartOf, "未来科技城", "杭州城西科创大走廊", "")
	has(graph.Operates, "新昌县", "新昌县科创飞地(西湖区)", graph.Established)
	has(graph.Operates, "新昌县", "新昌县科创飞地(滨江区)", graph.Established)
	has(graph.LocatedIn, "新昌县科创飞地(西湖区)", "西湖区", graph.Established)
	has(graph.LocatedIn, "新昌县科创飞地(滨江区)", "滨江区", graph.Established)
	has(graph.CooperatesWith, "西湖区", "西湖大学", graph.Established)
	has(graph.Joins, "新昌县", "宁波甬江科创大走廊", "")

	if e := byName["临平区"]; !slices.Contains(e.Aliases, "临平") {
		t.Errorf("临平区 aliases %q lack 临平: one entity for both", e.Aliases)
	}
	if _, ok := byName["临平"]; ok {
		t.Error("临平 is an entity of its own")
	}
	for _, two := range [][2]string{{"西湖区", "西湖大学"}, {"国家技术转移东部中心(临平)分中心", "国家技术转移东部中心新昌分中心"}} {
		a, b := byName[two[0]], byName[two[1]]
		if a.ID == "" || b.ID == "" || a.ID == b.ID {
			t.Errorf("%s and %s should be two entities: %q, %q", two[0], two[1], a.ID, b.ID)
		}
	}
}

func marshal(t *testing.T, g *graph.Graph) []byte {
	t.Helper()
	b, err := json.Marshal(g)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestDeterministic loads the seeds twice and in reverse file order: the
// graphs are byte-identical.
func TestDeterministic(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(seedsDir, "*.txt"))
	a := marshal(t, loadSeeds(t))
	b := marshal(t, loadSeeds(t))
	slices.Reverse(files)
	g, err := Load(files...)
	if err != nil {
		t.Fatal(err)
	}
	c := marshal(t, g)
	if !bytes.Equal(a, b) {
		t.Error("two loads of the seeds differ")
	}
	if !bytes.Equal(a, c) {
		t.Error("loading the seeds in reverse file order changes the graph")
	}
}

// TestBadFiles puts broken files beside a good one: each broken file gets
// an error naming it, and the good one loads.
func TestBadFiles(t *testing.T) {
	dir := t.TempDir()
	good, err := os.ReadFile(filepath.Join(seedsDir, "003_f1f9a73089789879.txt"))
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("good.txt", good)
	write("empty.txt", nil)
	binary := make([]byte, 4096)
	for i := range binary {
		binary[i] = byte(i * 7)
	}
	write("binary.txt", binary)
	write("truncated.txt", good[:len("与西湖大学")+2]) // cut inside a character
	write("enormous.txt", bytes.Repeat([]byte("与西湖大学签订深化合作协议并且"), MaxLine/8))

	g, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Documents) != 1 || g.Documents[0].ID != "good" {
		t.Fatalf("documents %v, want only good", g.Documents)
	}
	if len(g.Relations) == 0 {
		t.Error("the good file yields no relations")
	}
	want := map[string]string{
		"empty.txt":     "empty file",
		"binary.txt":    "binary",
		"truncated.txt": "truncated",
		"enormous.txt":  "line 1: line longer than",
	}
	for _, e := range g.Errors {
		base := filepath.Base(e.File)
		w, ok := want[base]
		if !ok {
			t.Errorf("unexpected error for %s: %s", e.File, e.Message)
			continue
		}
		if !strings.Contains(e.Message, e.File) || !strings.Contains(e.Message, w) {
			t.Errorf("%s: message %q should name the file and say %q", base, e.Message, w)
		}
		delete(want, base)
	}
	for f := range want {
		t.Errorf("no error for %s", f)
	}
}

func TestLoadPaths(t *testing.T) {
	if _, err := Load(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Error("Load of a missing path: no error")
	}
	if _, err := Load(t.TempDir()); err == nil {
		t.Error("Load of an empty directory: no error")
	}
	missing := filepath.Join(t.TempDir(), "missing.txt")
	g, err := Load(missing, filepath.Join(seedsDir, "003_f1f9a73089789879.txt"))
	if err != nil {
		t.Fatalf("one missing path among good ones: %v", err)
	}
	if len(g.Documents) != 1 || len(g.Errors) != 1 || g.Errors[0].File != missing {
		t.Errorf("documents %d, errors %v; want 1 document and an error for %s", len(g.Documents), g.Errors, missing)
	}
	var se *SourceError
	_, err = Load(missing)
	if !errors.As(err, &se) || se.File != missing {
		t.Errorf("error %v is not a SourceError naming %s", err, missing)
	}
}

// docxFile returns a minimal .docx, one paragraph per line.
func docxFile(t *testing.T, lines ...string) []byte {
	t.Helper()
	var body strings.Builder
	for _, l := range lines {
		body.WriteString("<w:p><w:r><w:t>" + l + "</w:t></w:r></w:p>")
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range [][2]string{
		{"_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/document.xml", `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body.String() + `</w:body></w:document>`},
	} {
		w, err := zw.Create(f[0])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(f[1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A directory is read with its sub-folders, each file with its own
// folder's manifest, in every format and extension case; what a manifest
// skips and hidden files are left out; files that share a base name get
// distinct ids; files the loader cannot read are named in errors.
func TestLoadTree(t *testing.T) {
	root := t.TempDir()
	const text = "临平区与西湖大学签订深化合作协议。\n"
	files := map[string][]byte{
		"manifest.yaml":                   []byte("a.txt: {title: 临平区科技工作要点}\nskipped/:\n  skip: true # loaded on its own\nb:\n  skip: true\n"),
		"a.txt":                           []byte(text),
		"a.html":                          []byte("<html><head><title>页面</title></head><body><p>新昌县在西湖区设立了科创飞地。</p></body></html>"),
		"C.TXT":                           []byte(text),
		"b.txt":                           []byte(text),
		".hidden.txt":                     []byte(text),
		"notes.md":                        []byte(text),
		"empty.txt":                       nil,
		"scan.pdf":                        []byte("%PDF-1.7\n1 0 obj\n"),
		"old.Doc":                         append([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), []byte("W\x00o\x00r\x00d\x00D\x00o\x00c\x00u\x00m\x00e\x00n\x00t\x00")...),
		"skipped/x.txt":                   []byte(text),
		"sub/manifest.yaml":               []byte("d: {title: 新昌县科创飞地建设方案, date: 2022-05-01}\n"),
		"sub/d.Docx":                      docxFile(t, "新昌县科创飞地建设方案", "新昌县在滨江区设立了科创飞地。"),
		"sub/deeper/a.txt":                []byte("发布日期:2023-04-03\n" + text),
		"sub/deeper/manifest.yaml":        []byte("# no entries\n"),
		"sub/deeper/deepest/Report.HTM":   []byte("<p>杭州市推进科技创新。</p>"),
		"sub/deeper/deepest/.DS_Store":    {0, 0, 0, 1},
		"sub/deeper/deepest/._Report.HTM": {0, 5, 22, 7, 0, 2, 0, 0},
	}
	for name, data := range files {
		path := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	g, err := Load(root)
	if err != nil {
		t.Fatal(err)
	}
	type doc struct{ file, title, date string }
	want := map[string]doc{
		"a.txt":            {"a.txt", "临平区科技工作要点", ""},
		"a.html":           {"a.html", "", ""},
		"C":                {"C.TXT", "", ""},
		"d":                {"sub/d.Docx", "新昌县科创飞地建设方案", "2022-05-01"},
		"sub/deeper/a.txt": {"sub/deeper/a.txt", "", "2023-04-03"},
		"Report":           {"sub/deeper/deepest/Report.HTM", "", ""},
	}
	for _, d := range g.Documents {
		w, ok := want[d.ID]
		if !ok {
			t.Errorf("unexpected document %s (%s)", d.ID, d.File)
			continue
		}
		if d.File != filepath.Join(root, filepath.FromSlash(w.file)) || d.Title != w.title || d.Date != w.date {
			t.Errorf("document %s: file %s title %q date %q; want %s %q %q", d.ID, d.File, d.Title, d.Date, w.file, w.title, w.date)
		}
		delete(want, d.ID)
	}
	for id := range want {
		t.Errorf("no document %s", id)
	}
	wantErr := map[string]string{
		"empty.txt": "empty file",
		"scan.pdf":  "not text: looks like a PDF (convert it to text or .docx first)",
		"old.Doc":   "an old Word .doc file: save it as .docx",
	}
	for _, e := range g.Errors {
		rel, _ := filepath.Rel(root, e.File)
		if w, ok := wantErr[rel]; !ok || !strings.Contains(e.Message, e.File) || !strings.Contains(e.Message, w) {
			t.Errorf("error for %s: %q", rel, e.Message)
		}
		delete(wantErr, rel)
	}
	for f := range wantErr {
		t.Errorf("no error for %s", f)
	}

	// The same files named one by one, in another order and some twice,
	// give the same graph: ids do not depend on the order.
	var paths []string
	for _, d := range g.Documents {
		paths = append(paths, d.File)
	}
	for _, e := range g.Errors {
		paths = append(paths, e.File)
	}
	slices.Reverse(paths)
	g2, err := Load(append(paths, paths[0], filepath.Join(root, "sub", "deeper", "deepest"))...)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := marshal(t, g), marshal(t, g2); !bytes.Equal(a, b) {
		t.Errorf("loading the files one by one differs:\n%s\n%s", a, b)
	}

	// A file a manifest skips is still read when named on its own.
	g3, err := Load(filepath.Join(root, "b.txt"))
	if err != nil || len(g3.Documents) != 1 || g3.Documents[0].ID != "b" {
		t.Errorf("b.txt named alone: %v, %+v", err, g3)
	}
}

func TestAssignIDs(t *testing.T) {
	tests := []struct {
		name  string
		paths []string
		want  []string
	}{
		{"distinct", []string{"x/a.txt", "x/b.html"}, []string{"a", "b"}},
		{"one name, two formats", []string{"x/a.txt", "x/a.html"}, []string{"a.txt", "a.html"}},
		{"one name, two folders", []string{"x/2022/a.txt", "x/2023/a.txt", "x/b.txt"}, []string{"2022/a.txt", "2023/a.txt", "b"}},
		{"one name, three", []string{"x/a.txt", "x/a.docx", "x/sub/a.txt"}, []string{"a.txt", "a.docx", "sub/a.txt"}},
		// a.txt.docx's bare id is a.txt, which a.txt takes after a.html joins.
		{"an id made twice", []string{"x/a.txt", "x/a.html", "x/a.txt.docx"}, []string{"a.txt", "a.html", "a.txt.docx"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := make([]input, len(tt.paths))
			for i, p := range tt.paths {
				in[i].path = filepath.FromSlash(p)
			}
			assignIDs(in)
			for i := range in {
				if in[i].id != tt.want[i] {
					t.Errorf("%s: id %q, want %q", tt.paths[i], in[i].id, tt.want[i])
				}
			}
		})
	}
}
