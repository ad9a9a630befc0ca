package api

import (
	"sort"
	"strings"

	"github.com/collabgraph/collabgraph/graph"
	"github.com/collabgraph/collabgraph/graph/searchkey"
)

// Search ranks, best first. The store finds every entity whose folded
// name, alias or pinyin contains the text; the rank says which of those a
// person typing the text most likely means.
const (
	rankExactName = iota
	rankNamePrefix
	rankNameContains
	rankExactAlias
	rankAlias
	rankExactPinyin // the whole full pinyin or initials: "xcx", "xinchangxian"
	rankPinyinPrefix
	rankPinyin
)

func searchRank(q string, e *graph.Entity) int {
	name := searchkey.Fold(e.Name)
	switch {
	case name == q:
		return rankExactName
	case strings.HasPrefix(name, q):
		return rankNamePrefix
	case strings.Contains(name, q):
		return rankNameContains
	}
	best := rankPinyin
	for _, a := range e.Aliases {
		fa := searchkey.Fold(a)
		if fa == q {
			return rankExactAlias
		}
		if strings.Contains(fa, q) {
			best = min(best, rankAlias)
		}
	}
	if best < rankPinyin {
		return best
	}
	for _, n := range append([]string{e.Name}, e.Aliases...) {
		full, initials := searchkey.Pinyin(searchkey.Fold(n))
		switch {
		case full == q || initials == q:
			best = min(best, rankExactPinyin)
		case strings.HasPrefix(full, q) || strings.HasPrefix(initials, q):
			best = min(best, rankPinyinPrefix)
		}
	}
	return best
}

// rankSearch orders matches by rank, then shorter names (the more
// general place), then id so the order is stable.
func rankSearch(text string, es []*graph.Entity) {
	q := searchkey.Fold(text)
	ranks := make(map[*graph.Entity]int, len(es))
	for _, e := range es {
		ranks[e] = searchRank(q, e)
	}
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if ranks[a] != ranks[b] {
			return ranks[a] < ranks[b]
		}
		la, lb := len([]rune(a.Name)), len([]rune(b.Name))
		if la != lb {
			return la < lb
		}
		return a.ID < b.ID
	})
}
