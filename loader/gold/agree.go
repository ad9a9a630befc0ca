package gold

import (
	"strings"
	"unicode/utf8"

	"github.com/collabgraph/collabgraph/graph"
)

// Mention is one place where the text writes a gold entity.
type Mention struct {
	Start, End int // code points, End exclusive
	Entity     *Entity
}

// Mentions finds every written form of the annotation's entities in text,
// leftmost-longest and without overlaps, in text order. It is what a
// sequence labeller learns entity boundaries from.
func (a *Annotation) Mentions(text []rune) []Mention {
	type form struct {
		r []rune
		e *Entity
	}
	var forms []form
	for i := range a.Entities {
		for _, f := range a.Entities[i].Forms() {
			if utf8.RuneCountInString(f) >= 2 {
				forms = append(forms, form{[]rune(f), &a.Entities[i]})
			}
		}
	}
	var out []Mention
	for i := 0; i < len(text); {
		best := -1
		for j, f := range forms {
			if len(f.r) <= len(text)-i && (best < 0 || len(f.r) > len(forms[best].r)) && runesAt(text, i, f.r) {
				best = j
			}
		}
		if best < 0 {
			i++
			continue
		}
		out = append(out, Mention{Start: i, End: i + len(forms[best].r), Entity: forms[best].e})
		i += len(forms[best].r)
	}
	return out
}

func runesAt(text []rune, i int, f []rune) bool {
	for k, c := range f {
		if text[i+k] != c {
			return false
		}
	}
	return true
}

// Agreement scores a second annotation b against a first, a, of the same
// document: relation (kind, from, to) keys that both give, and the number
// each gives. Entities are matched across the two by any shared written
// form, since two annotators may pick different canonical names for one
// entity; an enclave, whose name is constructed, by its exact name.
func Agreement(a, b *Annotation) (both, inA, inB int) {
	toA := map[string]string{}
	byForm := map[string]string{}
	for _, e := range a.Entities {
		for _, f := range e.Forms() {
			byForm[normForm(f)] = e.Name
		}
	}
	for _, e := range b.Entities {
		for _, f := range e.Forms() {
			if n, ok := byForm[normForm(f)]; ok {
				toA[e.Name] = n
				break
			}
		}
		if _, ok := toA[e.Name]; !ok {
			toA[e.Name] = "?" + e.Name
		}
	}
	keysA := map[Key]bool{}
	for _, r := range a.Relations {
		keysA[MakeKey(a.Doc, r.Kind, r.From, r.To)] = true
	}
	keysB := map[Key]bool{}
	for _, r := range b.Relations {
		keysB[MakeKey(a.Doc, r.Kind, toA[r.From], toA[r.To])] = true
	}
	for k := range keysB {
		if keysA[k] {
			both++
		}
	}
	return both, len(keysA), len(keysB)
}

// StatusAgreement counts, over the keys both annotations give, those on
// whose status they agree.
func StatusAgreement(a, b *Annotation) (same, both int) {
	st := map[Key]graph.Status{}
	for _, r := range a.Relations {
		st[MakeKey(a.Doc, r.Kind, r.From, r.To)] = r.Status
	}
	byForm := map[string]string{}
	for _, e := range a.Entities {
		for _, f := range e.Forms() {
			byForm[normForm(f)] = e.Name
		}
	}
	name := func(n string) string {
		if e := b.Entity(n); e != nil {
			for _, f := range e.Forms() {
				if m, ok := byForm[normForm(f)]; ok {
					return m
				}
			}
		}
		return "?" + n
	}
	for _, r := range b.Relations {
		if s, ok := st[MakeKey(a.Doc, r.Kind, name(r.From), name(r.To))]; ok {
			both++
			if s == r.Status {
				same++
			}
		}
	}
	return same, both
}

// normForm makes forms comparable across bracket widths, spaces and ASCII case.
func normForm(s string) string {
	s = strings.NewReplacer("（", "(", "）", ")", " ", "", "\u3000", "").Replace(s)
	return strings.ToUpper(strings.TrimSpace(s))
}
