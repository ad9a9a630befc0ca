// Package gold reads the hand annotation that teaches and measures the
// loader: corpus/ (one annotation file per document, the sources table and
// the fixed split) and the older corpus-wide tables of loader/testdata/gold.
// corpus/ANNOTATING.md is the annotators' contract; this package checks it.
package gold

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/collabgraph/collabgraph/graph"
)

// Entity is one named entity of a document, with every form the document
// writes it in.
type Entity struct {
	Name    string
	Kind    graph.Kind
	Level   string // regions only
	Code    string // a region's GB/T 2260 code, when known
	Aliases []string
	Line    int
}

// Forms returns the name and its aliases.
func (e Entity) Forms() []string { return append([]string{e.Name}, e.Aliases...) }

// Relation is one gold row: a kind between two entities, stated in the
// document where Quote occurs.
type Relation struct {
	Kind     graph.RelationKind
	From, To string
	Status   graph.Status
	Quote    string
	Line     int
}

// Annotation is what one annotator says of one document.
type Annotation struct {
	Doc       string
	File      string // the annotation file, for messages
	Annotator string
	Issuer    string // a gold region's name; "" when no region issued it
	Entities  []Entity
	Relations []Relation
}

// Entity returns the entity named name, or nil when there is none.
func (a *Annotation) Entity(name string) *Entity {
	for i := range a.Entities {
		if a.Entities[i].Name == name {
			return &a.Entities[i]
		}
	}
	return nil
}

// Error is a problem in an annotation file, at a line when one applies.
type Error struct {
	File string
	Line int // 0 when the problem is the file's as a whole
	Err  error
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("gold: %s: %v", e.File, e.Err)
	}
	return fmt.Sprintf("gold: %s:%d: %v", e.File, e.Line, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

var errFields = errors.New("wrong number of fields")

// ParseAnnotation reads one annotation file (the format of
// corpus/ANNOTATING.md) for document doc. It checks the file's own
// consistency: known kinds and statuses, entities listed once, relation ends
// that are entities, one issuer line. It returns every problem found, each
// naming the file and line; the annotation is nil when any was found.
func ParseAnnotation(file, doc string, r io.Reader) (*Annotation, []error) {
	a := &Annotation{Doc: doc, File: file}
	var errs []error
	fail := func(line int, format string, args ...any) {
		errs = append(errs, &Error{File: file, Line: line, Err: fmt.Errorf(format, args...)})
	}
	issuers := 0
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.HasPrefix(line, "# annotator:") {
			a.Annotator = strings.TrimSpace(strings.TrimPrefix(line, "# annotator:"))
		}
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		switch f[0] {
		case "issuer":
			if len(f) != 2 {
				fail(n, "issuer: want one name or -, got %d fields", len(f)-1)
				continue
			}
			issuers++
			if f[1] != "-" {
				a.Issuer = f[1]
			}
		case "entity":
			if len(f) < 3 || len(f) > 6 {
				fail(n, "entity: want name, kind, level, code, aliases; got %d fields", len(f)-1)
				continue
			}
			f = append(f, "", "", "")[:6]
			e := Entity{Name: f[1], Kind: graph.Kind(f[2]), Level: f[3], Code: f[4], Line: n}
			for _, al := range strings.Split(f[5], "|") {
				if al = strings.TrimSpace(al); al != "" && al != e.Name {
					e.Aliases = append(e.Aliases, al)
				}
			}
			switch {
			case e.Name == "":
				fail(n, "entity: empty name")
			case !e.Kind.Valid():
				fail(n, "entity %s: field kind: %q is not an entity kind", e.Name, f[2])
			case e.Kind == graph.Region && !validLevel(e.Level):
				fail(n, "entity %s: field level: %q is not a region level (%s)", e.Name, e.Level, strings.Join(Levels, ", "))
			case e.Kind != graph.Region && (e.Level != "" || e.Code != ""):
				fail(n, "entity %s: field level/code: only regions have them", e.Name)
			case e.Code != "" && !allDigits(e.Code):
				fail(n, "entity %s: field code: %q is not a GB/T 2260 code", e.Name, e.Code)
			case a.Entity(e.Name) != nil:
				fail(n, "entity %s: listed twice (first at line %d)", e.Name, a.Entity(e.Name).Line)
			default:
				a.Entities = append(a.Entities, e)
			}
		case "relation":
			if len(f) != 6 {
				fail(n, "relation: want kind, from, to, status, quote; got %d fields", len(f)-1)
				continue
			}
			r := Relation{Kind: graph.RelationKind(f[1]), From: f[2], To: f[3], Status: graph.Status(f[4]), Quote: f[5], Line: n}
			switch {
			case !r.Kind.Valid():
				fail(n, "relation: field kind: %q is not a relation kind", f[1])
			case !r.Status.Valid():
				fail(n, "relation: field status: %q is not PLANNED or ESTABLISHED", f[4])
			case r.Quote == "":
				fail(n, "relation: field quote: empty")
			case r.From == r.To:
				fail(n, "relation: from and to are both %s", r.From)
			default:
				a.Relations = append(a.Relations, r)
			}
		default:
			fail(n, "unknown record %q: want issuer, entity or relation", f[0])
		}
	}
	if err := sc.Err(); err != nil {
		fail(0, "%v", err)
	}
	if issuers != 1 {
		fail(0, "want exactly one issuer line, found %d", issuers)
	}
	seen := map[Key]int{}
	for _, r := range a.Relations {
		for _, end := range []string{r.From, r.To} {
			if a.Entity(end) == nil {
				fail(r.Line, "relation %s: %q is not an entity of this file", r.Kind, end)
			}
		}
		k := MakeKey(doc, r.Kind, r.From, r.To)
		if prev, dup := seen[k]; dup {
			fail(r.Line, "relation %s %s → %s: same kind and ends as line %d", r.Kind, r.From, r.To, prev)
		}
		seen[k] = r.Line
	}
	if a.Issuer != "" {
		if e := a.Entity(a.Issuer); e == nil || e.Kind != graph.Region {
			fail(0, "issuer %q is not a region of this file", a.Issuer)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return a, nil
}

// CheckText checks the annotation against its document's text: every quote
// occurs in it, and every written form of an entity occurs in it (so that
// string search finds its mentions). An enclave's constructed name is
// exempt, as are names expanded from a coordinated modifier, which the
// text never writes whole: an entity needs one written form, not all.
func (a *Annotation) CheckText(text string) []error {
	var errs []error
	fail := func(line int, format string, args ...any) {
		errs = append(errs, &Error{File: a.File, Line: line, Err: fmt.Errorf(format, args...)})
	}
	for _, r := range a.Relations {
		if !strings.Contains(text, r.Quote) {
			fail(r.Line, "relation %s %s → %s: quote %q does not occur in %s", r.Kind, r.From, r.To, r.Quote, a.Doc)
		}
	}
	for _, e := range a.Entities {
		for _, al := range e.Aliases {
			if !strings.Contains(text, al) {
				fail(e.Line, "entity %s: alias %q does not occur in %s", e.Name, al, a.Doc)
			}
		}
	}
	return errs
}

// Levels are the region levels of docs/ontology.md.
var Levels = []string{"province", "city", "district", "county", "county-level city", "town", "street", "macro", "country", "foreign"}

func validLevel(l string) bool {
	for _, v := range Levels {
		if l == v {
			return true
		}
	}
	return false
}

func allDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// Key is what is scored: one relation kind between two entities, stated in
// one document. A symmetric kind has its ends ordered.
type Key struct {
	Doc      string
	Kind     graph.RelationKind
	From, To string
}

func (k Key) String() string { return fmt.Sprintf("%s %s %s -> %s", k.Doc, k.Kind, k.From, k.To) }

// MakeKey orders a symmetric kind's ends, so either order gives one key.
func MakeKey(doc string, k graph.RelationKind, from, to string) Key {
	if k.Symmetric() && to < from {
		from, to = to, from
	}
	return Key{doc, k, from, to}
}

// readFile parses an annotation file from disk.
func readFile(path, doc string) (*Annotation, []error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, []error{&Error{File: path, Err: err}}
	}
	defer f.Close()
	return ParseAnnotation(path, doc, f)
}
