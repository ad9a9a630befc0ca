// Package searchkey turns names and queries into the folded keys that
// entity search matches on, so that both stores match alike: simplified
// script, half width, lower case, full pinyin and pinyin initials.
package searchkey

import (
	"strings"
	"unicode"

	"github.com/collabgraph/collabgraph/internal/fold"
	"github.com/mozillazg/go-pinyin"
)

// Fold returns s folded as the loader folds documents (simplified script,
// half width), in lower case and without spaces: the form both names and
// queries are compared in. One fold for both is what lets a name written
// 乾元 be found by 乾元 and by 乾元's traditional spelling alike.
func Fold(s string) string {
	s = strings.ToLower(fold.String(s))
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

var pinyinArgs = func() pinyin.Args {
	a := pinyin.NewArgs()
	a.Fallback = func(r rune, _ pinyin.Args) []string {
		// Keep letters and digits (G60) so "g60" still finds G60科创走廊.
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return []string{strings.ToLower(string(r))}
		}
		return nil
	}
	return a
}()

// Pinyin returns the full pinyin of s ("xinchangxian") and its initials
// ("xcx"), or two empty strings when s has no Han characters or letters.
func Pinyin(s string) (full, initials string) {
	var f, i strings.Builder
	for _, syl := range pinyin.Pinyin(s, pinyinArgs) {
		if len(syl) == 0 || syl[0] == "" {
			continue
		}
		f.WriteString(syl[0])
		i.WriteByte(syl[0][0])
	}
	return f.String(), i.String()
}

// Keys returns the folded keys an entity is found by: each name folded,
// and each name's pinyin and initials. A query matches when Fold(query) is
// a substring of any key.
func Keys(names ...string) []string {
	seen := make(map[string]bool)
	var keys []string
	add := func(k string) {
		if k != "" && !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	for _, n := range names {
		f := Fold(n)
		add(f)
		full, initials := Pinyin(f)
		add(full)
		add(initials)
	}
	return keys
}

// Match reports whether query matches any of keys.
func Match(query string, keys []string) bool {
	q := Fold(query)
	if q == "" {
		return true
	}
	for _, k := range keys {
		if strings.Contains(k, q) {
			return true
		}
	}
	return false
}
