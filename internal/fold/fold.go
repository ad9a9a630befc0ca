// Package fold is the project's one text fold: traditional script to
// simplified (OpenCC t2s, one character for one), full width to half
// width, and the odd spaces to ASCII space. The loader matches names on
// folded text and search folds queries and names the same way, so what a
// document writes can always be found; names themselves are kept as
// written.
package fold

import (
	"sync"
	"unicode/utf8"

	"golang.org/x/text/width"
)

//go:generate go run gen_t2s.go

// table maps every BMP rune to its folded form. It is 256 KiB, built once
// on first use; a table lookup per rune is what keeps folding at hundreds
// of MB/s, where a map or OpenCC's phrase matcher would not.
var (
	once  sync.Once
	table []rune
)

func build() {
	t := make([]rune, 0x10000)
	for r := range t {
		t[r] = rune(r)
	}
	pairs := []rune(t2sPairs)
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i] < 0x10000 {
			t[pairs[i]] = pairs[i+1]
		}
	}
	for r := range t {
		if f := width.LookupRune(t[r]).Folded(); f != 0 && utf8.RuneLen(f) > 0 {
			// Folding turns half-width katakana into full width, which is
			// harmless; the point is Ｇ６０→G60 and ：，（）→:,().
			t[r] = f
		}
	}
	// Spaces that are not ASCII space: fold so trimming and matching see them.
	for _, r := range []rune{0x00A0, 0x2002, 0x2003, 0x2009, 0x200A, 0x202F, 0x205F, 0x3000} {
		t[r] = ' '
	}
	table = t
}

// Rune folds one rune.
func Rune(r rune) rune {
	once.Do(build)
	if r < 0x10000 {
		return table[r]
	}
	return r
}

// Runes returns text as runes, each folded; len(result) equals the number
// of runes in text, so an index into one is an index into the other.
func Runes(text string) []rune {
	once.Do(build)
	t := table
	out := make([]rune, utf8.RuneCountInString(text))
	i := 0
	for _, r := range text { // range decodes faster than utf8.DecodeRuneInString
		if r < 0x10000 {
			r = t[r]
		}
		out[i] = r
		i++
	}
	return out
}

// String folds s, one rune per rune.
func String(s string) string { return string(Runes(s)) }

// Changed counts the runes of s that folding changes: 0 for text already in
// simplified script and half width.
func Changed(s string) int {
	n := 0
	for _, r := range s {
		if Rune(r) != r {
			n++
		}
	}
	return n
}
