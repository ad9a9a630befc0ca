package source

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// line is one line of the file: [start, end) without its line break,
// [ts, te) the same trimmed of space.
type line struct {
	start, end, ts, te int
	drop               bool
}

// span is a range of code points, [start, end); start < 0 means none.
type span struct{ start, end int }

var noSpan = span{-1, -1}

func (s span) ok() bool { return s.start >= 0 }

// bylineWindow is how much of a line's start the byline rules read: a
// byline opens its line.
const bylineWindow = 60

// cleaned is what clean finds in a folded text. Metadata is kept as spans
// so that Read can give the title and source as the file writes them
// (traditional script stays traditional), while inference reads them folded.
type cleaned struct {
	sentences            []Sentence
	lines                []line // every line of the text, drop set on those that are not content
	title, source, signr span
	report               bool // a press byline was seen
}

// clean finds the lines, drops furniture and tables of contents, blanks
// spam in folded (in place), splits the content into sentences, marks
// repeats, and infers metadata. It panics only if the embedded rules are
// broken, which the package's tests rule out.
func clean(folded []rune) cleaned {
	rl, err := loadRules()
	if err != nil {
		panic("source: " + err.Error())
	}
	lines := splitLines(folded)
	c := cleaned{title: noSpan, source: noSpan, signr: noSpan}
	date := noSpan // a date line is dropped here; inferDate reads the date
	var toc []bool // per line: a table-of-contents candidate (heading or entry)
	var tocHead []bool
	for i := range lines {
		l := &lines[i]
		n := l.te - l.ts
		if !c.report && n > 0 {
			// A newspaper runs its byline into the first paragraph, so the
			// line's start is read whatever the line's length.
			c.report = matchAny(rl.byline, string(folded[l.ts:l.ts+min(n, bylineWindow)]))
		}
		if n == 0 || n > maxFurnitureLine {
			continue
		}
		s := string(folded[l.ts:l.te])
		switch {
		case matchCapture(rl.date, s, l.ts, &date):
			l.drop = true
		case matchCapture(rl.source, s, l.ts, &c.source):
			l.drop = true
		case matchCapture(rl.issuer, s, l.ts, &c.signr):
			l.drop = true
		case matchAny(rl.drop, s):
			l.drop = true
		case rl.tocHeading.MatchString(s):
			if tocHead == nil {
				tocHead = make([]bool, len(lines))
			}
			tocHead[i] = true
		default:
			matchCapture(rl.title, s, l.ts, &c.title)
			if n <= 80 && rl.tocEntry.MatchString(s) {
				if toc == nil {
					toc = make([]bool, len(lines))
				}
				toc[i] = true
			}
		}
	}
	dropTOC(lines, toc, tocHead)
	blankSpam(folded, rl)
	for i := range lines {
		if !lines[i].drop && lines[i].te > lines[i].ts {
			c.sentences = splitSentences(folded, lines[i].ts, lines[i].te, i, rl, c.sentences)
		}
	}
	markRepeats(folded, c.sentences)
	c.lines = lines
	if !c.title.ok() {
		c.title = headingTitle(folded, lines, rl)
	}
	return c
}

// matchCapture tries res on the line s, which starts at code point
// lineStart, and reports whether one matched. The first non-empty capture
// group 1 seen wins: *dst is set only while unset, so the earliest such
// line in the file counts. The span is trimmed of space.
func matchCapture(res []*regexp.Regexp, s string, lineStart int, dst *span) bool {
	for _, re := range res {
		m := re.FindStringSubmatchIndex(s)
		if m == nil {
			continue
		}
		if !dst.ok() && len(m) >= 4 && m[2] >= 0 {
			v := s[m[2]:m[3]]
			lead := len(v) - len(strings.TrimLeftFunc(v, isSpace))
			v = strings.TrimSpace(v)
			if v != "" {
				start := lineStart + utf8.RuneCountInString(s[:m[2]+lead])
				*dst = span{start, start + utf8.RuneCountInString(v)}
			}
		}
		return true
	}
	return false
}

func matchAny(res []*regexp.Regexp, s string) bool {
	for _, re := range res {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

// splitLines splits folded on line breaks: \n, \r\n, \r, U+0085, U+2028
// and U+2029. Vertical tab and form feed are breaks too.
func splitLines(folded []rune) []line {
	lines := make([]line, 0, 64)
	start := 0
	for i := 0; i < len(folded); i++ {
		r := folded[i]
		if r != '\n' && r != '\r' && r != '\v' && r != '\f' && r != 0x85 && r != 0x2028 && r != 0x2029 {
			continue
		}
		lines = append(lines, trimmed(folded, start, i))
		if r == '\r' && i+1 < len(folded) && folded[i+1] == '\n' {
			i++
		}
		start = i + 1
	}
	if start < len(folded) {
		lines = append(lines, trimmed(folded, start, len(folded)))
	}
	return lines
}

func trimmed(folded []rune, start, end int) line {
	ts, te := start, end
	for ts < te && isSpace(folded[ts]) {
		ts++
	}
	for te > ts && isSpace(folded[te-1]) {
		te--
	}
	return line{start: start, end: end, ts: ts, te: te}
}

// dropTOC drops tables of contents: from a heading line, or a run of at
// least three entries, through the last entry. A short line without an
// entry's page number ("附表") stays in the table when an entry follows it.
func dropTOC(lines []line, toc, head []bool) {
	if toc == nil {
		return
	}
	isHead := func(i int) bool { return head != nil && head[i] }
	nextNonEmpty := func(i int) int {
		for j := i + 1; j < len(lines); j++ {
			if lines[j].te > lines[j].ts {
				return j
			}
		}
		return -1
	}
	inRun := func(i int) bool {
		if toc[i] {
			return true
		}
		l := lines[i]
		if l.te-l.ts > 12 || l.drop {
			return false
		}
		j := nextNonEmpty(i)
		return j >= 0 && toc[j]
	}
	for i := 0; i < len(lines); {
		if lines[i].te == lines[i].ts {
			i++
			continue
		}
		headed := isHead(i)
		j, entries := i, 0
		if headed {
			j = i + 1
		}
		last := -1
		for ; j < len(lines); j++ {
			if lines[j].te == lines[j].ts {
				continue
			}
			if !inRun(j) {
				break
			}
			if toc[j] {
				entries++
				last = j
			}
		}
		if last >= 0 && (entries >= 3 || headed && entries >= 1) {
			for k := i; k <= last; k++ {
				lines[k].drop = true
			}
			i = last + 1
			continue
		}
		if headed {
			lines[i].drop = true
		}
		i++
	}
}

// headingWindow is how much text after a space the heading rule sees.
const headingWindow = 16

func isTerminator(r rune) bool {
	switch r {
	case '。', '!', '?', ';', '|', '\uFF61':
		return true
	}
	return false
}

// isCloser reports runes that close what a terminator ends: quotes and
// brackets stay with the sentence before them.
func isCloser(r rune) bool {
	switch r {
	case '”', '’', '"', '\'', ')', '】', '》', '」', '』', '〕', ']':
		return true
	}
	return false
}

// isCJKEnd and isCJKStart, with the heading rule, decide whether a run of
// spaces inside a line is a break: 003 is one line whose items are joined
// by spaces ("…亮点工作 (一)首次夺鼎"). A space before a numbered heading
// after Chinese text breaks; other spaces do not, because scraped and
// PDF-extracted text puts stray spaces inside sentences ("加快推进 青山湖").
func isCJKEnd(r rune) bool {
	return unicode.Is(unicode.Han, r) || r == '。' || r == ',' || r == '、' || r == ':' || r == ')' || r == '”' || r == '》' || r == '】' || r == '」'
}

func isCJKStart(r rune) bool {
	return unicode.Is(unicode.Han, r) || r == '(' || r == '“' || r == '《' || r == '【' || r == '「'
}

// splitSentences appends the sentences of folded[start:end] (one line) to out.
func splitSentences(folded []rune, start, end, para int, rl *rules, out []Sentence) []Sentence {
	emit := func(s, e int) {
		for s < e && isSpace(folded[s]) {
			s++
		}
		for e > s && isSpace(folded[e-1]) {
			e--
		}
		if hasText(folded[s:e]) {
			out = append(out, Sentence{Start: s, End: e, Paragraph: para, RepeatOf: -1})
		}
	}
	s := start
	for i := start; i < end; {
		r := folded[i]
		switch {
		case isTerminator(r):
			j := i + 1
			for j < end && ((isTerminator(folded[j]) && folded[j] != '|') || isCloser(folded[j])) {
				j++
			}
			emit(s, j)
			s, i = j, j
		case r == ' ' || r == '\t':
			j := i + 1
			for j < end && (folded[j] == ' ' || folded[j] == '\t') {
				j++
			}
			if i > s && j < end && isCJKEnd(folded[i-1]) && isCJKStart(folded[j]) &&
				rl.heading.MatchString(string(folded[j:min(end, j+headingWindow)])) {
				emit(s, i)
				s = j
			}
			i = j
		default:
			i++
		}
	}
	emit(s, end)
	return out
}

// markRepeats sets RepeatOf on every sentence whose folded text, spaces
// removed, equals an earlier sentence's. A repeated paragraph or a whole
// repeated body (002 has one) thus comes out as repeats sentence by sentence.
func markRepeats(folded []rune, ss []Sentence) {
	seen := make(map[uint64]int, len(ss))
	for i := range ss {
		h := hashSpan(folded[ss[i].Start:ss[i].End])
		if j, ok := seen[h]; ok {
			if sameSpan(folded[ss[j].Start:ss[j].End], folded[ss[i].Start:ss[i].End]) {
				ss[i].RepeatOf = j
			}
			continue
		}
		seen[h] = i
	}
}

func hashSpan(rs []rune) uint64 {
	h := uint64(14695981039346656037)
	for _, r := range rs {
		if isSpace(r) {
			continue
		}
		h ^= uint64(r)
		h *= 1099511628211
	}
	return h
}

func sameSpan(a, b []rune) bool {
	i, j := 0, 0
	for {
		for i < len(a) && isSpace(a[i]) {
			i++
		}
		for j < len(b) && isSpace(b[j]) {
			j++
		}
		if i == len(a) || j == len(b) {
			return i == len(a) && j == len(b)
		}
		if a[i] != b[j] {
			return false
		}
		i++
		j++
	}
}

// blankSpam replaces every spam run in folded with Placeholder. A run
// starts at a keyword and grows over adjacent "extend" tokens both ways.
func blankSpam(folded []rune, rl *rules) {
	if len(rl.spamKeywords) == 0 {
		return
	}
	for i := 0; i < len(folded); {
		r := lowerASCII(folded[i])
		if r >= 0x10000 || rl.spamFirst[r/64]&(1<<(r%64)) == 0 {
			i++
			continue
		}
		n := 0
		for _, kw := range rl.spamKeywords[r] {
			if hasPrefixFold(folded[i:], kw) {
				n = len(kw)
				break
			}
		}
		if n == 0 {
			i++
			continue
		}
		s, e := i, i+n
		s = extend(folded, s, rl, false)
		e = extend(folded, e, rl, true)
		for k := s; k < e; k++ {
			folded[k] = Placeholder
		}
		i = e
	}
}

// extendWindow bounds how far one extend step looks, so a huge line costs
// no more than a short one.
const extendWindow = 64

// extend grows a spam run's edge at pos rightwards (right) or leftwards
// over extend tokens and returns the new edge.
func extend(folded []rune, pos int, rl *rules, right bool) int {
	if rl.extendRight == nil {
		return pos
	}
	for {
		n := 0
		if right {
			window := string(folded[pos:min(len(folded), pos+extendWindow)])
			if loc := rl.extendRight.FindStringIndex(window); loc != nil {
				n = utf8.RuneCountInString(window[:loc[1]])
			}
			pos += n
		} else {
			window := string(folded[max(0, pos-extendWindow):pos])
			if loc := rl.extendLeft.FindStringIndex(window); loc != nil {
				n = utf8.RuneCountInString(window[loc[0]:])
			}
			pos -= n
		}
		if n == 0 {
			return pos
		}
	}
}

func lowerASCII(r rune) rune {
	if r >= 'A' && r <= 'Z' {
		return r + 'a' - 'A'
	}
	return r
}

func hasPrefixFold(s, prefix []rune) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i, p := range prefix {
		if lowerASCII(s[i]) != p {
			return false
		}
	}
	return true
}
