package loader

import (
	_ "embed"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"sync"
	"unicode"

	"github.com/collabgraph/collabgraph/graph"
	"github.com/collabgraph/collabgraph/loader/learn"
	"github.com/collabgraph/collabgraph/loader/lexicon"
)

// The trained stages, rebuilt by `collabgraph train` from corpus/ (see
// docs/loader.md); a test fails when this file is stale.
//
//go:embed model/weights.bin
var embeddedWeights []byte

// Names of the models and notes in the weights bundle.
const (
	relationModel = "relation"
	statusModel   = "status"
	notePrior     = "prior:" // + a stage's band (shareBand): its cross-validated precision on train
)

var (
	trainedOnce sync.Once
	trainedRes  *trained
	trainedErr  error
)

// LoadTrained is Load with the trained stages of weights (as Train returns
// them) instead of the embedded ones; nil turns the trained stages off.
// It is for measuring a training before its weights are committed.
func LoadTrained(weights *learn.Bundle, paths ...string) (*graph.Graph, error) {
	var t *trained
	if weights != nil {
		t = newTrained(weights)
	}
	g, _, err := baseRules().withModel(t).load(paths)
	return g, err
}

// embeddedModel returns the stages trained into the embedded weights, or
// nil when the bundle holds none (before the first training).
func embeddedModel() (*trained, error) {
	trainedOnce.Do(func() {
		b, err := learn.Read(embeddedWeights)
		if err != nil {
			trainedErr = fmt.Errorf("loader: embedded weights: %w", err)
			return
		}
		trainedRes = newTrained(b)
	})
	return trainedRes, trainedErr
}

// trained is the loader's statistical stage: a relation model that decides,
// for each pair of names a sentence holds (or a name and the document's
// issuer), which relation if any it states, and a status model that decides
// whether each statement reports it done or planned.
type trained struct {
	names       *learn.Model // the name tagger, nil when off
	nameKinds   *learn.Model // the kind of each name it cuts
	rel, status *learn.Model
	priors      map[string]float64 // rule name → precision on train
	classes     []pairClass        // rel's classes, decoded
	heads       []lexicon.Suffix   // heads learned from the gold names, beside suffixes.tsv's
	minShare    float64            // a relation only the model finds needs this share
	vetoShare   float64            // the model drops a rule's fact when sure of no relation
	// noRuleFeatures: the relation model was trained without the rules'
	// findings among its features.
	noRuleFeatures bool
}

func newTrained(b *learn.Bundle) *trained {
	t := &trained{names: b.Models[nameModel], rel: b.Models[relationModel], status: b.Models[statusModel], priors: map[string]float64{}}
	if t.names == nil && t.rel == nil && t.status == nil {
		return nil
	}
	t.heads = parseHeads(b.Notes[noteHeads])
	t.noRuleFeatures = b.Notes[noteRuleFeats] == "false"
	t.nameKinds = b.Models[nameKindModel]
	if v, err := strconv.ParseFloat(b.Notes[noteMinShare], 64); err == nil {
		t.minShare = v
	}
	t.vetoShare = 2 // never, unless the weights say
	if v, err := strconv.ParseFloat(b.Notes[noteVetoShare], 64); err == nil {
		t.vetoShare = v
	}
	for k, v := range b.Notes {
		if len(k) > len(notePrior) && k[:len(notePrior)] == notePrior {
			if p, err := strconv.ParseFloat(v, 64); err == nil {
				t.priors[k[len(notePrior):]] = p
			}
		}
	}
	if t.rel != nil {
		for _, c := range t.rel.Classes {
			t.classes = append(t.classes, parsePairClass(c))
		}
	}
	return t
}

// pairClass is what the relation model says of a pair (a, b) in text
// order: no relation, or a kind running forward (a → b) or backward.
type pairClass struct {
	kind     graph.RelationKind // "" for none
	backward bool
}

func (c pairClass) String() string {
	switch {
	case c.kind == "":
		return "NONE"
	case c.kind.Symmetric():
		return string(c.kind)
	case c.backward:
		return string(c.kind) + "<"
	}
	return string(c.kind) + ">"
}

func parsePairClass(s string) pairClass {
	switch {
	case s == "NONE":
		return pairClass{}
	case s[len(s)-1] == '<':
		return pairClass{kind: graph.RelationKind(s[:len(s)-1]), backward: true}
	case s[len(s)-1] == '>':
		return pairClass{kind: graph.RelationKind(s[:len(s)-1])}
	}
	return pairClass{kind: graph.RelationKind(s)}
}

// pairClasses lists every class the relation model chooses among.
func pairClasses() []string {
	out := []string{"NONE"}
	for _, k := range graph.RelationKinds {
		if k.Symmetric() {
			out = append(out, pairClass{kind: k}.String())
			continue
		}
		out = append(out, pairClass{kind: k}.String(), pairClass{kind: k, backward: true}.String())
	}
	return out
}

// sentenceView is what the trained stage sees of one sentence: its clauses
// with their resolved mentions and cues, the status its heading and the
// document's title give, and the facts the rules found in it.
type sentenceView struct {
	text    []rune
	doc     *docView
	clauses []span
	ms      [][]mention
	cues    [][]cue
	section graph.Status
	titled  graph.Status
	issuer  *entity
	facts   []fact // the rules' facts for this sentence
	around  [][]sentenceMarker
}

// docView is what the trained stage sees of the whole document.
type docView struct {
	id     string
	report bool // a press report, by its byline (source.Document.Report)
}

// maxPairMentions caps the names of one sentence that are paired, so that
// a sentence listing hundreds of names stays linear in cost.
const maxPairMentions = 24

// maxClauseGap is how many clauses apart two names may be and still be
// paired: policy prose states a relation within a clause or two.
const maxClauseGap = 2

// candidate is one pair of names of a sentence the relation model judges.
type candidate struct {
	a, b    *entity
	am, bm  span // where each is written; am is empty for the implicit issuer
	ac, bc  int  // their clause indexes
	virtual bool // a is the document's issuer, not written in the sentence
}

// candidates lists the pairs of a sentence's distinct entities, each at its
// closest pair of mentions, and each entity with the issuer when the
// sentence does not name the issuer itself.
func (v *sentenceView) candidates() []candidate {
	type at struct {
		e  *entity
		s  span
		ci int
	}
	var ms []at
	named := map[*entity]bool{}
	for ci, cm := range v.ms {
		for _, m := range cm {
			if m.ent == nil || m.enclave || len(ms) >= maxPairMentions {
				continue
			}
			ms = append(ms, at{m.ent, m.span, ci})
			named[m.ent] = true
		}
	}
	type pairKey struct{ a, b *entity }
	best := map[pairKey]int{}
	var out []candidate
	for i := range ms {
		for j := i + 1; j < len(ms); j++ {
			a, b := ms[i], ms[j]
			if a.e == b.e || b.ci-a.ci > maxClauseGap {
				continue
			}
			k := pairKey{a.e, b.e}
			if k.b == k.a {
				continue
			}
			c := candidate{a: a.e, b: b.e, am: a.s, bm: b.s, ac: a.ci, bc: b.ci}
			if prev, ok := best[k]; ok {
				if out[prev].bm.Start-out[prev].am.End > c.bm.Start-c.am.End {
					out[prev] = c
				}
				continue
			}
			if prev, ok := best[pairKey{b.e, a.e}]; ok { // the same two, written the other way round
				if out[prev].bm.Start-out[prev].am.End > c.bm.Start-c.am.End {
					out[prev] = c
				}
				continue
			}
			best[k] = len(out)
			out = append(out, c)
		}
	}
	if v.issuer != nil && !named[v.issuer] {
		seen := map[*entity]bool{}
		for _, m := range ms {
			if seen[m.e] {
				continue
			}
			seen[m.e] = true
			c := v.clauses[m.ci]
			out = append(out, candidate{a: v.issuer, b: m.e, am: span{c.Start, c.Start}, bm: m.s, ac: m.ci, bc: m.ci, virtual: true})
		}
	}
	return out
}

// Feature templates. Their numbers are part of the weights: renumbering
// one is retraining.
const (
	fBias uint16 = iota + 1
	fKinds
	fRule
	fRuleKinds
	fBetween
	fBetweenLen
	fNamesBetween
	fBreaksBetween
	fBefore
	fAfter
	fCueBetween
	fCueBetweenKinds
	fCueAfter
	fCueBefore
	fWordBetween
	fListOnly
	fSameClause
	fFirstChars
)

// Status feature templates.
const (
	sBias uint16 = iota + 100
	sRule
	sSection
	sTitled
	sKind
	sMarker
	sMarkerSentence
	sClauseBigram
	sReport
	sSentenceStart
	sMarkerKind
	sSectionRule
)

func bucket(n int) int {
	switch {
	case n <= 2:
		return n
	case n <= 5:
		return 3
	case n <= 10:
		return 4
	case n <= 20:
		return 5
	}
	return 6
}

func isBreakRune(c rune) bool {
	return c == '，' || c == ',' || c == '；' || c == ';' || c == '：' || c == ':' || c == '。'
}

func isListRune(c rune) bool {
	return c == '、' || c == '和' || c == '及' || c == '与' || c == '同' || unicode.IsSpace(c)
}

// ruleSays returns the kind and direction the rules gave the pair, or none.
func (v *sentenceView) ruleSays(c candidate) (pairClass, string) {
	for _, f := range v.facts {
		switch {
		case f.From == c.a && f.To == c.b:
			return pairClass{kind: f.Kind}, f.rule
		case f.From == c.b && f.To == c.a:
			return pairClass{kind: f.Kind, backward: !f.Kind.Symmetric()}, f.rule
		}
	}
	return pairClass{}, ""
}

// pairFeatures appends the relation model's features of candidate c.
func (v *sentenceView) pairFeatures(c candidate, noRules bool, dst []learn.Feature) []learn.Feature {
	t := v.text
	kinds := string(c.a.Kind) + "|" + string(c.b.Kind)
	if c.virtual {
		kinds = "ISSUER|" + kinds
	}
	dst = append(dst,
		learn.Template(fBias),
		learn.Template(fKinds).Str(kinds),
		learn.Template(fSameClause).Int(c.bc-c.ac).Str(kinds),
	)
	if !noRules {
		rule, ruleName := v.ruleSays(c)
		dst = append(dst, learn.Template(fRule).Str(rule.String()).Str(ruleName),
			learn.Template(fRuleKinds).Str(rule.String()).Str(kinds))
	}
	lo, hi := c.am.End, c.bm.Start
	if hi < lo {
		hi = lo
	}
	dst = append(dst, learn.Template(fBetweenLen).Int(bucket(hi-lo)).Str(kinds))
	breaks, list := 0, true
	for i := lo; i < hi; i++ {
		if isBreakRune(t[i]) {
			breaks++
		}
		if !isListRune(t[i]) {
			list = false
		}
	}
	dst = append(dst, learn.Template(fBreaksBetween).Int(bucket(breaks)).Str(kinds))
	if list && hi > lo {
		dst = append(dst, learn.Template(fListOnly).Str(kinds))
	}
	// The words between, read as character bigrams: near both ends when the
	// stretch is long, where the verb and the preposition stand.
	for i := lo; i+1 < hi; i++ {
		if hi-lo > 16 && i >= lo+8 && i < hi-8 {
			continue
		}
		dst = append(dst, learn.Template(fBetween).Rune(t[i]).Rune(t[i+1]))
	}
	names := 0
	for ci := c.ac; ci <= c.bc && ci < len(v.ms); ci++ {
		for _, m := range v.ms[ci] {
			if m.Start >= lo && m.End <= hi {
				names++
			}
		}
	}
	dst = append(dst, learn.Template(fNamesBetween).Int(bucket(names)))
	if s := c.am.Start; !c.virtual && s > 0 {
		dst = append(dst, learn.Template(fBefore).Rune(t[s-1]))
		if s > 1 {
			dst = append(dst, learn.Template(fBefore).Rune(t[s-2]).Rune(t[s-1]))
		}
	}
	if e := c.bm.End; e < len(t) {
		dst = append(dst, learn.Template(fAfter).Rune(t[e]))
		if e+1 < len(t) {
			dst = append(dst, learn.Template(fAfter).Rune(t[e]).Rune(t[e+1]))
		}
	}
	if c.virtual {
		cl := v.clauses[c.ac]
		for i := cl.Start; i < cl.Start+2 && i < c.bm.Start; i++ {
			dst = append(dst, learn.Template(fFirstChars).Int(i-cl.Start).Rune(t[i]))
		}
	}
	// Cues: trigger words and markers of the lexicon, by where they stand.
	for ci := c.ac; ci <= min(c.bc+1, len(v.cues)-1); ci++ {
		for _, q := range near(v.cues[ci], c.am.Start-cueWindow, c.bm.End+cueWindow) {
			for _, val := range q.vals {
				tr := val.trigger
				if tr == nil {
					continue
				}
				role := tr.Kind + "/" + tr.Side
				switch {
				case q.Start >= lo && q.End <= hi:
					dst = append(dst, learn.Template(fCueBetween).Str(role),
						learn.Template(fCueBetweenKinds).Str(role).Str(kinds),
						learn.Template(fWordBetween).Str(tr.Word).Str(kinds))
				case q.Start >= c.bm.End:
					dst = append(dst, learn.Template(fCueAfter).Str(role).Str(kinds))
				case q.End <= c.am.Start:
					dst = append(dst, learn.Template(fCueBefore).Str(role).Str(kinds))
				}
			}
		}
	}
	return dst
}

// statusFeatures appends the status model's features of a statement of
// kind k in clause index ci of the sentence, the rules' status being rule.
func (v *sentenceView) statusFeatures(k graph.RelationKind, ci int, stmt span, rule graph.Status, dst []learn.Feature) []learn.Feature {
	t := v.text
	dst = append(dst,
		learn.Template(sBias),
		learn.Template(sRule).Str(string(rule)),
		learn.Template(sSection).Str(string(v.section)),
		learn.Template(sTitled).Str(string(v.titled)),
		learn.Template(sKind).Str(string(k)),
		learn.Template(sSectionRule).Str(string(v.section)).Str(string(rule)),
	)
	for _, q := range near(v.cues[ci], stmt.Start-cueWindow, stmt.End+cueWindow) {
		for _, val := range q.vals {
			if m := val.marker; m != nil {
				where := "in"
				if q.Start >= stmt.End {
					where = "after"
				}
				dst = append(dst, learn.Template(sMarker).Str(m.Word).Str(where),
					learn.Template(sMarkerKind).Str(string(m.Status)).Str(m.Position).Str(where))
			}
		}
	}
	for _, m := range v.markersAround(ci) {
		dst = append(dst, learn.Template(sMarkerSentence).Str(string(m.status)).Str(m.where))
	}
	c := v.clauses[ci]
	for i := max(c.Start, stmt.Start-cueWindow); i+1 < min(c.End, stmt.End+cueWindow); i++ {
		dst = append(dst, learn.Template(sClauseBigram).Rune(t[i]).Rune(t[i+1]))
	}
	if s := v.clauses[0].Start; s+1 < len(t) {
		dst = append(dst, learn.Template(sSentenceStart).Rune(t[s]).Rune(t[s+1]))
	}
	// The genre, as the reader sees it: a press report (byline, no
	// signature) reports; the title's words say plan or report. Bigrams of
	// the title and the opening were tried and memorised documents instead.
	dst = append(dst, learn.Template(sReport).Int(b2i(v.doc.report)).Str(string(rule)),
		learn.Template(sReport).Int(b2i(v.doc.report)).Str(string(v.titled)))
	return dst
}

// cueWindow is how far, in runes, from a statement its cues and words are
// read: policy prose puts a statement's verb and markers within a clause's
// length of it, and a sentence with no punctuation (a table flattened to one
// line) must not make each statement read the whole of it.
const cueWindow = 64

// near returns the cues of one clause, ordered by offset, that start in
// [lo, hi).
func near(cs []cue, lo, hi int) []cue {
	i := sort.Search(len(cs), func(i int) bool { return cs[i].Start >= lo })
	j := i + sort.Search(len(cs)-i, func(k int) bool { return cs[i+k].Start >= hi })
	return cs[i:j]
}

// sentenceMarker is a status marker of another clause than a statement's,
// once per status and side.
type sentenceMarker struct {
	status graph.Status
	where  string // before or later
}

// markersAround returns the distinct statuses that markers of the clauses
// before and after clause ci give. Each clause's sets are built once per
// sentence, so a sentence of many clauses and many statements stays linear.
func (v *sentenceView) markersAround(ci int) []sentenceMarker {
	if v.around == nil {
		v.around = make([][]sentenceMarker, len(v.clauses))
		var before []graph.Status
		for i := range v.clauses {
			for _, s := range before {
				v.around[i] = append(v.around[i], sentenceMarker{s, "before"})
			}
			before = addStatuses(before, v.cues[i])
		}
		var later []graph.Status
		for i := len(v.clauses) - 1; i >= 0; i-- {
			for _, s := range later {
				v.around[i] = append(v.around[i], sentenceMarker{s, "later"})
			}
			later = addStatuses(later, v.cues[i])
		}
	}
	return v.around[ci]
}

// addStatuses adds to set the statuses the markers among cs give, each once.
func addStatuses(set []graph.Status, cs []cue) []graph.Status {
	for _, q := range cs {
		for _, val := range q.vals {
			if m := val.marker; m != nil && !slices.Contains(set, m.Status) {
				set = append(set, m.Status)
			}
		}
	}
	return set
}

// clauseOf returns the index of the clause holding offset pos, or the last.
func (v *sentenceView) clauseOf(pos int) int {
	for i, c := range v.clauses {
		if pos < c.End {
			return i
		}
	}
	return len(v.clauses) - 1
}

// decide returns the sentence's facts as the trained stage sees them. The
// rules' facts stand, scored by the relation model's share for them, unless
// the model is sure (vetoShare) that the pair states nothing; a pair the
// rules left unrelated gets the relation the model finds most likely among
// those the ontology allows, when its share reaches minShare. Rule facts
// about pairs the model does not judge (enclaves, names far apart) keep
// their rule's precision on train as confidence.
func (t *trained) decide(v *sentenceView, dst []fact) []fact {
	var fs []learn.Feature
	var scores []float32
	var probs []float64
	type verdict struct {
		vetoed bool
		share  map[graph.RelationKind]float64
	}
	judged := map[[2]*entity]*verdict{}
	if t.rel != nil {
		for _, c := range v.candidates() {
			fs = v.pairFeatures(c, t.noRuleFeatures, fs[:0])
			scores = t.rel.Scores(fs, scores)
			best := -1
			for ci, pc := range t.classes {
				from, to := c.a, c.b
				if pc.backward {
					from, to = to, from
				}
				if pc.kind != "" && !allowed(pc.kind, from.Kind, to.Kind) {
					continue
				}
				if best < 0 || scores[ci] > scores[best] {
					best = ci
				}
			}
			probs = learn.Softmax(scores, probs)
			vd := &verdict{share: map[graph.RelationKind]float64{}}
			for ci, pc := range t.classes {
				if pc.kind != "" {
					vd.share[pc.kind] = max(vd.share[pc.kind], probs[ci])
				}
			}
			judged[[2]*entity{c.a, c.b}], judged[[2]*entity{c.b, c.a}] = vd, vd
			rulePC, _ := v.ruleSays(c)
			if rulePC.kind != "" {
				vd.vetoed = best >= 0 && t.classes[best].kind == "" && probs[best] >= t.vetoShare
				continue
			}
			if best < 0 || t.classes[best].kind == "" {
				continue
			}
			share := probs[best]
			if share < t.minShare {
				continue
			}
			pc := t.classes[best]
			from, to := c.a, c.b
			if pc.backward {
				from, to = to, from
			}
			lo := v.clauses[c.ac].Start
			if c.virtual {
				lo = v.clauses[c.bc].Start
			}
			f := fact{Kind: pc.kind, From: from, To: to, Status: graph.Planned,
				span: span{lo, v.clauses[c.bc].End}, rule: "model"}
			f.band = shareBand("model", share, true)
			f.confidence = t.prior(f.band, share)
			dst = append(dst, f)
		}
	}
	for _, f := range v.facts {
		share, judgedPair := 0.0, false
		if vd := judged[[2]*entity{f.From, f.To}]; vd != nil {
			if vd.vetoed {
				continue
			}
			share, judgedPair = vd.share[f.Kind], true
		}
		f.band = shareBand(f.rule, share, judgedPair)
		f.confidence = t.prior(f.band, share)
		dst = append(dst, f)
	}
	return dst
}

// shareBand names the band a statement's confidence is learned for: its
// stage, and where the relation model judged the pair, the share it gave
// the relation in fifths (rule:partner@2 is a partner-rule fact the model
// gave 40–60%).
func shareBand(stage string, share float64, judged bool) string {
	if !judged {
		return stage + "@-"
	}
	return stage + "@" + strconv.Itoa(min(int(share*5), 4))
}

// prior is a band's cross-validated precision; for a band training never
// saw, the stage's share itself, halved towards even.
func (t *trained) prior(band string, share float64) float64 {
	if p, ok := t.priors[band]; ok {
		return p
	}
	return (share + 0.5) / 2
}

// ruleStatus is the status the rules gave the pair's fact.
func (v *sentenceView) ruleStatus(c candidate) graph.Status {
	for _, f := range v.facts {
		if (f.From == c.a && f.To == c.b) || (f.From == c.b && f.To == c.a) {
			return f.Status
		}
	}
	return graph.Planned
}

// restatus sets the status of facts[i:] by the status model.
func (t *trained) restatus(v *sentenceView, facts []fact) {
	if t.status == nil {
		return
	}
	var fs []learn.Feature
	var scores []float32
	for i := range facts {
		f := &facts[i]
		ci := v.clauseOf(f.End - 1)
		fs = v.statusFeatures(f.Kind, ci, f.span, f.Status, fs[:0])
		scores = t.status.Scores(fs, scores)
		best := learn.Argmax(scores)
		f.Status = graph.Status(t.status.Classes[best])
	}
}
