package loader

import "unicode"

// span is a half-open range of code points into a document's text.
type span struct{ Start, End int }

// splitClauses appends to dst the clauses of text[start:end]: the runs
// between commas, semicolons, colons and sentence ends, trimmed of space.
// A clause is the unit of evidence, so offsets stay those of text.
func splitClauses(text []rune, start, end int, dst []span) []span {
	cs := start
	for i := start; i <= end; i++ {
		if i < end && !isClauseEnd(text[i]) {
			continue
		}
		s, e := cs, i
		for s < e && unicode.IsSpace(text[s]) {
			s++
		}
		for e > s && unicode.IsSpace(text[e-1]) {
			e--
		}
		if e > s {
			dst = append(dst, span{s, e})
		}
		cs = i + 1
	}
	return dst
}

func isClauseEnd(c rune) bool {
	switch c {
	case ',', ';', ':', '!', '?', '。', '，', '；', '：', '！', '？', '\n', '\r':
		return true
	}
	return false
}
