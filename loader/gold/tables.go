package gold

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/collabgraph/collabgraph/graph"
)

// ReadTables reads the older corpus-wide gold of loader/testdata/gold (one
// relations table, one entities table for a whole directory of documents,
// and the shared issuers table) as one Annotation per document of dir. Every
// document's annotation lists all the table's entities, since the table
// does not say which document mentions which.
func ReadTables(dir, relations, entities, issuers string) (map[string]*Annotation, map[string]string, error) {
	texts := map[string]string{}
	paths, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, nil, err
		}
		texts[docID(p)] = string(b)
	}
	if len(texts) == 0 {
		return nil, nil, fmt.Errorf("gold: %s: no .txt documents", dir)
	}
	var ents []Entity
	var errs []string
	err := eachRow(entities, func(line int, f []string) {
		if len(f) < 2 || len(f) > 4 {
			errs = append(errs, fmt.Sprintf("%s:%d: want name, kind[, level[, aliases]]", entities, line))
			return
		}
		f = append(f, "", "")[:4]
		e := Entity{Name: f[0], Kind: graph.Kind(f[1]), Level: f[2], Line: line}
		if f[3] != "" {
			e.Aliases = strings.Split(f[3], "|")
		}
		ents = append(ents, e)
	})
	if err != nil {
		return nil, nil, err
	}
	out := map[string]*Annotation{}
	for id := range texts {
		out[id] = &Annotation{Doc: id, File: relations, Entities: ents}
	}
	err = eachRow(relations, func(line int, f []string) {
		if len(f) != 6 {
			errs = append(errs, fmt.Sprintf("%s:%d: want document, kind, from, to, status, quote", relations, line))
			return
		}
		a := out[f[0]]
		if a == nil {
			errs = append(errs, fmt.Sprintf("%s:%d: %q is not a document of %s", relations, line, f[0], dir))
			return
		}
		a.Relations = append(a.Relations, Relation{Kind: graph.RelationKind(f[1]), From: f[2], To: f[3], Status: graph.Status(f[4]), Quote: f[5], Line: line})
	})
	if err != nil {
		return nil, nil, err
	}
	err = eachRow(issuers, func(line int, f []string) {
		if len(f) == 2 && out[f[0]] != nil && f[1] != "-" {
			out[f[0]].Issuer = f[1]
		}
	})
	if err != nil {
		return nil, nil, err
	}
	if len(errs) > 0 {
		return nil, nil, fmt.Errorf("gold: %s", strings.Join(errs, "; "))
	}
	return out, texts, nil
}
