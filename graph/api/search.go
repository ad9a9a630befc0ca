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
	rankExactPinyin // the name's whole full pinyin or initials: "xcx", "xinchangxian"
	rankPinyinPrefix
	rankPinyin
	rankAliasPinyin // an alias's pinyin: the weakest evidence of intent
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
	aliasMatch := false
	for _, a := range e.Aliases {
		fa := searchkey.Fold(a)
		if fa == q {
			return rankExactAlias
		}
		aliasMatch = aliasMatch || strings.Contains(fa, q)
	}
	if aliasMatch {
		return rankAlias
	}
	full, initials := searchkey.Pinyin(name)
	switch {
	case full == q || initials == q:
		return rankExactPinyin
	case strings.HasPrefix(full, q) || strings.HasPrefix(initials, q):
		return rankPinyinPrefix
	case strings.Contains(full, q) || strings.Contains(initials, q):
		return rankPinyin
	}
	return rankAliasPinyin
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
