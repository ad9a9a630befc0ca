package source

import (
	"unicode"

	textfold "github.com/collabgraph/collabgraph/internal/fold"
)

// fold returns text as runes, each folded by the project's one fold; an
// index into the result is an index into text's runes.
func fold(text string) []rune { return textfold.Runes(text) }

// FoldString folds s the way Document.Folded is folded, one rune per rune,
// so a name written in a list can be compared with a document's text.
func FoldString(s string) string { return textfold.String(s) }

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
