package source

import (
	"errors"
	"fmt"
	"strconv"
	"sync"
	"unicode"

	"github.com/collabgraph/collabgraph/loader/lexicon"
)

// inferWindow is how much of a document, in code points, metadata
// inference reads: issuers show themselves early, and the bound keeps
// inference's cost independent of the document's length.
const inferWindow = 20000

// nameEntry is one word inference looks for: a region's name or alias
// (region is the index in lexicon.Regions()), a level hint (hint is its
// level, region -1), or a known entity's name (region -1, hint ""). Known
// entities are matched only so that they consume their text: "钱塘科学城"
// is a platform and must not count as a mention of 钱塘区.
type nameEntry struct {
	runes  []rune
	region int
	hint   string
}

var (
	namesOnce sync.Once
	names     map[uint64][]nameEntry // by first two runes, longest first
	nameBits  []uint64               // bit set over hashed first-two-rune keys: most text positions start no name
)

const nameBitsLog = 20

func bigram(a, b rune) uint64 { return uint64(a)<<21 | uint64(b) }

func bigramBit(k uint64) uint64 { return (k * 0x9E3779B97F4A7C15) >> (64 - nameBitsLog) }

func buildNames(rl *rules) {
	names = make(map[uint64][]nameEntry)
	nameBits = make([]uint64, 1<<nameBitsLog/64)
	add := func(s string, region int, hint string) {
		rs := fold(s)
		if len(rs) < 2 {
			return
		}
		k := bigram(rs[0], rs[1])
		names[k] = append(names[k], nameEntry{rs, region, hint})
		b := bigramBit(k)
		nameBits[b/64] |= 1 << (b % 64)
	}
	for i, r := range lexicon.Regions() {
		add(r.Name, i, "")
		for _, a := range r.Aliases {
			add(a, i, "")
		}
	}
	for _, k := range lexicon.Known() {
		add(k.Name, -1, "")
		for _, a := range k.Aliases {
			add(a, -1, "")
		}
	}
	for _, h := range rl.levelHints {
		add(h.word, -1, h.level)
	}
	for f, es := range names {
		for i := 1; i < len(es); i++ {
			for j := i; j > 0 && len(es[j].runes) > len(es[j-1].runes); j-- {
				es[j], es[j-1] = es[j-1], es[j]
			}
		}
		names[f] = es
	}
}

// mentions calls fn for each region mention in text, longest match first,
// left to right, with the region's index, and hint for each level hint.
// Known entities consume their span. Either callback may be nil.
func mentions(text []rune, rl *rules, fn func(region, at, end int), hint func(level string)) {
	namesOnce.Do(func() { buildNames(rl) })
	for i := 0; i+1 < len(text); {
		k := bigram(text[i], text[i+1])
		if b := bigramBit(k); nameBits[b/64]&(1<<(b%64)) == 0 {
			i++
			continue
		}
		n := 0
		cands := names[k]
		for _, e := range cands {
			if len(e.runes) <= len(text)-i && equalRunes(text[i:i+len(e.runes)], e.runes) {
				n = len(e.runes)
				for _, e2 := range cands { // every entry of that exact name
					if len(e2.runes) != n || !equalRunes(e2.runes, e.runes) {
						continue
					}
					switch {
					case e2.region >= 0 && fn != nil:
						fn(e2.region, i, i+n)
					case e2.hint != "" && hint != nil:
						hint(e2.hint)
					}
				}
				break
			}
		}
		if n == 0 {
			n = 1
		}
		i += n
	}
}

func equalRunes(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// issuerLevel reports whether a region of that level can issue a document.
func issuerLevel(level string) bool {
	switch level {
	case "province", "city", "district", "county", "county-level city":
		return true
	}
	return false
}

// hintMatches reports whether a region level fits a level hint word.
func hintMatches(hint, level string) bool {
	switch hint {
	case "county":
		return level == "county" || level == "county-level city"
	case "city":
		return level == "city" || level == "province"
	}
	return hint == level
}

// inferIssuer names the issuing region: the most specific region in a
// signature line ("杭州市临平区人民政府办公室" → 临平区), else the first region
// in the title (folded; the manifest's when it gives one), else the region mentioned most often among those of the
// level the text's own words suggest (全区 → district, 全县 → county).
//
// from says which evidence decided: "signature", "title" or "text".
func inferIssuer(folded []rune, signature span, title []rune, rl *rules) (name, from string) {
	regions := lexicon.Regions()
	if signature.ok() {
		best := -1
		mentions(folded[signature.start:signature.end], rl, func(r, _, _ int) {
			if issuerLevel(regions[r].Level) {
				best = r
			}
		}, nil)
		if best >= 0 {
			return regions[best].Name, "signature"
		}
	}
	if len(title) > 0 {
		// The first region, or its child written right after it in the
		// administrative form (杭州市临平区…规划 is 临平区's).
		best, bestEnd, settled := -1, -1, false
		mentions(title, rl, func(r, at, end int) {
			switch {
			case settled || !issuerLevel(regions[r].Level):
			case best < 0:
				best, bestEnd = r, end
			case at == bestEnd && regions[r].Parent == regions[best].Code && regions[best].Code != "":
				best, bestEnd = r, end
			default:
				settled = true
			}
		}, nil)
		if best >= 0 {
			return regions[best].Name, "title"
		}
	}
	window := folded[:min(len(folded), inferWindow)]
	count := make(map[int]int)
	firstAt := make(map[int]int)
	hints := make(map[string]int)
	mentions(window, rl, func(r, at, _ int) {
		if !issuerLevel(regions[r].Level) {
			return
		}
		if _, ok := firstAt[r]; !ok {
			firstAt[r] = at
		}
		count[r]++
	}, func(level string) { hints[level]++ })
	hint, hintCount := "", 0
	for _, h := range rl.levelHints { // in file order, so ties go to the first listed
		if h.level != "none" && hints[h.level] > hintCount {
			hint, hintCount = h.level, hints[h.level]
		}
	}
	pick := func(fits func(level string) bool) int {
		best := -1
		for r, n := range count {
			if !fits(regions[r].Level) {
				continue
			}
			if best < 0 || n > count[best] || n == count[best] && firstAt[r] < firstAt[best] {
				best = r
			}
		}
		return best
	}
	best := -1
	if hint != "" {
		best = pick(func(level string) bool { return hintMatches(hint, level) })
	}
	if best < 0 {
		best = pick(func(string) bool { return true })
	}
	if best < 0 {
		return "", ""
	}
	return regions[best].Name, "text"
}

// headingTitle returns the first content line when it reads as a title:
// short, with a Han character, no sentence punctuation, and not a numbered
// section heading. Otherwise noSpan.
func headingTitle(folded []rune, lines []line, rl *rules) span {
	for _, l := range lines {
		if l.drop || l.te == l.ts {
			continue
		}
		t := folded[l.ts:l.te]
		if len(t) > 40 {
			return noSpan
		}
		han := false
		for _, r := range t {
			switch {
			case r == '。' || r == ',' || r == ';' || r == ':' || r == '!' || r == '?' || r == '|':
				return noSpan
			case unicode.Is(unicode.Han, r):
				han = true
			}
		}
		if !han || rl.heading.MatchString(string(t)) {
			return noSpan
		}
		return span{l.ts, l.te}
	}
	return noSpan
}

var errDate = errors.New("not a date: want YYYY, YYYY-MM or YYYY-MM-DD")

// normDate turns a date written with any separators ("2021年12月10日",
// "2023-06-19", "2021.12") into "YYYY-MM-DD", "YYYY-MM" or "YYYY". The
// parts are the runs of ASCII digits, year first.
func normDate(s string) (string, error) {
	var parts []int
	for i := 0; i < len(s); {
		if s[i] < '0' || s[i] > '9' {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		n, err := strconv.Atoi(s[i:j])
		if err != nil {
			return "", fmt.Errorf("%q: %w", s, errDate)
		}
		parts = append(parts, n)
		i = j
	}
	if len(parts) == 0 || len(parts) > 3 || parts[0] < 1900 || parts[0] > 2100 {
		return "", fmt.Errorf("%q: %w", s, errDate)
	}
	if len(parts) >= 2 && (parts[1] < 1 || parts[1] > 12) {
		return "", fmt.Errorf("%q: month %d: %w", s, parts[1], errDate)
	}
	if len(parts) == 3 && (parts[2] < 1 || parts[2] > 31) {
		return "", fmt.Errorf("%q: day %d: %w", s, parts[2], errDate)
	}
	switch len(parts) {
	case 1:
		return fmt.Sprintf("%04d", parts[0]), nil
	case 2:
		return fmt.Sprintf("%04d-%02d", parts[0], parts[1]), nil
	}
	return fmt.Sprintf("%04d-%02d-%02d", parts[0], parts[1], parts[2]), nil
}
