// Package learn holds the loader's trained stages' machinery: hashed
// features, a multiclass linear model, the averaged perceptron that trains
// it, and a byte-stable file format for the weights. It knows nothing of
// Chinese or of the ontology; the loader supplies features and classes.
//
// Everything is deterministic: features are FNV-1a hashes, training visits
// examples in an order fixed by a seed, updates are integers, and averaged
// weights are rounded once, so one corpus always gives the same bytes.
package learn

import (
	"math"
	"sort"
)

// Feature is a hashed feature: a template id and its values.
type Feature uint64

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// Template starts a feature of template t. Values are added with Rune,
// Str and Int; each template must add its values in a fixed order.
func Template(t uint16) Feature {
	return Feature(fnvOffset).byte(byte(t)).byte(byte(t >> 8))
}

func (f Feature) byte(b byte) Feature { return (f ^ Feature(b)) * fnvPrime }

// Rune adds a character.
func (f Feature) Rune(r rune) Feature {
	return f.byte(byte(r)).byte(byte(r >> 8)).byte(byte(r >> 16)).byte(0xfe)
}

// Str adds a string.
func (f Feature) Str(s string) Feature {
	for i := 0; i < len(s); i++ {
		f = f.byte(s[i])
	}
	return f.byte(0xff)
}

// Int adds a small integer.
func (f Feature) Int(i int) Feature {
	return f.byte(byte(i)).byte(byte(i >> 8)).byte(0xfd)
}

// Model is a trained multiclass linear model: a score per class is the sum
// of the weights of the example's features.
type Model struct {
	Classes []string
	keys    []Feature // sorted
	w       []float32 // len(keys) rows of len(Classes)
	// slots is an open-addressing table from feature to row+1 (0: empty),
	// indexed by the feature's low bits: features are hashes already, and
	// a probe of a flat table is several times cheaper than a map lookup.
	slots []int32
	skeys []Feature
	mask  uint64
}

// Scores writes each class's score for features fs into dst (resized) and
// returns it. Unknown features weigh nothing.
func (m *Model) Scores(fs []Feature, dst []float32) []float32 {
	n := len(m.Classes)
	if cap(dst) < n {
		dst = make([]float32, n)
	}
	dst = dst[:n]
	clear(dst)
	for _, f := range fs {
		if row := m.row(f); row >= 0 {
			w := m.w[row*n : row*n+n]
			for c := range dst {
				dst[c] += w[c]
			}
		}
	}
	return dst
}

// row returns f's row of weights, or -1 when f has none.
func (m *Model) row(f Feature) int {
	if len(m.slots) == 0 {
		return -1
	}
	for i := uint64(f) & m.mask; ; i = (i + 1) & m.mask {
		switch r := m.slots[i]; {
		case r == 0:
			return -1
		case m.skeys[i] == f:
			return int(r - 1)
		}
	}
}

// Argmax returns the highest-scoring class, the lowest index on a tie.
func Argmax(scores []float32) int {
	best := 0
	for c := range scores {
		if scores[c] > scores[best] {
			best = c
		}
	}
	return best
}

// Softmax writes each class's softmax share of scores into dst (resized).
func Softmax(scores []float32, dst []float64) []float64 {
	if cap(dst) < len(scores) {
		dst = make([]float64, len(scores))
	}
	dst = dst[:len(scores)]
	top := scores[Argmax(scores)]
	var sum float64
	for c, s := range scores {
		dst[c] = math.Exp(float64(s - top))
		sum += dst[c]
	}
	for c := range dst {
		dst[c] /= sum
	}
	return dst
}

// Size is the number of features with a weight.
func (m *Model) Size() int { return len(m.keys) }

func (m *Model) buildIndex() {
	size := 1
	for size < 2*len(m.keys) {
		size <<= 1
	}
	m.slots, m.skeys, m.mask = make([]int32, size), make([]Feature, size), uint64(size-1)
	for r, k := range m.keys {
		i := uint64(k) & m.mask
		for m.slots[i] != 0 {
			i = (i + 1) & m.mask
		}
		m.slots[i], m.skeys[i] = int32(r+1), k
	}
}

// Trainer trains a Model by the averaged perceptron.
type Trainer struct {
	classes []string
	w       map[Feature][]int32 // current weights
	u       map[Feature][]int64 // sum of step × update, for averaging
	step    int64
}

// NewTrainer starts a trainer over the given classes.
func NewTrainer(classes []string) *Trainer {
	return &Trainer{classes: classes, w: map[Feature][]int32{}, u: map[Feature][]int64{}, step: 1}
}

// Predict returns the class the current weights give fs.
func (t *Trainer) Predict(fs []Feature, scratch []int64) (int, []int64) {
	n := len(t.classes)
	if cap(scratch) < n {
		scratch = make([]int64, n)
	}
	scratch = scratch[:n]
	clear(scratch)
	for _, f := range fs {
		if w, ok := t.w[f]; ok {
			for c := range scratch {
				scratch[c] += int64(w[c])
			}
		}
	}
	best := 0
	for c := range scratch {
		if scratch[c] > scratch[best] {
			best = c
		}
	}
	return best, scratch
}

// Learn sees one example of class gold: when the current weights predict
// another class, they move towards gold and away from it. It returns the
// prediction made before the update.
func (t *Trainer) Learn(fs []Feature, gold int, scratch []int64) (int, []int64) {
	guess, scratch := t.Predict(fs, scratch)
	if guess != gold {
		for _, f := range fs {
			w, ok := t.w[f]
			if !ok {
				w = make([]int32, len(t.classes))
				t.w[f] = w
				t.u[f] = make([]int64, len(t.classes))
			}
			u := t.u[f]
			w[gold]++
			u[gold] += t.step
			w[guess]--
			u[guess] -= t.step
		}
	}
	t.step++
	return guess, scratch
}

// Model returns the averaged model: each weight is its mean over every
// example seen, which generalises better than the last weights. Features
// whose averaged weights are all zero are dropped.
func (t *Trainer) Model() *Model {
	m := &Model{Classes: append([]string(nil), t.classes...)}
	keys := make([]Feature, 0, len(t.w))
	for f := range t.w {
		keys = append(keys, f)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	n := len(t.classes)
	row := make([]float32, n)
	for _, f := range keys {
		w, u := t.w[f], t.u[f]
		zero := true
		for c := range row {
			// The mean of w over steps 1..step is w − u/step.
			v := float64(w[c]) - float64(u[c])/float64(t.step)
			row[c] = float32(math.Round(v*1000) / 1000)
			if row[c] != 0 {
				zero = false
			}
		}
		if zero {
			continue
		}
		m.keys = append(m.keys, f)
		m.w = append(m.w, row...)
	}
	m.buildIndex()
	return m
}

// Order returns 0..n-1 shuffled by a fixed seed and epoch, so that training
// visits examples in an order that varies by epoch and never by run.
func Order(n int, seed, epoch uint64) []int {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	x := seed*0x9E3779B97F4A7C15 + epoch + 1
	next := func() uint64 { // splitmix64
		x += 0x9E3779B97F4A7C15
		z := x
		z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
		z = (z ^ (z >> 27)) * 0x94D049BB133111EB
		return z ^ (z >> 31)
	}
	for i := n - 1; i > 0; i-- {
		j := int(next() % uint64(i+1))
		idx[i], idx[j] = idx[j], idx[i]
	}
	return idx
}
