package loader

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/collabgraph/collabgraph/graph"
	"github.com/collabgraph/collabgraph/loader/lexicon"
)

// The pattern rules of patterns.tsv. A pattern reads a sentence as a typed
// sequence: each resolved name is one symbol standing for its kind, the
// rest is the text itself. The small language below compiles to a regular
// expression over that sequence (RE2: linear in the sentence, whatever the
// pattern), so a rule is data, its example is its test, and the quality
// test reports its hits and precision by name.
//
//	A=KIND|KIND   one name of these kinds, captured as A (KIND * for any)
//	A+=KIND|KIND  a list of such names joined by 、和及与 (以及, 或), all captured as A
//	@KIND         a trigger word of triggers.tsv of that kind or role (@JOINS, @PARTNER)
//	@PLANNED      a status marker of status.tsv (@ESTABLISHED likewise)
//	'words'       the words themselves
//	…             up to 16 characters that are no name and no clause break
//	,             a clause break (，；：), or a list separator before a break
//	ETC           an optional 等 (等N家, 等一批) closing a list
//
// Each output item `KIND X Y` states a relation from X to Y, where X and Y
// are captures or ISSUER (the document's issuer); a list capture gives one
// relation per name in it.
type pattern struct {
	Name    string
	Source  string // the pattern as written
	re      *regexp.Regexp
	outputs []patternOutput
	caps    map[string]int // capture name → group index
	must    []string       // words every match holds: a sentence without one is skipped unread
	Example string
	Expect  string
	Issuer  string // the example's issuing region
}

type patternOutput struct {
	kind     graph.RelationKind
	from, to string // capture names, or "ISSUER"
}

// Symbols standing for names, one per kind, in the Private Use Area: no
// document text uses them once the reader has replaced spam runes.
const nameSymbol = '\uE000'

func kindSymbol(k graph.Kind) rune {
	for i, x := range graph.Kinds {
		if x == k {
			return nameSymbol + rune(i)
		}
	}
	return nameSymbol + rune(len(graph.Kinds))
}

const (
	patternGap   = `[^\x{E000}-\x{E0FF},;:。，；：]{0,16}`
	patternBreak = `[,;:，；：]`
	patternSep   = `(?:、|和|及|与|以及|或|,)`
	patternEtc   = `(?:等(?:[0-9一二三四五六七八九十百几多]+[家个所项]|一批)?)?`
)

// compilePattern parses one row of patterns.tsv.
func compilePattern(name, src, output string, triggers []lexicon.Trigger, markers []lexicon.StatusMarker) (*pattern, error) {
	p := &pattern{Name: name, Source: src, caps: map[string]int{}}
	var b strings.Builder
	group := 0
	for _, el := range strings.Fields(src) {
		switch {
		case el == "…":
			b.WriteString(patternGap)
		case el == ",":
			b.WriteString(patternBreak)
		case el == "ETC":
			b.WriteString(patternEtc)
		case strings.HasPrefix(el, "'") && strings.HasSuffix(el, "'") && len(el) > 2:
			b.WriteString(regexp.QuoteMeta(strings.Trim(el, "'")))
			p.must = append(p.must, strings.Trim(el, "'"))
		case strings.HasPrefix(el, "@"):
			words := cueWords(el[1:], triggers, markers)
			if len(words) == 0 {
				return nil, fmt.Errorf("pattern %s: %s: no trigger or marker of that kind or role", name, el)
			}
			b.WriteString("(?:" + strings.Join(words, "|") + ")")
		case strings.Contains(el, "="):
			capName, kinds, _ := strings.Cut(el, "=")
			list := strings.HasSuffix(capName, "+")
			capName = strings.TrimSuffix(capName, "+")
			if capName == "" || capName == "ISSUER" {
				return nil, fmt.Errorf("pattern %s: %s: a capture needs a name other than ISSUER", name, el)
			}
			if _, dup := p.caps[capName]; dup {
				return nil, fmt.Errorf("pattern %s: capture %s twice", name, capName)
			}
			class, err := symbolClass(kinds)
			if err != nil {
				return nil, fmt.Errorf("pattern %s: %s: %w", name, el, err)
			}
			group++
			p.caps[capName] = group
			if list {
				fmt.Fprintf(&b, "(%s(?:%s%s)*)", class, patternSep, class)
			} else {
				fmt.Fprintf(&b, "(%s)", class)
			}
		default:
			return nil, fmt.Errorf("pattern %s: %q is not an element (NAME=KIND, @KIND, 'words', …, ',', ETC)", name, el)
		}
	}
	re, err := regexp.Compile(b.String())
	if err != nil {
		return nil, fmt.Errorf("pattern %s: %w", name, err)
	}
	p.re = re
	for _, item := range strings.Split(output, ";") {
		f := strings.Fields(item)
		if len(f) != 3 {
			return nil, fmt.Errorf("pattern %s: output %q: want KIND FROM TO", name, item)
		}
		o := patternOutput{kind: graph.RelationKind(f[0]), from: f[1], to: f[2]}
		if !o.kind.Valid() {
			return nil, fmt.Errorf("pattern %s: output %q: %s is not a relation kind", name, item, f[0])
		}
		for _, end := range []string{o.from, o.to} {
			if _, ok := p.caps[end]; !ok && end != "ISSUER" {
				return nil, fmt.Errorf("pattern %s: output %q: %s is not a capture", name, item, end)
			}
		}
		p.outputs = append(p.outputs, o)
	}
	return p, nil
}

// symbolClass is the character class of the symbols of kinds ("*": all).
func symbolClass(kinds string) (string, error) {
	if kinds == "*" {
		return fmt.Sprintf(`[\x{%X}-\x{%X}]`, nameSymbol, nameSymbol+rune(len(graph.Kinds)-1)), nil
	}
	var b strings.Builder
	b.WriteByte('[')
	for _, k := range strings.Split(kinds, "|") {
		if !graph.Kind(k).Valid() {
			return "", fmt.Errorf("%q is not an entity kind", k)
		}
		fmt.Fprintf(&b, `\x{%X}`, kindSymbol(graph.Kind(k)))
	}
	b.WriteByte(']')
	return b.String(), nil
}

// cueWords returns the quoted words of the triggers of a kind or role, or
// of the status markers of a status, longest first so the longest matches.
func cueWords(kind string, triggers []lexicon.Trigger, markers []lexicon.StatusMarker) []string {
	var words []string
	seen := map[string]bool{}
	add := func(w string) {
		if !seen[w] {
			seen[w] = true
			words = append(words, regexp.QuoteMeta(w))
		}
	}
	for _, t := range triggers {
		if t.Kind == kind {
			add(t.Word)
		}
	}
	for _, m := range markers {
		if string(m.Status) == kind {
			add(m.Word)
		}
	}
	// Longest first: RE2 alternation prefers the leftmost alternative.
	for i := 1; i < len(words); i++ {
		for j := i; j > 0 && utf8.RuneCountInString(words[j]) > utf8.RuneCountInString(words[j-1]); j-- {
			words[j], words[j-1] = words[j-1], words[j]
		}
	}
	return words
}

// shape is a sentence as patterns read it: its text with each resolved
// name replaced by its kind's symbol.
type shape struct {
	str      string
	from, to []int     // shape rune → the text span it stands for
	names    []*entity // shape rune → the entity of a symbol, nil otherwise
	rune     []int32   // byte offset in str → shape rune (at rune starts, and len(str))
}

// A region written right before one of its own sub-regions (上海市松江区)
// is read as the sub-region: the pair names one place, and the PART_OF it
// states is the adjacent-regions rule's.
func (r *rules) sentenceShape(text []rune, clauses []span, ms [][]mention) *shape {
	s := &shape{}
	lo, hi := clauses[0].Start, clauses[len(clauses)-1].End
	var all []mention
	for _, cm := range ms {
		for _, m := range cm {
			if m.ent != nil && !m.enclave && m.End > m.Start {
				all = append(all, m)
			}
		}
	}
	var b strings.Builder
	mi := 0
	for i := lo; i < hi; {
		for mi < len(all) && all[mi].Start < i {
			mi++
		}
		if mi < len(all) && all[mi].Start == i {
			m := all[mi]
			for mi+1 < len(all) && all[mi+1].Start == m.End && m.ent.Kind == graph.Region &&
				all[mi+1].ent.Kind == graph.Region && r.isAncestor(m.ent.entry, all[mi+1].ent.entry) {
				mi++
				m = mention{span: span{m.Start, all[mi].End}, ent: all[mi].ent}
			}
			b.WriteRune(kindSymbol(m.ent.Kind))
			s.from, s.to, s.names = append(s.from, i), append(s.to, m.End), append(s.names, m.ent)
			i = m.End
			continue
		}
		b.WriteRune(text[i])
		s.from, s.to, s.names = append(s.from, i), append(s.to, i+1), append(s.names, nil)
		i++
	}
	s.str = b.String()
	s.rune = make([]int32, len(s.str)+1)
	ri := int32(0)
	for bi := range s.str {
		s.rune[bi] = ri
		ri++
	}
	s.rune[len(s.str)] = ri
	return s
}

// entities returns the entities of the symbols in the shape string's byte
// range [b0, b1).
func (s *shape) entities(b0, b1 int) []*entity {
	var out []*entity
	for i := int(s.rune[b0]); i < int(s.rune[b1]); i++ {
		if s.names[i] != nil {
			out = append(out, s.names[i])
		}
	}
	return out
}

// applyPatterns appends the facts the pattern rules find in one sentence.
// The evidence is the clauses the match covers.
func (r *rules) applyPatterns(text []rune, clauses []span, ms [][]mention, issuer *entity, dst []fact) []fact {
	if len(r.patterns) == 0 || len(clauses) == 0 {
		return dst
	}
	raw := string(text[clauses[0].Start:clauses[len(clauses)-1].End])
	any := false
	for _, p := range r.patterns {
		if holdsAll(raw, p.must) {
			any = true
			break
		}
	}
	if !any {
		return dst
	}
	s := r.sentenceShape(text, clauses, ms)
	if !strings.ContainsFunc(s.str, func(c rune) bool { return c >= nameSymbol && c < nameSymbol+0x100 }) {
		return dst
	}
	for _, p := range r.patterns {
		if !holdsAll(s.str, p.must) {
			continue
		}
		for _, m := range p.re.FindAllStringSubmatchIndex(s.str, -1) {
			caps := map[string][]*entity{"ISSUER": nil}
			if issuer != nil {
				caps["ISSUER"] = []*entity{issuer}
			}
			for name, g := range p.caps {
				if m[2*g] >= 0 {
					caps[name] = s.entities(m[2*g], m[2*g+1])
				}
			}
			r0, r1 := int(s.rune[m[0]]), int(s.rune[m[1]])
			if r1 <= r0 {
				continue
			}
			start, end := s.from[r0], s.to[r1-1]
			ev := span{clauseStart(clauses, start), clauseEnd(clauses, end)}
			for _, o := range p.outputs {
				for _, from := range caps[o.from] {
					for _, to := range caps[o.to] {
						if from == to || !allowed(o.kind, from.Kind, to.Kind) {
							continue
						}
						dst = append(dst, fact{Kind: o.kind, From: from, To: to, Status: graph.Planned, span: ev, rule: "rule:" + p.Name})
					}
				}
			}
		}
	}
	return dst
}

func holdsAll(s string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

func clauseStart(cs []span, pos int) int {
	for _, c := range cs {
		if pos < c.End {
			return c.Start
		}
	}
	return cs[len(cs)-1].Start
}

func clauseEnd(cs []span, pos int) int {
	for _, c := range cs {
		if pos <= c.End {
			return c.End
		}
	}
	return cs[len(cs)-1].End
}
