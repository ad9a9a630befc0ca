package loader

import (
	"unicode"

	"github.com/collabgraph/collabgraph/graph"
	"github.com/collabgraph/collabgraph/loader/learn"
)

// The name tagger labels each character of a clause: outside a name, or
// beginning or inside a name of one kind. It finds names the gazetteer
// does not know and whose head is not in suffixes.tsv; the rules' own
// mentions and the lexicon's heads and stop words are among its features,
// so it learns where to trust them.
const nameModel = "names"

// tagO is the outside tag; the others are B- and I- of each kind.
const tagO = "O"

func nameTags() []string {
	out := []string{tagO}
	for _, k := range graph.Kinds {
		out = append(out, "B-"+string(k), "I-"+string(k))
	}
	return out
}

// tagInfo decodes a tag index of nameTags: its kind and whether it begins
// a name; kind is "" for outside.
type tagInfo struct {
	kind  graph.Kind
	begin bool
}

func decodeTags(tags []string) []tagInfo {
	out := make([]tagInfo, len(tags))
	for i, t := range tags {
		if t == tagO {
			continue
		}
		out[i] = tagInfo{kind: graph.Kind(t[2:]), begin: t[0] == 'B'}
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
	nRule
	nRulePrev
	nHeadEnds
	nHeadStarts
	nStopStarts
	nStopEnds
	nQuote
	nCue
	nPrevPrev
)

// clauseMarks are per-character facts of a clause the tagger's features
// read, computed once per clause.
type clauseMarks struct {
	rule      []string // "B-KIND", "I-KIND" from the rules' mentions, or ""
	headEnds  []string // a suffixes.tsv head of this kind ends at the character
	headStart []string // … starts at it
	stopStart []bool   // a stop or boundary word starts at it
	stopEnds  []bool   // … ends at it
	quote     []bool   // inside quotation marks
	cue       []bool   // a trigger or marker starts at it
}

func (r *rules) marks(text []rune, c span, ms []mention) *clauseMarks {
	n := c.End - c.Start
	k := &clauseMarks{rule: make([]string, n), headEnds: make([]string, n), headStart: make([]string, n),
		stopStart: make([]bool, n), stopEnds: make([]bool, n), quote: make([]bool, n), cue: make([]bool, n)}
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
		if s, _ := r.stops.longestBack(text, i+1, c.Start); s >= 0 {
			k.stopEnds[i-c.Start] = true
			k.stopStart[s-c.Start] = true
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
		learn.Template(nChar).Int(3).Rune(at(i-2)),
		learn.Template(nChar).Int(4).Rune(at(i+2)),
		learn.Template(nBigram).Int(0).Rune(at(i-1)).Rune(c0),
		learn.Template(nBigram).Int(1).Rune(c0).Rune(at(i+1)),
		learn.Template(nBigram).Int(2).Rune(at(i+1)).Rune(at(i+2)),
		learn.Template(nTrigram).Rune(at(i-1)).Rune(c0).Rune(at(i+1)),
		learn.Template(nPrev).Str(prev),
		learn.Template(nPrevPrev).Str(prev2).Str(prev),
		learn.Template(nPrevChar).Str(prev).Rune(c0),
		learn.Template(nClass).Int(charClass(at(i-1))).Int(charClass(c0)).Int(charClass(at(i+1))),
		learn.Template(nRule).Str(k.rule[j]),
		learn.Template(nRulePrev).Str(k.rule[j]).Str(prev),
		learn.Template(nHeadEnds).Int(0).Str(k.headEnds[j]),
		learn.Template(nHeadStarts).Str(k.headStart[j]),
		learn.Template(nQuote).Str(prev).Int(b2i(k.quote[j])),
	)
	if j > 0 {
		dst = append(dst, learn.Template(nHeadEnds).Int(1).Str(k.headEnds[j-1]).Str(prev))
	}
	if k.stopStart[j] {
		dst = append(dst, learn.Template(nStopStarts).Str(prev))
	}
	if k.stopEnds[j] {
		dst = append(dst, learn.Template(nStopEnds))
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

// tagNames runs the tagger over a clause, greedily left to right, and
// appends to dst the names it finds that no rule mention overlaps.
func (t *trained) tagNames(r *rules, text []rune, c span, ms []mention, dst []mention) []mention {
	for _, m := range t.tagAll(r, text, c, ms) {
		if !overlapsAny(m.span, ms) {
			dst = append(dst, m)
		}
	}
	return dst
}

// tagAll returns every name the tagger finds in a clause whose rule
// mentions are ms.
func (t *trained) tagAll(r *rules, text []rune, c span, ms []mention) []mention {
	var dst []mention
	if t.names == nil || c.End-c.Start < 2 {
		return dst
	}
	k := r.marks(text, c, ms)
	var fs []learn.Feature
	var scores []float32
	prev, prev2 := "", ""
	start, kind := -1, graph.Kind("")
	flush := func(end int) {
		if start >= 0 && end-start >= 2 && end-start <= maxNameLen {
			dst = append(dst, mention{span: span{start, end}, Name: string(text[start:end]), Kind: kind, tagged: true})
		}
		start = -1
	}
	for i := c.Start; i < c.End; i++ {
		fs = nameFeatures(text, c, k, i, prev, prev2, fs[:0])
		scores = t.names.Scores(fs, scores)
		best, _ := learn.Best(scores)
		info := t.tagInfo[best]
		switch {
		case info.kind == "":
			flush(i)
		case info.begin || start < 0 || info.kind != kind:
			flush(i)
			start, kind = i, info.kind
		}
		prev2, prev = prev, t.names.Classes[best]
	}
	flush(c.End)
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
			p := "I-"
			if i == m.Start {
				p = "B-"
			}
			tags[i-c.Start] = p + string(m.kind)
		}
	}
	return tags
}

// goldMention is a gold name written at a span.
type goldMention struct {
	span
	kind graph.Kind
}
