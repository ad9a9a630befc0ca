package source

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// foldTable maps every BMP rune to its folded form: simplified script
// (OpenCC t2s, one character for one), then half width. It is 256 KiB,
// built once on first use; a table lookup per rune is what keeps folding
// at hundreds of MB/s, where a map or OpenCC's phrase matcher would not.
var (
	foldOnce  sync.Once
	foldTable []rune
)

func buildFoldTable() {
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
	foldTable = t
}

// fold returns text as runes, each folded; len(result) equals the number
// of runes in text, so an index into one is an index into the other.
func fold(text string) []rune {
	foldOnce.Do(buildFoldTable)
	t := foldTable
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

// FoldString folds s the way Document.Folded is folded, one rune per rune,
// so a name written in a list can be compared with a document's text.
func FoldString(s string) string {
	return string(fold(s))
}

// isSpace is unicode.IsSpace with a fast path: folding has turned the
// common non-ASCII spaces into ' ', and Han characters are never spaces.
func isSpace(r rune) bool {
	if r < 0x80 {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f'
	}
	if r >= 0x3400 && r <= 0x9FFF {
		return false
	}
	return unicode.IsSpace(r)
}
