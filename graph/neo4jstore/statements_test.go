package neo4jstore

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/collabgraph/collabgraph/graph"
)

// These tests need no server: they check that the statements on disk, the
// code that sends them and the header the linter reads agree.

type header struct {
	params     []string
	substitute []string
}

var (
	paramRef   = regexp.MustCompile(`\$([A-Za-z_][A-Za-z0-9_]*)`)
	paramDecl  = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.+)$`)
	embedLine  = regexp.MustCompile(`//go:embed (cypher/[a-z_]+\.cypher)\n\t([A-Za-z]+) string`)
	knownTypes = []string{"STRING", "INTEGER", "FLOAT", "BOOLEAN", "MAP", "LIST<STRING>", "LIST<INTEGER>", "LIST<MAP>"}
)

func parseHeader(t *testing.T, file, text string) header {
	t.Helper()
	var h header
	saw := false
	for _, line := range strings.Split(text, "\n") {
		if !strings.HasPrefix(line, "//") {
			break
		}
		body := strings.TrimSpace(strings.TrimPrefix(line, "//"))
		if rest, ok := strings.CutPrefix(body, "params:"); ok {
			saw = true
			rest = strings.TrimSpace(rest)
			if rest == "(none)" {
				continue
			}
			for _, decl := range splitDecls(rest) {
				m := paramDecl.FindStringSubmatch(strings.TrimSpace(decl))
				if m == nil {
					t.Errorf("%s: bad parameter declaration %q", file, decl)
					continue
				}
				if !slices.Contains(knownTypes, strings.TrimSpace(m[2])) {
					t.Errorf("%s: parameter $%s: unknown type %q", file, m[1], m[2])
				}
				h.params = append(h.params, m[1])
			}
		}
		if rest, ok := strings.CutPrefix(body, "substitute:"); ok {
			for _, p := range strings.Split(rest, ",") {
				h.substitute = append(h.substitute, strings.TrimSpace(p))
			}
		}
	}
	if !saw {
		t.Errorf("%s: no // params: header", file)
	}
	sort.Strings(h.params)
	return h
}

// splitDecls splits "a: LIST<MAP>, b: STRING" on the commas outside <>.
func splitDecls(s string) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range s {
		switch r {
		case '<':
			depth++
		case '>':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}

func refs(stmt string) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range paramRef.FindAllStringSubmatch(body(stmt), -1) {
		if !seen[m[1]] {
			seen[m[1]] = true
			out = append(out, m[1])
		}
	}
	sort.Strings(out)
	return out
}

func readStatements(t *testing.T, dir string) map[string]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.cypher"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no statements in %s: %v", dir, err)
	}
	out := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[f] = string(b)
	}
	return out
}

// TestStatementHeaders checks that each statement, the store's and the
// analysts', declares exactly the parameters it uses, names only known
// placeholders and uses the ones it names, and is one statement.
func TestStatementHeaders(t *testing.T) {
	placeholders := []string{entityKindPlaceholder, relationKindPlaceholder, maxHopsPlaceholder}
	for _, dir := range []string{"cypher", filepath.Join("cypher", "analyst")} {
		for file, text := range readStatements(t, dir) {
			h := parseHeader(t, file, text)
			if got := refs(text); !slices.Equal(got, h.params) {
				t.Errorf("%s: uses parameters %v, header declares %v", file, got, h.params)
			}
			for _, p := range placeholders {
				used := strings.Contains(body(text), p)
				if declared := slices.Contains(h.substitute, p); used != declared {
					t.Errorf("%s: placeholder %s used %v, declared %v", file, p, used, declared)
				}
			}
			for _, p := range h.substitute {
				if !slices.Contains(placeholders, p) {
					t.Errorf("%s: unknown placeholder %s", file, p)
				}
			}
			if strings.Contains(body(text), ";") {
				t.Errorf("%s: holds more than one statement (';')", file)
			}
			if strings.TrimSpace(body(text)) == "" {
				t.Errorf("%s: no statement after the header", file)
			}
		}
	}
}

// TestStatementsEmbeddedAndUsed checks that every statement file is
// embedded, and every embedded statement is sent by the code.
func TestStatementsEmbeddedAndUsed(t *testing.T) {
	src, err := os.ReadFile("statements.go")
	if err != nil {
		t.Fatal(err)
	}
	embedded := map[string]string{}
	for _, m := range embedLine.FindAllStringSubmatch(string(src), -1) {
		embedded[m[1]] = m[2]
	}
	for file := range readStatements(t, "cypher") {
		if _, ok := embedded[filepath.ToSlash(file)]; !ok {
			t.Errorf("%s is not embedded in statements.go", file)
		}
	}
	var code strings.Builder
	gofiles, _ := filepath.Glob("*.go")
	for _, f := range gofiles {
		if f == "statements.go" || strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		code.Write(b)
	}
	for file, v := range embedded {
		if !regexp.MustCompile(`\b` + v + `\b`).MatchString(code.String()) {
			t.Errorf("%s (%s) is embedded but never sent", file, v)
		}
	}
}

// TestSubstitutionsMatchGraph checks that the linter's closed sets are
// graph's, and that every relationship-type list in a statement is either
// all relation kinds or graph.CooperationKinds.
func TestSubstitutionsMatchGraph(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("cypher", "substitutions.json"))
	if err != nil {
		t.Fatal(err)
	}
	var subs map[string][]string
	if err := json.Unmarshal(b, &subs); err != nil {
		t.Fatal(err)
	}
	var kinds, rkinds, hops []string
	for _, k := range graph.Kinds {
		kinds = append(kinds, string(k))
	}
	for _, k := range graph.RelationKinds {
		rkinds = append(rkinds, string(k))
	}
	for i := 1; i <= MaxDepth; i++ {
		hops = append(hops, strconv.Itoa(i))
	}
	for name, want := range map[string][]string{entityKindPlaceholder: kinds, relationKindPlaceholder: rkinds, maxHopsPlaceholder: hops} {
		if !slices.Equal(subs[name], want) {
			t.Errorf("substitutions.json %s = %v, want %v", name, subs[name], want)
		}
	}

	all := strings.Join(rkinds, "|")
	var coop []string
	for _, k := range graph.CooperationKinds {
		coop = append(coop, string(k))
	}
	cooperation := strings.Join(coop, "|")
	typeList := regexp.MustCompile(`:([A-Z_]+(?:\|[A-Z_]+)+)`)
	for file, text := range readStatements(t, "cypher") {
		for _, m := range typeList.FindAllStringSubmatch(body(text), -1) {
			list := m[1]
			if strings.HasPrefix(filepath.Base(file), "cooperation_") {
				if list != cooperation {
					t.Errorf("%s: relationship types %s, want graph.CooperationKinds %s", file, list, cooperation)
				}
				continue
			}
			if strings.HasPrefix(filepath.Base(file), "delete_stale_relations") {
				list = strings.TrimSuffix(list, "|IN|ISSUED_BY")
			}
			if list != all {
				t.Errorf("%s: relationship types %s, want every relation kind %s", file, list, all)
			}
		}
	}
}

func TestSubstitute(t *testing.T) {
	if got := body(forKind(mergeEntitiesStmt, graph.Enclave)); !strings.Contains(got, "MERGE (e:ENCLAVE {id: row.id})") || strings.Contains(got, entityKindPlaceholder) {
		t.Errorf("forKind(merge_entities, ENCLAVE) =\n%s", got)
	}
	if got := body(forHops(neighborhoodStmt, 3)); !strings.Contains(got, "*1..3]") {
		t.Errorf("forHops(neighborhood, 3) =\n%s", got)
	}
	for name, f := range map[string]func(){
		"unknown kind":          func() { forKind(mergeEntitiesStmt, graph.Kind("REGION:Admin")) },
		"unknown relation kind": func() { forRelationKind(mergeRelationsStmt, graph.RelationKind("X]->() DETACH DELETE")) },
		"hops 0":                func() { forHops(neighborhoodStmt, 0) },
		"hops past the cap":     func() { forHops(neighborhoodStmt, MaxDepth+1) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: substituted without panicking", name)
				}
			}()
			f()
		}()
	}
}

func TestCheckParams(t *testing.T) {
	if err := checkParams("relations_from", relationsFromStmt, map[string]any{
		"ids": nil, "kinds": nil, "status": "", "symmetric": nil,
	}); err != nil {
		t.Errorf("declared parameters: %v", err)
	}
	if err := checkParams("relations_from", relationsFromStmt, map[string]any{"ids": nil, "kinds": nil}); err == nil {
		t.Error("missing parameters: no error")
	}
	if err := checkParams("ready", readyStmt, map[string]any{"x": 1}); err == nil {
		t.Error("a parameter for a statement that declares none: no error")
	}
	if err := checkParams("ready", readyStmt, nil); err != nil {
		t.Errorf("no parameters for a statement that declares none: %v", err)
	}
}
