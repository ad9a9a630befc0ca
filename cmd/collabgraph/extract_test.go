package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestMain runs the command itself when the test binary is started as it
// by a test (runMain), so exit statuses can be checked.
func TestMain(m *testing.M) {
	if os.Getenv("COLLABGRAPH_TEST_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// runMain runs "collabgraph args..." in a child process and returns its
// exit status, stdout and stderr.
func runMain(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "COLLABGRAPH_TEST_MAIN=1")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0, out.String(), errOut.String()
	case errors.As(err, &ee):
		return ee.ExitCode(), out.String(), errOut.String()
	}
	t.Fatal(err)
	return -1, "", ""
}

// writeFiles makes a directory holding the named files.
func writeFiles(t *testing.T, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

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

// When every file fails, extract says how many on stderr, lists each with
// why, and exits 1; when some load, it lists the failures and exits 0.
func TestExtractFailures(t *testing.T) {
	good, err := os.ReadFile(filepath.Join(seeds, "004_e2e9d89b10e5a6e1.txt"))
	if err != nil {
		t.Fatal(err)
	}
	pdf := []byte("%PDF-1.7\n1 0 obj\n")
	tests := []struct {
		name   string
		files  map[string][]byte
		status int
		stderr []string
	}{
		{"all fail", map[string][]byte{"empty.txt": nil, "plan.pdf": pdf},
			1, []string{"empty.txt: empty file", "plan.pdf: not text: looks like a PDF (convert it to text or .docx first)", "collabgraph extract: all 2 files failed to load"}},
		{"one fails", map[string][]byte{"004.txt": good, "plan.pdf": pdf},
			0, []string{"plan.pdf: not text: looks like a PDF", "1 of 2 files failed to load; the other 1 loaded"}},
		{"none fails", map[string][]byte{"004.txt": good}, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, tt.files)
			for _, args := range [][]string{{"extract", dir}, {"extract", "--json", dir}} {
				status, out, errOut := runMain(t, args...)
				if status != tt.status {
					t.Errorf("%v: exit %d, want %d; stderr:\n%s", args, status, tt.status, errOut)
				}
				for _, w := range tt.stderr {
					if !strings.Contains(errOut, w) {
						t.Errorf("%v: stderr lacks %q:\n%s", args, w, errOut)
					}
				}
				if tt.stderr == nil && errOut != "" {
					t.Errorf("%v: stderr %q, want nothing", args, errOut)
				}
				if out == "" {
					t.Errorf("%v: nothing on stdout", args)
				}
			}
		})
	}
}
