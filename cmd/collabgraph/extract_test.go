package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var seeds = filepath.Join("..", "..", "seeds")

func extractJSON(t *testing.T, args ...string) []byte {
	t.Helper()
	var out, errOut bytes.Buffer
	if err := runExtract(append([]string{"--json"}, args...), &out, &errOut); err != nil {
		t.Fatalf("extract --json %v: %v (%s)", args, err, errOut.String())
	}
	return out.Bytes()
}

// TestExtractJSON checks the export contract: one JSON object shaped as
// graph.Graph, empty arrays as [], byte-identical across runs and file order.
func TestExtractJSON(t *testing.T) {
	a := extractJSON(t, seeds)
	if bytes.Count(bytes.TrimSpace(a), []byte("\n")) != 0 {
		t.Error("output is not one JSON object on one line")
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(a, &top); err != nil {
		t.Fatal(err)
	}
	keys := make([]string, 0, len(top))
	for k := range top {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if !slices.Equal(keys, []string{"documents", "entities", "errors", "relations"}) {
		t.Fatalf("top-level keys %v", keys)
	}
	if string(top["errors"]) != "[]" {
		t.Errorf("errors = %s, want []", top["errors"])
	}
	var g struct {
		Documents []map[string]any `json:"documents"`
		Entities  []map[string]any `json:"entities"`
		Relations []map[string]any `json:"relations"`
	}
	if err := json.Unmarshal(a, &g); err != nil {
		t.Fatal(err)
	}
	if len(g.Documents) != 5 || len(g.Entities) == 0 || len(g.Relations) == 0 {
		t.Fatalf("%d documents, %d entities, %d relations", len(g.Documents), len(g.Entities), len(g.Relations))
	}
	need := func(what string, m map[string]any, fields ...string) {
		for _, f := range fields {
			if _, ok := m[f]; !ok {
				t.Errorf("%s %v lacks %q", what, m["id"], f)
			}
		}
	}
	for _, d := range g.Documents {
		need("document", d, "id", "file", "title", "issuer", "date")
	}
	for _, e := range g.Entities {
		need("entity", e, "id", "name", "kind", "aliases")
		if e["aliases"] == nil {
			t.Errorf("entity %v: aliases is null", e["id"])
		}
	}
	for _, r := range g.Relations {
		need("relation", r, "id", "kind", "from", "to", "status", "year", "evidence")
		evs, _ := r["evidence"].([]any)
		if len(evs) == 0 {
			t.Errorf("relation %v has no evidence", r["id"])
		}
		for _, ev := range evs {
			need("evidence", ev.(map[string]any), "document", "text", "start", "end", "status")
		}
	}

	if b := extractJSON(t, seeds); !bytes.Equal(a, b) {
		t.Error("two runs differ")
	}
	files, _ := filepath.Glob(filepath.Join(seeds, "*.txt"))
	slices.Reverse(files)
	if c := extractJSON(t, files...); !bytes.Equal(a, c) {
		t.Error("the output depends on file order")
	}
}

func TestExtractSummary(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := runExtract([]string{seeds, filepath.Join(seeds, "missing.txt")}, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, want := range []string{"entities", "REGION", "relations", "JOINS", "004_e2e9d89b10e5a6e1", "issuer", "新昌县", "sentences", "errors  1", "missing.txt"} {
		if !strings.Contains(s, want) {
			t.Errorf("summary lacks %q:\n%s", want, s)
		}
	}
}

func TestExtractMissing(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := runExtract([]string{"--json", filepath.Join(t.TempDir(), "none")}, &out, &errOut); err == nil {
		t.Error("extract of a missing path: no error")
	}
}
