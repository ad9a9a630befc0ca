package loader

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/collabgraph/collabgraph/graph"
	"github.com/collabgraph/collabgraph/loader/gold"
	"github.com/collabgraph/collabgraph/loader/learn"
	"github.com/collabgraph/collabgraph/loader/lexicon"
	"github.com/collabgraph/collabgraph/loader/source"
)

// TrainDoc is one annotated document to learn from.
type TrainDoc struct {
	Path string
	Meta source.Meta
	Gold *gold.Annotation
}

// TrainOptions are the settings of a training. They are part of what the
// weights are: changing one changes the bytes, and the staleness test says
// so. DefaultTrainOptions are what `collabgraph train` uses; the others
// exist for experiments on the dev split.
type TrainOptions struct {
	Epochs     int // perceptron passes over the examples
	NameEpochs int // for the tagger, whose examples are characters
	// MinShare is the softmax share the relation model needs to state a
	// relation the rules did not find; below it the pair is left unrelated.
	MinShare float64
	// VetoShare is the share of "no relation" at which the model drops a
	// fact the rules found; above 1, never.
	VetoShare float64
	// Tagger turns the name tagger on.
	Tagger bool
	// HeadNames and HeadPurity say when a word that ends gold names is
	// learned as a head: it ends at least HeadNames distinct names, of one
	// kind in at least HeadPurity of them. HeadNames 0 learns none.
	HeadNames  int
	HeadPurity float64
	// RuleFeatures lets the relation model see what the rules found for a
	// pair; without them it judges from the text alone, independently.
	RuleFeatures bool
}

// DefaultTrainOptions were chosen on the dev split (docs/quality.md).
var DefaultTrainOptions = TrainOptions{Epochs: 12, NameEpochs: 12, MinShare: 0.9, VetoShare: 2, Tagger: true, HeadNames: 0, HeadPurity: 0.8, RuleFeatures: false}

const trainSeed = 2260 // GB/T 2260, for want of a better number

// noteHeads carries the learned heads: one "word<TAB>KIND" a line.
const noteHeads = "heads"

// noteRuleFeats says whether the relation model reads the rules' findings.
const noteRuleFeats = "rule-features"

// mineHeads learns, from the gold names of docs, the words that end names
// of one kind (新区, 片区, 股份有限公司) and that the lexicon lacks, so that
// the recogniser finds names of the genre no one listed. Regions are left
// to the gazetteer and enclaves have constructed names, so neither counts.
func mineHeads(docs []TrainDoc, r *rules, minNames int, purity float64) []lexicon.Suffix {
	if minNames <= 0 {
		return nil
	}
	kinds := map[string]map[graph.Kind]bool{} // name → kinds
	for _, d := range docs {
		for _, e := range d.Gold.Entities {
			if e.Kind == graph.Region || e.Kind == graph.Enclave {
				continue
			}
			for _, f := range e.Forms() {
				f = source.FoldString(f)
				if kinds[f] == nil {
					kinds[f] = map[graph.Kind]bool{}
				}
				kinds[f][e.Kind] = true
			}
		}
	}
	known := map[string]bool{}
	for _, s := range r.suffixes {
		known[s.Word] = true
	}
	count := map[string]map[graph.Kind]int{}
	for name, ks := range kinds {
		rs := []rune(name)
		for n := 2; n <= 4 && n < len(rs); n++ {
			w := string(rs[len(rs)-n:])
			if count[w] == nil {
				count[w] = map[graph.Kind]int{}
			}
			for k := range ks {
				count[w][k]++
			}
		}
	}
	var out []lexicon.Suffix
	for w, byKind := range count {
		if known[w] || !unicode.Is(unicode.Han, []rune(w)[0]) {
			continue
		}
		total, best := 0, graph.Kind("")
		for _, k := range graph.Kinds {
			total += byKind[k]
			if byKind[k] > byKind[best] {
				best = k
			}
		}
		if byKind[best] >= minNames && float64(byKind[best]) >= purity*float64(total) {
			out = append(out, lexicon.Suffix{Kind: string(best), Word: w})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Word < out[j].Word })
	return out
}

func formatHeads(hs []lexicon.Suffix) string {
	var b strings.Builder
	for _, h := range hs {
		b.WriteString(h.Word + "\t" + h.Kind + "\n")
	}
	return b.String()
}

func parseHeads(s string) []lexicon.Suffix {
	var out []lexicon.Suffix
	for _, line := range strings.Split(s, "\n") {
		if w, k, ok := strings.Cut(line, "\t"); ok {
			out = append(out, lexicon.Suffix{Kind: k, Word: w})
		}
	}
	return out
}

// noteMinShare and noteVetoShare carry TrainOptions' thresholds into the
// weights, so that Load uses what the weights were tuned with.
const (
	noteMinShare  = "min-share"
	noteVetoShare = "veto-share"
)

// TrainStats says what training saw.
type TrainStats struct {
	Documents          int
	PairExamples       int // candidate pairs
	PairPositives      int // pairs the gold relates
	GoldRelations      int
	ReachableRelations int // gold rows some candidate or rule fact could match
	StatusExamples     int
}

// Train learns the trained stages from docs and returns the weights
// bundle: the relation model over candidate pairs, the status model over
// statements, and each rule's precision on docs as its prior confidence.
// It runs the rules' stages exactly as Load does, with the trained stage
// off, so what it learns to correct is what the rules produce. The result
// depends only on the documents, their gold and the code: the same input
// gives the same bytes.
func Train(docs []TrainDoc, opt TrainOptions, notes map[string]string) (*learn.Bundle, TrainStats, error) {
	docs = append([]TrainDoc(nil), docs...)
	sort.Slice(docs, func(i, j int) bool { return docs[i].Path < docs[j].Path })
	b, st, err := trainStages(docs, opt)
	if err != nil {
		return nil, st, err
	}
	priors, err := crossValidatedPriors(docs, opt)
	if err != nil {
		return nil, st, err
	}
	for k, v := range priors {
		b.Notes[notePrior+k] = strconv.FormatFloat(v, 'f', 3, 64)
	}
	for k, v := range notes {
		b.Notes[k] = v
	}
	return b, st, nil
}

// cvFolds is how many parts the training documents are cut into to learn
// how often each stage is right on documents it was not trained on.
const cvFolds = 5

// crossValidatedPriors trains on all folds but one and loads that one, for
// each fold in turn, and returns each stage's precision there (Laplace
// smoothed), by stage and by the relation model's share in bands: what a
// statement's confidence then says, since the trained stage is nearly always
// right on the documents it learned from and that says nothing of others.
func crossValidatedPriors(docs []TrainDoc, opt TrainOptions) (map[string]float64, error) {
	tp, n := map[string]int{}, map[string]int{}
	for fold := 0; fold < cvFolds; fold++ {
		var in, out []TrainDoc
		for i, d := range docs {
			if i%cvFolds == fold {
				out = append(out, d)
			} else {
				in = append(in, d)
			}
		}
		b, _, err := trainStages(in, opt)
		if err != nil {
			return nil, err
		}
		t := newTrained(b)
		rr := *baseRules().withModel(t)
		for _, d := range out {
			x, err := rr.loadOne(input{path: d.Path, meta: d.Meta})
			if err != nil {
				return nil, fmt.Errorf("loader: train: %w", err)
			}
			g := newGoldView(d.Gold, x)
			seen := map[gold.Key]bool{}
			for _, f := range x.facts {
				k, ok := g.key(f.Kind, f.From, f.To)
				if ok && seen[k] {
					continue // one statement of a relation counts once, as the scorer does
				}
				if ok {
					seen[k] = true
				}
				band := f.band
				n[band]++
				if ok && g.rows[k] != nil {
					tp[band]++
				}
			}
		}
	}
	out := map[string]float64{}
	for band, c := range n {
		out[band] = float64(tp[band]+1) / float64(c+2)
	}
	return out, nil
}

// trainStages learns the tagger, the relation model and the status model
// from docs (sorted), without priors.
func trainStages(docs []TrainDoc, opt TrainOptions) (*learn.Bundle, TrainStats, error) {
	var st TrainStats

	// First the heads the gold names end in, then the tagger, from what
	// the rules with those heads recognise.
	heads := mineHeads(docs, baseRules(), opt.HeadNames, opt.HeadPurity)
	rr := *baseRules().withModel(&trained{heads: heads})
	rr.model, rr.keepViews = nil, true
	var nameExs, kindExs []example
	kinds := nameKinds()
	kindIndex := map[graph.Kind]int{}
	for i, k := range kinds {
		kindIndex[graph.Kind(k)] = i
	}
	tags := nameTags()
	tagIndex := map[string]int{}
	for i, t := range tags {
		tagIndex[t] = i
	}
	for _, d := range docs {
		x, err := rr.loadOne(input{path: d.Path, meta: d.Meta})
		if err != nil {
			return nil, st, fmt.Errorf("loader: train: %w", err)
		}
		var gms []goldMention
		for _, m := range d.Gold.Mentions(x.original) {
			gms = append(gms, goldMention{span{m.Start, m.End}, m.Entity.Kind})
		}
		text := []rune(source.FoldString(string(x.original)))
		for _, rc := range x.recognised {
			k := rr.marks(text, rc.c, rc.ms, nil)
			gt := goldTags(rc.c, gms)
			for _, m := range gms {
				if m.Start >= rc.c.Start && m.End <= rc.c.End && m.End-m.Start >= 2 {
					kindExs = append(kindExs, example{kindFeatures(text, m.span, rc.c, k, nil), kindIndex[m.kind]})
				}
			}
			prev, prev2 := "", ""
			for i := rc.c.Start; i < rc.c.End; i++ {
				tag := gt[i-rc.c.Start]
				if rt := k.rule[i-rc.c.Start]; rt != "" {
					// The tagger does not score inside a rule's mention
					// (tagAll): it takes the rule's tag, so it learns that.
					tag = tagI
					if rt[0] == 'B' {
						tag = tagB
					}
				} else {
					fs := nameFeatures(text, rc.c, k, i, prev, prev2, nil)
					nameExs = append(nameExs, example{fs, tagIndex[tag]})
				}
				prev2, prev = prev, tag
			}
		}
	}
	names := trainModel(tags, nameExs, opt.NameEpochs)
	nameKindsModel := trainModel(kinds, kindExs, opt.NameEpochs)

	// Then relations and status, over the mentions rules and tagger find.
	rr.model = &trained{heads: heads, noRuleFeatures: !opt.RuleFeatures}
	if opt.Tagger {
		rr.model.names, rr.model.nameKinds = names, nameKindsModel
	}
	var pairs, stats []example
	classes := pairClasses()
	classIndex := map[string]int{}
	for i, c := range classes {
		classIndex[c] = i
	}
	for _, d := range docs {
		x, err := rr.loadOne(input{path: d.Path, meta: d.Meta})
		if err != nil {
			return nil, st, fmt.Errorf("loader: train: %w", err)
		}
		st.Documents++
		g := newGoldView(d.Gold, x)
		st.GoldRelations += len(d.Gold.Relations)
		reached := map[gold.Key]bool{}
		for _, v := range x.views {
			for _, f := range v.facts {
				if k, ok := g.key(f.Kind, f.From, f.To); ok && g.rows[k] != nil {
					reached[k] = true
					if !v.judges(f) {
						// A statement the relation model leaves to the rules:
						// its status is still the status model's to learn.
						fs := v.statusFeatures(f.Kind, v.clauseOf(f.End-1), f.span, f.Status, nil)
						stats = append(stats, example{fs, statusClass(g.rows[k].Status)})
					}
				}
			}
			for _, c := range v.candidates() {
				label := pairClass{}
				var row *gold.Relation
				for _, pc := range classes[1:] {
					p := parsePairClass(pc)
					from, to := c.a, c.b
					if p.backward {
						from, to = to, from
					}
					k, ok := g.key(p.kind, from, to)
					if !ok || g.rows[k] == nil {
						continue
					}
					// The issuer is in every sentence; only the one its
					// quote stands in states it.
					if c.virtual && !g.quoted(k, v) {
						continue
					}
					label, row = p, g.rows[k]
					reached[k] = true
					break
				}
				fs := v.pairFeatures(c, !opt.RuleFeatures, nil)
				pairs = append(pairs, example{fs, classIndex[label.String()]})
				st.PairExamples++
				if row == nil {
					continue
				}
				st.PairPositives++
				ruleStatus := graph.Planned
				if rp, _ := v.ruleSays(c); rp == label {
					ruleStatus = v.ruleStatus(c)
				}
				sfs := v.statusFeatures(label.kind, v.clauseOf(c.bm.End-1), span{v.clauses[c.ac].Start, v.clauses[c.bc].End}, ruleStatus, nil)
				stats = append(stats, example{sfs, statusClass(row.Status)})
			}
		}
		st.ReachableRelations += len(reached)
	}
	st.StatusExamples = len(stats)

	b := &learn.Bundle{Notes: map[string]string{
		noteMinShare:  strconv.FormatFloat(opt.MinShare, 'f', 3, 64),
		noteVetoShare: strconv.FormatFloat(opt.VetoShare, 'f', 3, 64),
		noteHeads:     formatHeads(heads),
		noteRuleFeats: strconv.FormatBool(opt.RuleFeatures),
	}, Models: map[string]*learn.Model{
		relationModel: trainModel(classes, pairs, opt.Epochs),
		statusModel:   trainModel([]string{string(graph.Planned), string(graph.Established)}, stats, opt.Epochs),
	}}
	if opt.Tagger {
		b.Models[nameModel], b.Models[nameKindModel] = names, nameKindsModel
	}
	b.Notes["training"] = fmt.Sprintf("%d documents, %d gold relations (%d reachable), %d candidate pairs (%d positive), %d statements, %d characters tagged",
		st.Documents, st.GoldRelations, st.ReachableRelations, st.PairExamples, st.PairPositives, st.StatusExamples, len(nameExs))
	return b, st, nil
}

// example is one training example: its features and its class.
type example struct {
	fs   []learn.Feature
	gold int
}

// minFeatureCount drops features seen fewer times in training: a feature
// of one example is memorised, not learned, and rare features make the
// model large, which makes every lookup at load time a cache miss.
const minFeatureCount = 2

// trainModel runs the averaged perceptron over exs for the given epochs,
// in an order fixed by trainSeed, on the features seen at least
// minFeatureCount times.
func trainModel(classes []string, exs []example, epochs int) *learn.Model {
	seen := map[learn.Feature]int{}
	for _, e := range exs {
		for _, f := range e.fs {
			seen[f]++
		}
	}
	for i := range exs {
		kept := exs[i].fs[:0:0]
		for _, f := range exs[i].fs {
			if seen[f] >= minFeatureCount {
				kept = append(kept, f)
			}
		}
		exs[i].fs = kept
	}
	tr := learn.NewTrainer(classes)
	var scratch []int64
	for epoch := uint64(0); epoch < uint64(epochs); epoch++ {
		for _, i := range learn.Order(len(exs), trainSeed, epoch) {
			_, scratch = tr.Learn(exs[i].fs, exs[i].gold, scratch)
		}
	}
	return tr.Model()
}

func statusClass(s graph.Status) int {
	if s == graph.Established {
		return 1
	}
	return 0
}

// judges reports whether the relation model judges the pair of fact f.
func (v *sentenceView) judges(f fact) bool {
	for _, c := range v.candidates() {
		if (c.a == f.From && c.b == f.To) || (c.a == f.To && c.b == f.From) {
			return true
		}
	}
	return false
}

// goldView maps one extraction's entities to the names of its gold.
type goldView struct {
	a      *gold.Annotation
	byForm map[string]string
	toGold map[*entity]string
	rows   map[gold.Key]*gold.Relation
	quotes map[gold.Key][]span // where each row's quote stands
}

func newGoldView(a *gold.Annotation, x *extraction) *goldView {
	g := &goldView{a: a, byForm: map[string]string{}, toGold: map[*entity]string{}, rows: map[gold.Key]*gold.Relation{}, quotes: map[gold.Key][]span{}}
	for _, e := range a.Entities {
		for _, f := range e.Forms() {
			if _, taken := g.byForm[foldName(f)]; !taken {
				g.byForm[foldName(f)] = e.Name
			}
		}
	}
	// Enclaves are named owner-kind-host; match them by owner and host.
	byEnds := map[[2]string]string{}
	for _, e := range a.Entities {
		if e.Kind != graph.Enclave {
			continue
		}
		if o, h, ok := enclaveEnds(e.Name); ok {
			byEnds[[2]string{g.byForm[foldName(o)], g.byForm[foldName(h)]}] = e.Name
		}
	}
	for _, e := range x.entities {
		forms := []string{e.Name}
		for al := range e.aliases {
			forms = append(forms, al)
		}
		sort.Strings(forms[1:])
		for _, f := range forms {
			if n, ok := g.byForm[foldName(f)]; ok {
				g.toGold[e] = n
				break
			}
		}
		if e.Kind == graph.Enclave && g.toGold[e] == "" {
			if o, h, ok := enclaveEnds(e.Name); ok {
				if n := byEnds[[2]string{g.byForm[foldName(o)], g.byForm[foldName(h)]}]; n != "" {
					g.toGold[e] = n
				}
			}
		}
	}
	orig := x.original
	for i := range a.Relations {
		r := &a.Relations[i]
		k := gold.MakeKey(a.Doc, r.Kind, r.From, r.To)
		g.rows[k] = r
		q := []rune(r.Quote)
		for s := 0; s+len(q) <= len(orig); s++ {
			if runesEqual(orig[s:s+len(q)], q) {
				g.quotes[k] = append(g.quotes[k], span{s, s + len(q)})
			}
		}
	}
	return g
}

// key is the gold key of an extracted relation, when both ends map.
func (g *goldView) key(k graph.RelationKind, from, to *entity) (gold.Key, bool) {
	f, okF := g.toGold[from]
	t, okT := g.toGold[to]
	if !okF || !okT || k == "" {
		return gold.Key{}, false
	}
	return gold.MakeKey(g.a.Doc, k, f, t), true
}

// quoted reports whether row k's quote stands in the sentence of v.
func (g *goldView) quoted(k gold.Key, v *sentenceView) bool {
	lo, hi := v.clauses[0].Start, v.clauses[len(v.clauses)-1].End
	for _, q := range g.quotes[k] {
		if q.Start < hi && q.End > lo {
			return true
		}
	}
	return false
}

func runesEqual(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// foldName makes names comparable across bracket widths, spaces and ASCII
// case, as the quality test does.
func foldName(s string) string {
	s = strings.NewReplacer("（", "(", "）", ")", " ", "", "\u3000", "").Replace(s)
	return strings.ToUpper(strings.TrimSpace(s))
}

// enclaveEnds splits an enclave's constructed name, owner + kind word +
// (host), into owner and host.
func enclaveEnds(name string) (owner, host string, ok bool) {
	name = foldName(name)
	open := strings.LastIndex(name, "(")
	if open < 0 || !strings.HasSuffix(name, ")") {
		return "", "", false
	}
	host = name[open+1 : len(name)-1]
	head := name[:open]
	for _, w := range lexiconEnclaveWords() {
		if strings.HasSuffix(head, w) {
			return strings.TrimSuffix(head, w), host, true
		}
	}
	return "", "", false
}

var (
	enclaveWordsOnce sync.Once
	enclaveWords     []string
)

// lexiconEnclaveWords returns the enclave words of suffixes.tsv, longest
// first, so that 科创飞地 is cut before a shorter word it ends in.
func lexiconEnclaveWords() []string {
	enclaveWordsOnce.Do(func() {
		for _, s := range lexicon.Suffixes() {
			if s.Kind == string(graph.Enclave) {
				enclaveWords = append(enclaveWords, s.Word)
			}
		}
		sort.SliceStable(enclaveWords, func(i, j int) bool { return len(enclaveWords[i]) > len(enclaveWords[j]) })
	})
	return enclaveWords
}
