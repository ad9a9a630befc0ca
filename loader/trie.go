package loader

// trie maps rune sequences to values, ASCII letters compared without case. Lookups walk one map per rune, so a
// scan of a sentence costs O(runes × longest word) with no allocation; this
// is the gazetteer's and the cue lists' index.
type trie[V any] struct {
	nodes []trieNode[V]
	// first marks the runes of the Basic Multilingual Plane that begin a
	// word, so a scan skips most positions without a map lookup.
	first [1 << 10]uint64
}

type trieNode[V any] struct {
	next map[rune]int32
	vals []V // values of the word that ends here
}

func newTrie[V any]() *trie[V] {
	return &trie[V]{nodes: make([]trieNode[V], 1)}
}

// add stores v under word, after any values already there.
func (t *trie[V]) add(word []rune, v V) {
	if len(word) > 0 && word[0] <= 0xFFFF {
		f := upper(word[0])
		t.first[f>>6] |= 1 << (f & 63)
	}
	n := int32(0)
	for _, r := range word {
		r = upper(r)
		c, ok := t.nodes[n].next[r]
		if !ok {
			if t.nodes[n].next == nil {
				t.nodes[n].next = make(map[rune]int32, 2)
			}
			c = int32(len(t.nodes))
			t.nodes[n].next[r] = c
			t.nodes = append(t.nodes, trieNode[V]{})
		}
		n = c
	}
	t.nodes[n].vals = append(t.nodes[n].vals, v)
}

// longest returns the end of the longest word that starts at text[i] and
// ends at or before limit, and its values; end is -1 when none does.
func (t *trie[V]) longest(text []rune, i, limit int) (end int, vals []V) {
	end = -1
	if i < limit && !t.mayStart(text[i]) {
		return end, nil
	}
	n := int32(0)
	for j := i; j < limit; j++ {
		c, ok := t.nodes[n].next[upper(text[j])]
		if !ok {
			break
		}
		n = c
		if len(t.nodes[n].vals) > 0 {
			end, vals = j+1, t.nodes[n].vals
		}
	}
	return end, vals
}

// each calls f for every word that starts at text[i] and ends at or before
// limit, shortest first.
func (t *trie[V]) each(text []rune, i, limit int, f func(end int, vals []V)) {
	if i < limit && !t.mayStart(text[i]) {
		return
	}
	n := int32(0)
	for j := i; j < limit; j++ {
		c, ok := t.nodes[n].next[upper(text[j])]
		if !ok {
			return
		}
		n = c
		if len(t.nodes[n].vals) > 0 {
			f(j+1, t.nodes[n].vals)
		}
	}
}

// longestBack returns the start of the longest word that ends at text[i-1]
// and starts at or after floor, for a trie built from reversed words; start
// is -1 when none does.
func (t *trie[V]) longestBack(text []rune, i, floor int) (start int, vals []V) {
	start = -1
	if i-1 >= floor && !t.mayStart(text[i-1]) {
		return start, nil
	}
	n := int32(0)
	for j := i - 1; j >= floor; j-- {
		c, ok := t.nodes[n].next[upper(text[j])]
		if !ok {
			break
		}
		n = c
		if len(t.nodes[n].vals) > 0 {
			start, vals = j, t.nodes[n].vals
		}
	}
	return start, vals
}

// upper folds ASCII letters, so g60 finds G60.
func upper(c rune) rune {
	if 'a' <= c && c <= 'z' {
		return c - 'a' + 'A'
	}
	return c
}

// mayStart reports whether some word may begin with c.
func (t *trie[V]) mayStart(c rune) bool {
	c = upper(c)
	if c > 0xFFFF || c < 0 {
		return true
	}
	return t.first[c>>6]&(1<<(c&63)) != 0
}

func reversed(s string) []rune {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return r
}
