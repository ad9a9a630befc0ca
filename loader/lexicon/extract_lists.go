package lexicon

import (
	"fmt"
	"sync"

	"github.com/collabgraph/collabgraph/graph"
)

// The extraction lists: what the loader's recognise and relate stages read.
// Each accessor parses its file once; the slices are shared and callers must
// not modify them. A malformed row panics, because the files are embedded
// and checked by this package's tests: a bad row is a broken build.

// Helper roles in triggers.tsv that are not relation kinds.
const (
	RolePartner = "PARTNER" // opens the list of partners: 与X合作
	RoleAt      = "AT"      // opens the host of an enclave: 在X设立科创飞地
	RoleActor   = "ACTOR"   // names who acts next, not the issuer: 鼓励X牵头
)

// Trigger is one row of triggers.tsv.
type Trigger struct {
	Kind string // a graph.RelationKind, RolePartner, RoleAt or RoleActor
	Word string
	Side string // "after", "before", "list", "between", "direct", "parts" or "-"
}

// StatusMarker is one row of status.tsv.
type StatusMarker struct {
	Status   graph.Status
	Word     string
	Position string // "before" or "after" the trigger, "self": the trigger itself, or "always": before it, even under a heading reviewing the past, or "agreement": after it, the agreement that provides for it (签署合作共建Y备忘录)
}

// SectionMarker is one row of sections.tsv: a heading word and the status it
// gives the sentences under that heading.
type SectionMarker struct {
	Status graph.Status
	Word   string
}

// Suffix is one row of suffixes.tsv. Kind is an entity kind, or "NONE" for a
// generic phrase that contains a head but names nothing.
type Suffix struct {
	Kind   string
	Word   string
	Place  bool // the name must hold a gazetteer name (中心 alone is too common a head)
	Abroad bool // an enclave word when the name is a place abroad and the head
}

// BoundaryWord is one row of boundaries.tsv.
type BoundaryWord struct {
	Role string // stop, generic, classifier, numeral, separator, etc, rank, scope, tail, possessive, inner or coordinator; verb for verbs.tsv
	Word string
}

// Variant is one row of variants.tsv: a spelling of a head and its other spelling.
type Variant struct {
	From, To string
}

var (
	triggersOnce sync.Once
	triggers     []Trigger
	statusOnce   sync.Once
	statuses     []StatusMarker
	sectionsOnce sync.Once
	sections     []SectionMarker
	suffixesOnce sync.Once
	suffixes     []Suffix
	boundsOnce   sync.Once
	bounds       []BoundaryWord
	verbsOnce    sync.Once
	verbs        []string
	variantsOnce sync.Once
	variants     []Variant
)

// Triggers returns the relation trigger words of triggers.tsv in file order,
// which is their priority.
func Triggers() []Trigger {
	triggersOnce.Do(func() {
		for i, r := range mustRows("triggers.tsv", 3) {
			t := Trigger{Kind: r[0], Word: r[1], Side: r[2]}
			if !graph.RelationKind(t.Kind).Valid() && t.Kind != RolePartner && t.Kind != RoleAt && t.Kind != RoleActor {
				panic(fmt.Sprintf("lexicon: triggers.tsv: row %d: kind %q is neither a relation kind nor a helper role", i+1, t.Kind))
			}
			switch t.Side {
			case "after", "before", "list", "between", "direct", "parts", "-":
			default:
				panic(fmt.Sprintf("lexicon: triggers.tsv: row %d: side %q", i+1, t.Side))
			}
			triggers = append(triggers, t)
		}
	})
	return triggers
}

// StatusMarkers returns the status markers of status.tsv.
func StatusMarkers() []StatusMarker {
	statusOnce.Do(func() {
		for i, r := range mustRows("status.tsv", 3) {
			m := StatusMarker{Status: graph.Status(r[0]), Word: r[1], Position: r[2]}
			if !m.Status.Valid() || (m.Position != "before" && m.Position != "after" && m.Position != "self" && m.Position != "always" && m.Position != "agreement") {
				panic(fmt.Sprintf("lexicon: status.tsv: row %d: %q", i+1, r))
			}
			statuses = append(statuses, m)
		}
	})
	return statuses
}

// SectionMarkers returns the heading words of sections.tsv.
func SectionMarkers() []SectionMarker {
	sectionsOnce.Do(func() {
		for i, r := range mustRows("sections.tsv", 2) {
			m := SectionMarker{Status: graph.Status(r[0]), Word: r[1]}
			if !m.Status.Valid() {
				panic(fmt.Sprintf("lexicon: sections.tsv: row %d: status %q", i+1, r[0]))
			}
			sections = append(sections, m)
		}
	})
	return sections
}

// Suffixes returns the name heads of suffixes.tsv.
func Suffixes() []Suffix {
	suffixesOnce.Do(func() {
		for i, r := range mustRows("suffixes.tsv", 2) {
			s := Suffix{Kind: r[0], Word: r[1], Place: len(r) > 2 && r[2] == "place", Abroad: len(r) > 2 && r[2] == "abroad"}
			if s.Kind != "NONE" && !graph.Kind(s.Kind).Valid() {
				panic(fmt.Sprintf("lexicon: suffixes.tsv: row %d: kind %q", i+1, s.Kind))
			}
			suffixes = append(suffixes, s)
		}
	})
	return suffixes
}

// BoundaryWords returns the words of boundaries.tsv.
func BoundaryWords() []BoundaryWord {
	boundsOnce.Do(func() {
		for i, r := range mustRows("boundaries.tsv", 2) {
			switch r[0] {
			case "stop", "generic", "classifier", "numeral", "separator", "etc", "rank", "scope", "tail", "possessive", "inner", "coordinator", "verb":
			default:
				panic(fmt.Sprintf("lexicon: boundaries.tsv: row %d: role %q", i+1, r[0]))
			}
			bounds = append(bounds, BoundaryWord{Role: r[0], Word: r[1]})
		}
	})
	return bounds
}

// Verbs returns the common verbs of verbs.tsv, which end a name read
// leftwards from its head as stop words do (挖掘钱塘科学城 → 钱塘科学城).
func Verbs() []string {
	verbsOnce.Do(func() {
		for _, r := range mustRows("verbs.tsv", 1) {
			verbs = append(verbs, r[0])
		}
	})
	return verbs
}

// NameVariants returns the head spellings of variants.tsv.
func NameVariants() []Variant {
	variantsOnce.Do(func() {
		for _, r := range mustRows("variants.tsv", 2) {
			variants = append(variants, Variant{From: r[0], To: r[1]})
		}
	})
	return variants
}

// RelationPattern is one row of patterns.tsv: a named pattern over a
// sentence's typed sequence, the relations it states, and the example
// sentence its test runs, with what that example must yield.
type RelationPattern struct {
	Name, Pattern, Output string
	Example, Expect       string
	Issuer                string // the example's issuing region, or ""
	Line                  int
}

var (
	relPatternsOnce sync.Once
	relPatterns     []RelationPattern
)

// RelationPatterns returns the rows of patterns.tsv in file order.
func RelationPatterns() []RelationPattern {
	relPatternsOnce.Do(func() {
		for i, r := range mustRows("patterns.tsv", 5) {
			r = append(r, "")
			relPatterns = append(relPatterns, RelationPattern{Name: r[0], Pattern: r[1], Output: r[2], Example: r[3], Expect: r[4], Issuer: r[5], Line: i + 1})
		}
	})
	return relPatterns
}
