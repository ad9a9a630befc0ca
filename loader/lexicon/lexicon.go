// Package lexicon holds collabgraph's Chinese vocabulary as data: the
// gazetteer of regions, the hand-kept list of known entities, the patterns
// of web-page furniture and spam, and the extraction lists (triggers,
// status markers, suffixes). Each list is a TSV file embedded in the binary,
// the way gse embeds its dictionaries; README.md says where each came from
// and what its columns mean. Code names each list by its role and never
// spells a Chinese word itself.
package lexicon

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"strings"
	"sync"

	"github.com/collabgraph/collabgraph/graph"
)

//go:embed *.tsv
var files embed.FS

// ReadTSV returns the rows of the embedded file name (e.g. "triggers.tsv"),
// each split on tabs. Blank lines and lines starting with '#' (the header
// that describes the file, and comments) are skipped; a field is trimmed of
// surrounding spaces. It fails only when there is no such file.
func ReadTSV(name string) ([][]string, error) {
	data, err := fs.ReadFile(files, name)
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	return parseTSV(data), nil
}

func parseTSV(data []byte) [][]string {
	var rows [][]string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		for i := range fields {
			fields[i] = strings.TrimSpace(fields[i])
		}
		rows = append(rows, fields)
	}
	return rows
}

// mustRows reads an embedded list that the package's own tests check, so a
// failure here is a broken build rather than bad input.
func mustRows(name string, minCols int) [][]string {
	rows, err := ReadTSV(name)
	if err != nil {
		panic(err)
	}
	for i, r := range rows {
		if len(r) < minCols {
			panic(fmt.Sprintf("lexicon: %s: row %d has %d columns, want at least %d", name, i+1, len(r), minCols))
		}
	}
	return rows
}

// splitList splits a column holding several values separated by '|'.
func splitList(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, v := range strings.Split(s, "|") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// Region is one administrative area or macro-region of regions.tsv.
type Region struct {
	Code    string   // GB/T 2260 code (6 digits), the statistics bureau's 9-digit code for a town or street, or "" for a macro-region or foreign place
	Name    string   // full official name, e.g. "临平区"
	Level   string   // province, city, district, county, county-level city, town, street, macro or country
	Parent  string   // the parent's Code, or "" at the top
	Aliases []string // short forms that stand for this region alone, e.g. "临平"
}

// Entity is one hand-kept named entity of known.tsv.
type Entity struct {
	Name    string
	Kind    graph.Kind
	Aliases []string
	Parent  string // the Name of the entity this one is part of (a platform's corridor), or ""
}

// Pattern is one rule of furniture.tsv or spam.tsv: a role that says what
// the rule is for, a regular expression (Go syntax) or literal, and an
// argument some roles use.
type Pattern struct {
	Role string
	Expr string
	Arg  string
}

var (
	regionsOnce sync.Once
	regions     []Region
	knownOnce   sync.Once
	known       []Entity
	furnOnce    sync.Once
	furniture   []Pattern
	spamOnce    sync.Once
	spam        []Pattern
	datesOnce   sync.Once
	dates       []Pattern
)

// Regions returns the gazetteer: the generated administrative divisions
// followed by the hand-kept macro-regions and foreign places. The slice is
// shared; callers must not modify it.
func Regions() []Region {
	regionsOnce.Do(func() {
		for _, r := range mustRows("regions.tsv", 3) {
			r = append(r, "", "", "")
			regions = append(regions, Region{Code: r[0], Name: r[1], Level: r[2], Parent: r[3], Aliases: splitList(r[4])})
		}
	})
	return regions
}

// Known returns the hand-kept named entities: corridors, platforms,
// institutions, enterprises and alliances. The slice is shared; callers
// must not modify it.
func Known() []Entity {
	knownOnce.Do(func() {
		for i, r := range mustRows("known.tsv", 2) {
			r = append(r, "", "")
			k := Entity{Name: r[0], Kind: graph.Kind(r[1]), Aliases: splitList(r[2]), Parent: r[3]}
			if !k.Kind.Valid() {
				panic(fmt.Sprintf("lexicon: known.tsv: row %d: kind %q is not an ontology kind", i+1, r[1]))
			}
			known = append(known, k)
		}
	})
	return known
}

// Furniture returns the rules that tell web-page furniture, tables of
// contents and metadata lines from content (see furniture.tsv for roles).
func Furniture() []Pattern {
	furnOnce.Do(func() { furniture = patterns("furniture.tsv") })
	return furniture
}

// Spam returns the rules that find injected advertising (see spam.tsv).
func Spam() []Pattern {
	spamOnce.Do(func() { spam = patterns("spam.tsv") })
	return spam
}

// Dates returns the rules that read a document's date from its text: date
// syntaxes, numerals, field labels, date lines, datelines, title years,
// plan periods and plan names (see dates.tsv for roles).
func Dates() []Pattern {
	datesOnce.Do(func() { dates = patterns("dates.tsv") })
	return dates
}

func patterns(name string) []Pattern {
	var out []Pattern
	for _, r := range mustRows(name, 2) {
		r = append(r, "")
		out = append(out, Pattern{Role: r[0], Expr: r[1], Arg: r[2]})
	}
	return out
}
