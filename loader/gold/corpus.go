package gold

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// The corpus's parts, relative to its directory.
const (
	DocsDir    = "docs"
	SourcesDir = "sources"
	FirstDir   = "gold/A" // the annotation the loader learns from and is scored on
	SecondDir  = "gold/B" // independent second annotations, for agreement
	SplitFile  = "split.tsv"
)

// The splits. Train teaches, dev is read while developing, test is only
// ever scored in aggregate.
const (
	Train = "train"
	Dev   = "dev"
	Test  = "test"
)

// Source is a document's row in corpus/sources/*.tsv.
type Source struct {
	ID, Title, Date, Genre, Issuer, Province, Script, Address string
	File                                                      string // where the row is
	Line                                                      int
}

// Genres are the document genres of corpus/ANNOTATING.md.
var Genres = []string{"plan", "notice", "work-report", "gov-news", "news"}

// Corpus is corpus/ as read: every document's text, source row, first and
// second annotation and split.
type Corpus struct {
	Dir     string
	Texts   map[string]string
	Sources map[string]Source
	First   map[string]*Annotation
	Second  map[string]*Annotation
	Split   map[string]string
}

// IDs returns the document ids in order, restricted to the given splits
// (all when none is given).
func (c *Corpus) IDs(splits ...string) []string {
	var ids []string
	for id := range c.Texts {
		if len(splits) == 0 || contains(splits, c.Split[id]) {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	return ids
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// ReadCorpus reads the corpus at dir. It returns the corpus with every part
// it could read, and every problem found, each naming its file and line: a
// document without a source row, annotation or split, an annotation of no
// document, an annotation that does not fit its text. Only an unreadable
// directory gives a nil corpus.
func ReadCorpus(dir string) (*Corpus, []error) {
	c := &Corpus{Dir: dir, Texts: map[string]string{}, Sources: map[string]Source{},
		First: map[string]*Annotation{}, Second: map[string]*Annotation{}, Split: map[string]string{}}
	var errs []error
	docs, err := filepath.Glob(filepath.Join(dir, DocsDir, "*.txt"))
	if err != nil || len(docs) == 0 {
		return nil, []error{fmt.Errorf("gold: %s: no documents in %s", dir, DocsDir)}
	}
	for _, p := range docs {
		b, err := os.ReadFile(p)
		if err != nil {
			errs = append(errs, &Error{File: p, Err: err})
			continue
		}
		c.Texts[docID(p)] = string(b)
	}
	srcs, _ := filepath.Glob(filepath.Join(dir, SourcesDir, "*.tsv"))
	for _, p := range srcs {
		errs = append(errs, c.readSources(p)...)
	}
	for _, part := range []struct {
		dir string
		to  map[string]*Annotation
	}{{FirstDir, c.First}, {SecondDir, c.Second}} {
		files, _ := filepath.Glob(filepath.Join(dir, part.dir, "*.tsv"))
		for _, p := range files {
			id := strings.TrimSuffix(filepath.Base(p), ".tsv")
			text, ok := c.Texts[id]
			if !ok {
				errs = append(errs, &Error{File: p, Err: fmt.Errorf("no document %s/%s.txt", DocsDir, id)})
				continue
			}
			a, aerrs := readFile(p, id)
			errs = append(errs, aerrs...)
			if a == nil {
				continue
			}
			if terrs := a.CheckText(text); len(terrs) > 0 {
				errs = append(errs, terrs...)
				continue
			}
			part.to[id] = a
		}
	}
	errs = append(errs, c.readSplit(filepath.Join(dir, SplitFile))...)
	for _, id := range c.IDs() {
		if _, ok := c.Sources[id]; !ok {
			errs = append(errs, fmt.Errorf("gold: %s/%s/%s.txt: no row in %s/*.tsv", dir, DocsDir, id, SourcesDir))
		}
	}
	return c, errs
}

func docID(path string) string { return strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)) }

func (c *Corpus) readSources(path string) []error {
	var errs []error
	err := eachRow(path, func(line int, f []string) {
		if len(f) != 8 {
			errs = append(errs, &Error{File: path, Line: line, Err: fmt.Errorf("want id, title, date, genre, issuer, province, script, address; got %d fields", len(f))})
			return
		}
		s := Source{ID: f[0], Title: f[1], Date: f[2], Genre: f[3], Issuer: f[4], Province: f[5], Script: f[6], Address: f[7], File: path, Line: line}
		switch {
		case c.Texts[s.ID] == "":
			errs = append(errs, &Error{File: path, Line: line, Err: fmt.Errorf("no document %s/%s.txt", DocsDir, s.ID)})
		case !contains(Genres, s.Genre):
			errs = append(errs, &Error{File: path, Line: line, Err: fmt.Errorf("field genre: %q is not one of %s", s.Genre, strings.Join(Genres, ", "))})
		case s.Script != "simplified" && s.Script != "traditional":
			errs = append(errs, &Error{File: path, Line: line, Err: fmt.Errorf("field script: %q is not simplified or traditional", s.Script)})
		case c.Sources[s.ID].ID != "":
			prev := c.Sources[s.ID]
			errs = append(errs, &Error{File: path, Line: line, Err: fmt.Errorf("document %s also at %s:%d", s.ID, prev.File, prev.Line)})
		default:
			c.Sources[s.ID] = s
		}
	})
	if err != nil {
		errs = append(errs, &Error{File: path, Err: err})
	}
	return errs
}

// readSplit reads split.tsv. A missing file is not an error while the
// corpus is being gathered; a document that is missing from a present one is.
func (c *Corpus) readSplit(path string) []error {
	if _, err := os.Stat(path); err != nil {
		return nil
	}
	var errs []error
	err := eachRow(path, func(line int, f []string) {
		if len(f) != 2 || !contains([]string{Train, Dev, Test}, f[1]) {
			errs = append(errs, &Error{File: path, Line: line, Err: fmt.Errorf("want id and one of train, dev, test")})
			return
		}
		if _, ok := c.Texts[f[0]]; !ok {
			errs = append(errs, &Error{File: path, Line: line, Err: fmt.Errorf("no document %s/%s.txt", DocsDir, f[0])})
			return
		}
		c.Split[f[0]] = f[1]
	})
	if err != nil {
		return []error{&Error{File: path, Err: err}}
	}
	for _, id := range c.IDs() {
		if c.Split[id] == "" {
			errs = append(errs, &Error{File: path, Err: fmt.Errorf("document %s has no split; new documents go to %s (AssignSplit)", id, Train)})
		}
	}
	return errs
}

// AssignSplit divides ids once, by a hash of each id alone, so that the
// division depends on no one's reading of the texts and an id's split does
// not move when others are added: an id whose hash falls in the lowest
// testShare of the range goes to test, the next devShare to dev, the rest
// to train.
func AssignSplit(ids []string, testShare, devShare float64) map[string]string {
	out := map[string]string{}
	for _, id := range ids {
		s := sha256.Sum256([]byte("collabgraph split " + id))
		u := float64(binary.BigEndian.Uint64(s[:8])>>11) / (1 << 53) // uniform in [0, 1)
		switch {
		case u < testShare:
			out[id] = Test
		case u < testShare+devShare:
			out[id] = Dev
		default:
			out[id] = Train
		}
	}
	return out
}

// eachRow calls fn with the tab-separated fields of every line that is
// neither blank nor a # comment.
func eachRow(path string, fn func(line int, f []string)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		s := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(s) == "" || strings.HasPrefix(s, "#") {
			continue
		}
		fn(n, strings.Split(s, "\t"))
	}
	return sc.Err()
}

// SourcesFile is the corpus's human-readable list of its documents,
// generated from sources/*.tsv and split.tsv by SourcesTable.
const SourcesFile = "SOURCES.md"

// SourcesTable renders SOURCES.md: every document with its split, genre,
// issuer, province, script, date, title and address, in id order.
func SourcesTable(c *Corpus) string {
	var b strings.Builder
	b.WriteString("# Sources of corpus/\n\n")
	b.WriteString("Generated from `sources/*.tsv` and `split.tsv` by `go test ./loader/gold -run TestCorpus -update-sources`; do not edit by hand.\n")
	b.WriteString("Each document is the opening of a public page as the search tool stored it, kept as stored (furniture, typos, cut mid-sentence).\n")
	b.WriteString("Test documents are listed for provenance only: whoever writes extraction code does not open them.\n\n")
	b.WriteString("| id | split | genre | issuer | province | script | date | title | address |\n|---|---|---|---|---|---|---|---|---|\n")
	cell := func(s string) string { return strings.ReplaceAll(s, "|", "\\|") }
	for _, id := range c.IDs() {
		s := c.Sources[id]
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s | %s | %s | %s |\n", id, c.Split[id], s.Genre, cell(s.Issuer), s.Province, s.Script, s.Date, cell(s.Title), cell(s.Address))
	}
	return b.String()
}
