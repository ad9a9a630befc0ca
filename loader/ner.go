package loader

import (
	"unicode"

	"github.com/collabgraph/collabgraph/graph"
	"github.com/collabgraph/collabgraph/loader/learn"
)

// The name tagger labels each character of a clause as outside a name, or
// beginning or inside one, and a second model gives each name it cuts a
// kind. It finds names the gazetteer does not know and whose head is not
// in suffixes.tsv; the rules' own mentions and the lexicon's heads and cues
// are among its features, so it learns where to trust them. Two small
// decisions (three tags a character, seven kinds a name) cost a fifth of
// one tag of seven kinds a character.
const (
	nameModel     = "names"
	nameKindModel = "name-kinds"
)

// The boundary tags.
const (
	tagO = "O"
	tagB = "B"
	tagI = "I"
)

func nameTags() []string { return []string{tagO, tagB, tagI} }

func nameKinds() []string {
	out := make([]string, len(graph.Kinds))
	for i, k := range graph.Kinds {
		out[i] = string(k)
	}
	return out
}

// Name feature templates.
const (
	nBias uint16 = iota + 200
	nChar
	nBigram
	nTrigram
	nPrev
	nPrevChar
	nClass
	nHeadEnds
	nHeadStarts
	nQuote
	nCue
	nPrevPrev
	kLast
	kLast2
	kLast3
	kFirst
	kLen
	kHead
	kRule
	kBias
)

// clauseMarks are per-character facts of a clause the tagger's features
// read, computed once per clause.
type clauseMarks struct {
	rule      []string // "B-KIND", "I-KIND" from the rules' mentions, or ""
	headEnds  []string // a suffixes.tsv head of this kind ends at the character
	headStart []string // … starts at it
	quote     []bool   // inside quotation marks
	cue       []bool   // a trigger or marker starts at it
}

// marks computes the clause's marks into k, reusing its slices, and
// returns it; a nil k is allocated.
func (r *rules) marks(text []rune, c span, ms []mention, k *clauseMarks) *clauseMarks {
	n := c.End - c.Start
	if k == nil {
		k = &clauseMarks{}
	}
	k.rule, k.headEnds, k.headStart = resized(k.rule, n), resized(k.headEnds, n), resized(k.headStart, n)
	k.quote, k.cue = resized(k.quote, n), resized(k.cue, n)
	for _, m := range ms {
		if m.weak || m.enclave {
			continue
		}
		for i := max(m.Start, c.Start); i < min(m.End, c.End); i++ {
			p := "I-"
			if i == m.Start {
				p = "B-"
			}
			k.rule[i-c.Start] = p + string(m.Kind)
		}
	}
	inQuote := false
	for i := c.Start; i < c.End; i++ {
		if end, vals := r.heads.longest(text, i, c.End); end > 0 {
			k.headStart[i-c.Start] = vals[0].kind
			k.headEnds[end-1-c.Start] = vals[0].kind
		}
		if end, _ := r.cues.longest(text, i, c.End); end > 0 {
			k.cue[i-c.Start] = true
		}
		switch {
		case r.openQuote[text[i]]:
			inQuote = true
		case isQuote(text[i]):
			inQuote = false
		}
		k.quote[i-c.Start] = inQuote
	}
	return k
}

// resized returns s with length n and every element zero.
func resized[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

func charClass(c rune) int {
	switch {
	case unicode.Is(unicode.Han, c):
		return 1
	case c < 0x80 && unicode.IsDigit(c):
		return 2
	case c < 0x80 && unicode.IsLetter(c):
		return 3
	case unicode.IsPunct(c) || unicode.IsSymbol(c):
		return 4
	case unicode.IsSpace(c):
		return 5
	}
	return 6
}

// nameFeatures appends the tagger's features for character i of clause c,
// given the tags of the two characters before it.
func nameFeatures(text []rune, c span, k *clauseMarks, i int, prev, prev2 string, dst []learn.Feature) []learn.Feature {
	at := func(j int) rune {
		if j < c.Start || j >= c.End {
			return 0
		}
		return text[j]
	}
	j := i - c.Start
	c0 := at(i)
	dst = append(dst,
		learn.Template(nBias),
		learn.Template(nChar).Int(0).Rune(c0),
		learn.Template(nChar).Int(1).Rune(at(i-1)),
		learn.Template(nChar).Int(2).Rune(at(i+1)),
		learn.Template(nBigram).Int(0).Rune(at(i-1)).Rune(c0),
		learn.Template(nBigram).Int(1).Rune(c0).Rune(at(i+1)),
		learn.Template(nBigram).Int(2).Rune(at(i+1)).Rune(at(i+2)),
		learn.Template(nTrigram).Rune(at(i-1)).Rune(c0).Rune(at(i+1)),
		learn.Template(nPrev).Str(prev),
		learn.Template(nPrevPrev).Str(prev2).Str(prev),
		learn.Template(nPrevChar).Str(prev).Rune(c0),
		learn.Template(nClass).Int(charClass(at(i-1))).Int(charClass(c0)).Int(charClass(at(i+1))),
		learn.Template(nHeadEnds).Int(0).Str(k.headEnds[j]),
		learn.Template(nHeadStarts).Str(k.headStart[j]),
		learn.Template(nQuote).Str(prev).Int(b2i(k.quote[j])),
	)
	if j > 0 {
		dst = append(dst, learn.Template(nHeadEnds).Int(1).Str(k.headEnds[j-1]).Str(prev))
	}
	if k.cue[j] {
		dst = append(dst, learn.Template(nCue).Str(prev))
	}
	return dst
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// maxNameLen bounds a tagged name; a longer run is a tagging error.
const maxNameLen = 40

// tagScratch holds what tagging one clause needs, reused across clauses.
type tagScratch struct {
	k      clauseMarks
	fs     []learn.Feature
	scores []float32
	found  []mention
}

// tagNames runs the tagger over a clause, greedily left to right, and
// appends to dst the names it finds that no rule mention overlaps.
func (t *trained) tagNames(r *rules, text []rune, c span, ms []mention, sc *tagScratch, dst []mention) []mention {
	for _, m := range t.tagAll(r, text, c, ms, sc) {
		if !overlapsAny(m.span, ms) {
			dst = append(dst, m)
		}
	}
	return dst
}

// tagAll returns every name the tagger finds in a clause whose rule
// mentions are ms, each with the kind the kind model gives it.
func (t *trained) tagAll(r *rules, text []rune, c span, ms []mention, sc *tagScratch) []mention {
	if sc == nil {
		sc = &tagScratch{}
	}
	dst := sc.found[:0]
	defer func() { sc.found = dst[:0] }()
	if t.names == nil || t.nameKinds == nil || c.End-c.Start < 2 {
		return dst
	}
	k := r.marks(text, c, ms, &sc.k)
	fs, scores := sc.fs[:0], sc.scores
	defer func() { sc.fs, sc.scores = fs[:0], scores }()
	prev, prev2 := "", ""
	start := -1
	flush := func(end int) {
		if start >= 0 && end-start >= 2 && end-start <= maxNameLen {
			s := span{start, end}
			fs = kindFeatures(text, s, c, k, fs[:0])
			scores = t.nameKinds.Scores(fs, scores)
			kind := graph.Kind(t.nameKinds.Classes[learn.Argmax(scores)])
			dst = append(dst, mention{span: s, Name: string(text[start:end]), Kind: kind, tagged: true})
		}
		start = -1
	}
	for i := c.Start; i < c.End; i++ {
		var tag string
		if rt := k.rule[i-c.Start]; rt != "" {
			// Inside a rule's mention the tagger's own name would be
			// dropped for overlapping it: take the rule's tag unscored.
			tag = tagI
			if rt[0] == 'B' {
				tag = tagB
			}
		} else {
			fs = nameFeatures(text, c, k, i, prev, prev2, fs[:0])
			scores = t.names.Scores(fs, scores)
			tag = t.names.Classes[learn.Argmax(scores)]
		}
		switch {
		case tag == tagO:
			flush(i)
		case tag == tagB || start < 0:
			flush(i)
			start = i
		}
		prev2, prev = prev, tag
	}
	flush(c.End)
	return dst
}

// kindFeatures appends the kind model's features of the name at s.
func kindFeatures(text []rune, s, c span, k *clauseMarks, dst []learn.Feature) []learn.Feature {
	e := s.End
	dst = append(dst,
		learn.Template(kBias),
		learn.Template(kLast).Rune(text[e-1]),
		learn.Template(kLast2).Rune(text[e-2]).Rune(text[e-1]),
		learn.Template(kFirst).Rune(text[s.Start]),
		learn.Template(kLen).Int(bucket(e-s.Start)),
		learn.Template(kHead).Str(k.headEnds[e-1-c.Start]),
		learn.Template(kRule).Str(k.rule[e-1-c.Start]),
	)
	if e-s.Start >= 3 {
		dst = append(dst, learn.Template(kLast3).Rune(text[e-3]).Rune(text[e-2]).Rune(text[e-1]))
	}
	return dst
}

func overlapsAny(s span, ms []mention) bool {
	for _, m := range ms {
		if m.Start < s.End && s.Start < m.End {
			return true
		}
	}
	return false
}

// goldTags labels the characters of clause c by the gold mentions.
func goldTags(c span, gms []goldMention) []string {
	tags := make([]string, c.End-c.Start)
	for i := range tags {
		tags[i] = tagO
	}
	for _, m := range gms {
		if m.Start < c.Start || m.End > c.End {
			continue
		}
		for i := m.Start; i < m.End; i++ {
			tags[i-c.Start] = tagI
		}
		tags[m.Start-c.Start] = tagB
	}
	return tags
}

// goldMention is a gold name written at a span.
type goldMention struct {
	span
	kind graph.Kind
}
