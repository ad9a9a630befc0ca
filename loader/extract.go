package loader

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/collabgraph/collabgraph/graph"
	"github.com/collabgraph/collabgraph/loader/source"
)

// maxClause caps a clause's length. Policy prose has clauses of tens of
// characters; a run of thousands without punctuation is a table or junk,
// and cutting it keeps every stage linear in the text.
const maxClause = 1000

// extraction is what one document yields, before the graph is assembled.
type extraction struct {
	doc        graph.Document
	issuer     *entity
	entities   entities
	facts      []fact
	views      []*sentenceView // kept for training only
	recognised []recognised    // kept for training only
	original   []rune
	stats      DocStats
}

// DocStats counts what the stages saw in one document.
type DocStats struct {
	Document  string // Document.ID
	Sentences int    // content sentences, repeats included
	Repeats   int    // sentences skipped as repeats of earlier ones
	Clauses   int
	Mentions  int // names recognised, before resolution
}

// extract runs the stages on one read document: split clauses, recognise,
// find the issuer, resolve, relate. It fails only on a document whose
// folded text does not line up with its original, which is a bug in
// reading, reported rather than trusted.
func (r *rules) extract(d *source.Document) (*extraction, error) {
	orig := []rune(d.Original)
	text := d.Folded
	if len(text) != len(orig) {
		return nil, &source.Error{File: d.File, Offset: -1, Field: "folded text",
			Err: fmt.Errorf("%d code points, original has %d", len(text), len(orig))}
	}
	x := &extraction{
		doc:      graph.Document{ID: d.ID, File: d.File, Title: d.Title, Date: d.Date, Source: d.Source},
		entities: entities{},
		original: orig,
	}

	// One group per sentence: clauses, their mentions, the section status.
	type sentenceAt struct {
		clauses []span
		ms      [][]mention
		section graph.Status
	}
	var sentences []sentenceAt
	var all []mention
	var sc tagScratch // reused by every clause the tagger reads
	var buf []span
	sec := sectionState{}
	titled := r.titleStatus(d.Title)
	for _, s := range d.Sentences {
		if s.Start < 0 || s.End > len(text) || s.Start >= s.End {
			return nil, &source.Error{File: d.File, Offset: s.Start, Field: "sentence",
				Err: fmt.Errorf("span [%d,%d) outside the text's %d code points", s.Start, s.End, len(text))}
		}
		section := sec.update(r, text, s.Start, s.End)
		x.stats.Sentences++
		if s.RepeatOf >= 0 {
			x.stats.Repeats++
			continue // its first place already stated it
		}
		st := sentenceAt{section: section}
		buf = splitClauses(text, s.Start, s.End, buf[:0])
		for _, c := range buf {
			for c.End-c.Start > maxClause {
				st.clauses = append(st.clauses, span{c.Start, c.Start + maxClause})
				c.Start += maxClause
			}
			st.clauses = append(st.clauses, c)
		}
		sentences = append(sentences, st)
	}
	for si := range sentences {
		st := &sentences[si]
		st.ms = make([][]mention, len(st.clauses))
		// A clause is tagged when it or a neighbour holds a cue: the names
		// a cue relates stand within a clause of it.
		var cued []bool
		if r.model != nil && r.model.names != nil {
			cued = make([]bool, len(st.clauses))
			for ci, c := range st.clauses {
				cued[ci] = r.mayRelate(text, c)
			}
		}
		for ci, c := range st.clauses {
			tagging := cued != nil && (cued[ci] || (ci > 0 && cued[ci-1]) || (ci+1 < len(cued) && cued[ci+1]))
			first := len(all)
			all = r.recognise(text, c, all)
			if r.keepViews {
				x.recognised = append(x.recognised, recognised{c, append([]mention(nil), all[first:]...)})
			}
			if tagging {
				n := len(all)
				all = r.model.tagNames(r, text, c, all[first:n], &sc, all)
				if len(all) > n {
					cm := all[first:]
					sort.SliceStable(cm, func(a, b int) bool { return cm[a].Start < cm[b].Start })
				}
			}
			st.ms[ci] = all[first:len(all):len(all)]
		}
	}

	x.stats.Document = d.ID
	x.stats.Mentions = len(all)
	for _, st := range sentences {
		x.stats.Clauses += len(st.clauses)
	}
	// issuer also places ambiguous region names; a press report keeps it
	// for that but, issued by no region, lends no implicit subject.
	issuer := r.issuerEntry(d.Issuer, d.IssuerFrom != "text", all)
	if issuer >= 0 && !d.Report {
		x.issuer = x.entities.fromEntry(r, issuer)
		x.doc.Issuer = graph.EntityID(x.issuer.Kind, x.issuer.Name)
	}
	forms := r.issuerForms(all, issuer)
	dv := &docView{id: d.ID, report: d.Report}
	for _, st := range sentences {
		for ci := range st.ms {
			writeOutForms(st.ms[ci], forms)
			st.ms[ci] = r.resolve(st.ms[ci], issuer, x.entities)
			keepWritten(st.ms[ci], orig)
		}
		first := len(x.facts)
		x.facts = r.relateSentence(text, st.clauses, st.ms, x.issuer, st.section, titled, x.entities, x.facts)
		x.facts = r.applyPatterns(text, st.clauses, st.ms, x.issuer, x.facts)
		if r.model == nil && !r.keepViews {
			continue
		}
		v := &sentenceView{text: text, doc: dv, clauses: st.clauses, ms: st.ms, section: st.section,
			titled: titled, issuer: x.issuer, facts: append([]fact(nil), x.facts[first:]...)}
		v.cues = make([][]cue, len(st.clauses))
		for ci, c := range st.clauses {
			v.cues[ci] = r.clauseCues(text, c, st.ms[ci])
		}
		if r.keepViews {
			x.views = append(x.views, v)
		}
		if r.model != nil {
			x.facts = r.model.decide(v, x.facts[:first])
			r.model.restatus(v, x.facts[first:])
		}
	}
	return x, nil
}

// recognised is a clause with the mentions the rules recognised in it,
// before the tagger and resolution: what the tagger learns from.
type recognised struct {
	c  span
	ms []mention
}

// mayRelate reports whether a clause holds a trigger word or a status
// marker: names are only worth tagging near something that may relate
// them, which spares the tagger much of a long document.
func (r *rules) mayRelate(text []rune, c span) bool {
	for i := c.Start; i < c.End; i++ {
		if end, _ := r.cues.longest(text, i, c.End); end > 0 {
			return true
		}
	}
	return false
}

// keepWritten records, for each mention of a name the gazetteer does not
// know that is written whole in the text, the spelling as written.
func keepWritten(ms []mention, orig []rune) {
	for _, m := range ms {
		e := m.ent
		if e == nil || e.entry >= 0 || m.full != "" || m.End > len(orig) {
			continue
		}
		w := string(orig[m.Start:m.End])
		if source.FoldString(w) != e.Name {
			continue // an expanded name (a list item with its shared head)
		}
		if e.written == nil {
			e.written = map[string]bool{}
		}
		e.written[w] = true
	}
}

// clauseCues returns the cues of a clause, as the relation rules find them.
func (r *rules) clauseCues(text []rune, c span, ms []mention) []cue {
	cr := clauseRelater{r: r, text: text, c: c, ms: ms}
	cr.findCues()
	return cr.cues
}

// sectionState follows the headings of a document (一、 (一) 1.) and the
// status their words give the sentences under them (sections.tsv): a plan's
// 现实基础 reports what is done, a report's 工作思路 what is aimed at.
type sectionState struct {
	levels [3]graph.Status
}

// titleStatus is the status the words of sections.tsv give a document's
// title, "" when none does: a 工作总结 reports, a 规划 plans. Unlike a
// heading's, it is only the last resort of a clause without markers.
func (r *rules) titleStatus(title string) graph.Status {
	for _, m := range r.sections {
		if containsWord(title, m.Word) {
			return m.Status
		}
	}
	return ""
}

// update reads the sentence text[start:end]; when it opens a heading it
// resets that level and those below. It returns the status in force, ""
// when no heading above says.
func (s *sectionState) update(r *rules, text []rune, start, end int) graph.Status {
	if lv, body := r.headingLevel(text, start, end); lv >= 0 {
		for i := lv; i < len(s.levels); i++ {
			s.levels[i] = ""
		}
		stop := min(body+24, end)
		head := string(text[body:stop])
		for _, m := range r.sections {
			if containsWord(head, m.Word) {
				s.levels[lv] = m.Status
				break
			}
		}
	}
	for i := len(s.levels) - 1; i >= 0; i-- {
		if s.levels[i] != "" {
			return s.levels[i]
		}
	}
	return ""
}

// headingLevel recognises an enumerator at text[start]: a numeral and 、
// (level 0), a parenthesised numeral (level 1), or digits and a dot (level
// 2). It returns -1 when the sentence does not open a heading, and where
// the heading's words begin.
func (r *rules) headingLevel(text []rune, start, end int) (level, body int) {
	isHanNumeral := func(c rune) bool { return r.numerals[c] && unicode.Is(unicode.Han, c) }
	i := start
	switch {
	case i < end && text[i] == '(':
		j := i + 1
		for j < end && j-i < 4 && isHanNumeral(text[j]) {
			j++
		}
		if j > i+1 && j < end && text[j] == ')' {
			return 1, j + 1
		}
	case i < end && isHanNumeral(text[i]):
		j := i
		for j < end && j-i < 3 && isHanNumeral(text[j]) {
			j++
		}
		if j < end && text[j] == '、' {
			return 0, j + 1
		}
	case i < end && unicode.IsDigit(text[i]):
		j := i
		for j < end && j-i < 3 && unicode.IsDigit(text[j]) {
			j++
		}
		if j < end && (text[j] == '.' || text[j] == '、') && j+1 < end && !unicode.IsDigit(text[j+1]) {
			return 2, j + 1
		}
	}
	return -1, 0
}

func containsWord(s, w string) bool {
	return w != "" && strings.Contains(s, w)
}
