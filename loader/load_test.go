package loader

import (
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
