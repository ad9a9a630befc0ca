package loader

import (
	"fmt"
	"strings"
	"sync"
	"unicode"

	"github.com/collabgraph/collabgraph/graph"
	"github.com/collabgraph/collabgraph/loader/lexicon"
)

// rules is everything the stages read from the lexicon, indexed for one
// pass over each sentence. It is built once and shared read-only, so
// documents can be extracted in parallel.
type rules struct {
	gaz      []gazEntry
	gazIndex *trie[gazHit] // names and aliases of regions and known entities
	byName   map[string][]gazHit
	byCode   map[string]int32 // region code → entry

	heads       *trie[headVal]  // suffixes.tsv
	abroadHeads *trie[headVal]  // suffixes.tsv rows marked abroad
	stops       *trie[struct{}] // reversed stop words
	generic     *trie[struct{}] // generic words, forward
	classify    map[rune]bool   // classifiers
	numerals    map[rune]bool   // numerals before a classifier
	etc         map[rune]bool   // closes a list: X、Y等
	rank        *trie[struct{}] // grades dropped from a name's start
	scope       *trie[struct{}] // reversed: areas that make a head a designation
	tail        *trie[struct{}] // words that make the name before them a modifier
	possessive  map[rune]bool   // 的: a stop word that does not close a phrase
	inner       *trie[struct{}] // stop words a name may hold (与 in 船舶与海洋工程…中心)
	coord       *trie[struct{}] // reversed: joins two modifiers of one head (新材料和机器人产业创新联盟)
	openQuote   map[rune]bool   // opens a quoted name
	homeCountry string          // the Parent of the home country's macro-regions
	seps        *trie[struct{}] // reversed list separators
	cues        *trie[cueVal]   // triggers and status markers
	sections    []lexicon.SectionMarker
	variants    []lexicon.Variant
	suffixes    []lexicon.Suffix // the lexicon's heads, for withModel
	sharedName  map[string]bool  // region names two gazetteer regions bear
	patterns    []*pattern       // patterns.tsv, compiled

	// model is the trained stage, nil when it is off (before the first
	// training, or while training collects what the rules alone find).
	model *trained
	// keepViews keeps each sentence's view in its extraction, for training.
	keepViews bool
}

// gazEntry is one thing the gazetteer knows: a region or a known entity.
type gazEntry struct {
	// ValidTo is the last year a former division existed (former.tsv); 0
	// for one that exists today.
	ValidTo int
	Name    string
	Kind    graph.Kind
	Level   string
	Code    string
	Parent  string // region: parent's code
	Aliases []string
}

// gazHit is one way to write a gazetteer entry.
type gazHit struct {
	entry int32
	alias bool // written as an alias, not the full name
}

type headVal struct {
	kind   string // entity kind, "ENCLAVE" or "NONE"
	place  bool   // the name must hold a gazetteer name
	abroad bool   // an enclave word after a place abroad
}

// cueVal is a trigger row or a status marker; a word may be both (落户).
type cueVal struct {
	trigger *lexicon.Trigger
	marker  *lexicon.StatusMarker
}

var (
	defaultRulesOnce sync.Once
	defaultRules     *rules
	baseRulesOnce    sync.Once
	baseRulesVal     *rules
)

// lexiconRules returns the rules built from the embedded lexicon, with the
// trained stages of the embedded weights.
func lexiconRules() *rules {
	defaultRulesOnce.Do(func() {
		m, err := embeddedModel()
		if err != nil {
			panic(err) // the weights are part of the build: a bad file is a broken build
		}
		defaultRules = baseRules().withModel(m)
	})
	return defaultRules
}

// baseRules returns the rules of the lexicon alone: what training starts from.
func baseRules() *rules {
	baseRulesOnce.Do(func() {
		var gaz []gazEntry
		current := map[string]bool{}
		for _, r := range lexicon.Regions() {
			gaz = append(gaz, gazEntry{Name: r.Name, Kind: graph.Region, Level: r.Level, Code: r.Code, Parent: r.Parent, Aliases: r.Aliases})
			current[r.Name] = true
		}
		// Divisions abolished or renamed since 2000 (江干区, 萧山市) are what
		// older documents name; one whose name lives on under a new code is
		// today's entry, not a second region.
		for _, r := range lexicon.FormerRegions() {
			// 郊区 and 城区 were districts' names, but in prose they are the
			// words suburbs and urban area: a two-character name of a level
			// word names no place.
			if rs := []rune(r.Name); len(rs) <= 2 && r.Level == "district" {
				continue
			}
			if !current[r.Name] {
				gaz = append(gaz, gazEntry{Name: r.Name, Kind: graph.Region, Level: r.Level, Code: r.Code, Parent: r.Parent, Aliases: r.Aliases, ValidTo: r.ValidTo})
			}
		}
		for _, k := range lexicon.Known() {
			gaz = append(gaz, gazEntry{Name: k.Name, Kind: k.Kind, Aliases: k.Aliases})
		}
		bounds := append([]lexicon.BoundaryWord(nil), lexicon.BoundaryWords()...)
		for _, v := range lexicon.Verbs() {
			bounds = append(bounds, lexicon.BoundaryWord{Role: "verb", Word: v})
		}
		baseRulesVal = newRules(gaz, lexicon.Suffixes(), bounds, lexicon.Triggers(),
			lexicon.StatusMarkers(), lexicon.SectionMarkers(), lexicon.NameVariants())
		for _, row := range lexicon.RelationPatterns() {
			p, err := compilePattern(row.Name, row.Pattern, row.Output, lexicon.Triggers(), lexicon.StatusMarkers())
			if err != nil {
				panic(fmt.Sprintf("lexicon: patterns.tsv: row %d: %v", row.Line, err)) // embedded data: a bad row is a broken build
			}
			p.Example, p.Expect, p.Issuer = row.Example, row.Expect, row.Issuer
			baseRulesVal.patterns = append(baseRulesVal.patterns, p)
		}
	})
	return baseRulesVal
}

// withModel returns a copy of r with the trained stage t (nil for none)
// and the heads t learned added to the lexicon's.
func (r *rules) withModel(t *trained) *rules {
	c := *r
	c.model = t
	if t != nil && len(t.heads) > 0 {
		c.heads = newTrie[headVal]()
		for _, s := range append(append([]lexicon.Suffix(nil), r.suffixes...), t.heads...) {
			if !s.Abroad {
				c.heads.add([]rune(s.Word), headVal{kind: s.Kind, place: s.Place})
			}
		}
	}
	return &c
}

func newRules(gaz []gazEntry, suffixes []lexicon.Suffix, bounds []lexicon.BoundaryWord,
	triggers []lexicon.Trigger, markers []lexicon.StatusMarker,
	sections []lexicon.SectionMarker, variants []lexicon.Variant) *rules {
	r := &rules{
		gaz:         gaz,
		gazIndex:    newTrie[gazHit](),
		byName:      make(map[string][]gazHit),
		byCode:      make(map[string]int32),
		heads:       newTrie[headVal](),
		abroadHeads: newTrie[headVal](),
		stops:       newTrie[struct{}](),
		generic:     newTrie[struct{}](),
		classify:    make(map[rune]bool),
		numerals:    make(map[rune]bool),
		etc:         make(map[rune]bool),
		rank:        newTrie[struct{}](),
		scope:       newTrie[struct{}](),
		tail:        newTrie[struct{}](),
		possessive:  make(map[rune]bool),
		inner:       newTrie[struct{}](),
		coord:       newTrie[struct{}](),
		openQuote:   map[rune]bool{'“': true, '"': true, '《': true, '‘': true},
		homeCountry: "CN",
		seps:        newTrie[struct{}](),
		cues:        newTrie[cueVal](),
		sections:    sections,
		variants:    variants,
		suffixes:    suffixes,
	}
	names := map[string]int{}
	for _, g := range gaz {
		if g.Kind == graph.Region && g.Code != "" {
			names[g.Name]++
		}
	}
	r.sharedName = map[string]bool{}
	for n, c := range names {
		if c > 1 {
			r.sharedName[n] = true
		}
	}
	for i, g := range gaz {
		h := gazHit{entry: int32(i)}
		r.addName(g.Name, h)
		h.alias = true
		for _, a := range g.Aliases {
			if a != g.Name {
				r.addName(a, h)
			}
		}
		if g.Kind == graph.Region && g.Code != "" {
			r.byCode[g.Code] = int32(i)
		}
	}
	for _, s := range suffixes {
		if s.Abroad {
			r.abroadHeads.add([]rune(s.Word), headVal{kind: s.Kind, abroad: true})
			continue
		}
		r.heads.add([]rune(s.Word), headVal{kind: s.Kind, place: s.Place})
	}
	for _, b := range bounds {
		switch b.Role {
		case "stop":
			r.stops.add(reversed(b.Word), struct{}{})
		case "generic":
			r.generic.add([]rune(b.Word), struct{}{})
		case "classifier":
			for _, c := range b.Word {
				r.classify[c] = true
			}
		case "numeral":
			for _, c := range b.Word {
				r.numerals[c] = true
			}
		case "rank":
			r.rank.add([]rune(b.Word), struct{}{})
		case "scope":
			r.scope.add(reversed(b.Word), struct{}{})
		case "possessive":
			for _, c := range b.Word {
				r.possessive[c] = true
			}
		case "tail":
			r.tail.add([]rune(b.Word), struct{}{})
		case "inner":
			r.inner.add([]rune(b.Word), struct{}{})
		case "coordinator":
			r.coord.add(reversed(b.Word), struct{}{})
		case "verb":
			r.stops.add(reversed(b.Word), struct{}{})
		case "etc":
			for _, c := range b.Word {
				r.etc[c] = true
			}
		case "separator":
			r.seps.add(reversed(b.Word), struct{}{})
		}
	}
	for i := range triggers {
		r.cues.add([]rune(triggers[i].Word), cueVal{trigger: &triggers[i]})
	}
	for i := range markers {
		r.cues.add([]rune(markers[i].Word), cueVal{marker: &markers[i]})
	}
	return r
}

func (r *rules) addName(name string, h gazHit) {
	if name == "" {
		return
	}
	key := upperASCII(name)
	for _, old := range r.byName[key] {
		if old.entry == h.entry {
			return
		}
	}
	r.byName[key] = append(r.byName[key], h)
	r.gazIndex.add([]rune(name), h)
}

// lookup finds a name the patterns produced in the gazetteer, as written or
// in one of its head variants; ok is false when the gazetteer lacks it.
func (r *rules) lookup(name string) (hits []gazHit, ok bool) {
	name = upperASCII(name)
	if h, ok := r.byName[name]; ok {
		return h, true
	}
	for _, v := range r.variants {
		if strings.HasSuffix(name, v.From) {
			alt := strings.TrimSuffix(name, v.From) + v.To
			if h, ok := r.byName[alt]; ok {
				return h, true
			}
		}
	}
	return nil, false
}

// namesNothing reports whether a name ends in a NONE head of suffixes.tsv
// (上海国际金融中心, 北京大学浙江校友会): such a thing is of no ontology
// kind, even when the gazetteer lists it.
func (r *rules) namesNothing(name []rune) bool {
	for i := max(0, len(name)-maxHead); i < len(name); i++ {
		if end, vals := r.heads.longest(name, i, len(name)); end == len(name) && vals[0].kind == "NONE" {
			return true
		}
	}
	return false
}

// abroad reports whether gazetteer entry i is a place outside the home
// country: a foreign country or a place under one.
func (r *rules) abroad(i int32) bool {
	for steps := 0; i >= 0 && steps < 8; steps++ {
		g := &r.gaz[i]
		if g.Kind != graph.Region {
			return false
		}
		if g.Level == "country" {
			return g.Code != r.homeCountry
		}
		j, ok := r.byCode[g.Parent]
		if !ok {
			return false
		}
		i = j
	}
	return false
}

// upperASCII folds ASCII letters as the tries do.
func upperASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if 'a' <= s[i] && s[i] <= 'z' {
			return strings.Map(upper, s)
		}
	}
	return s
}

// isBreak reports whether c can never be inside a name: punctuation,
// space, quotes and the spam placeholder. Parentheses are handled apart.
func isBreak(c rune) bool {
	switch c {
	case '(', ')':
		return false
	case '\uFFFC':
		return true
	}
	return unicode.IsSpace(c) || unicode.IsPunct(c) || unicode.IsSymbol(c)
}

func isASCIIAlnum(c rune) bool {
	return c < 0x80 && (unicode.IsLetter(c) || unicode.IsDigit(c))
}
