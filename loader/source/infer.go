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

// nameEntry is one name a document may mention: a region's name or alias
// (region is the index in lexicon.Regions()) or a known entity's (region
// -1). Known entities are matched only so that they consume their text:
// "钱塘科学城" is a platform and must not count as a mention of 钱塘区.
type nameEntry struct {
	runes  []rune
	region int
}

var (
	namesOnce sync.Once
	names     map[rune][]nameEntry // by first rune, longest first
)

func buildNames() {
	names = make(map[rune][]nameEntry)
	add := func(s string, region int) {
		rs := fold(s)
		if len(rs) < 2 {
			return
		}
		names[rs[0]] = append(names[rs[0]], nameEntry{rs, region})
	}
	for i, r := range lexicon.Regions() {
		add(r.Name, i)
		for _, a := range r.Aliases {
			add(a, i)
		}
	}
	for _, k := range lexicon.Known() {
		add(k.Name, -1)
		for _, a := range k.Aliases {
			add(a, -1)
		}
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
// left to right, with the region's index. Known entities consume their span.
func mentions(text []rune, fn func(region, at int)) {
	namesOnce.Do(buildNames)
	for i := 0; i < len(text); {
		n := 0
		for _, e := range names[text[i]] {
			if len(e.runes) <= len(text)-i && equalRunes(text[i:i+len(e.runes)], e.runes) {
				n = len(e.runes)
				for _, e2 := range names[text[i]] { // every entry of that exact name
					if len(e2.runes) == n && e2.region >= 0 && equalRunes(e2.runes, e.runes) {
						fn(e2.region, i)
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
// in the title, else the region mentioned most often among those of the
// level the text's own words suggest (全区 → district, 全县 → county).
func inferIssuer(folded []rune, signature, title string, rl *rules) string {
	regions := lexicon.Regions()
	if signature != "" {
		best := -1
		mentions(fold(signature), func(r, _ int) {
			if issuerLevel(regions[r].Level) {
				best = r
			}
		})
		if best >= 0 {
			return regions[best].Name
		}
	}
	if title != "" {
		best := -1
		mentions(fold(title), func(r, _ int) {
			if best < 0 && issuerLevel(regions[r].Level) {
				best = r
			}
		})
		if best >= 0 {
			return regions[best].Name
		}
	}
	window := folded[:min(len(folded), inferWindow)]
	hint, hintCount := "", 0
	if len(rl.levelHints) > 0 {
		text := string(window)
		counts := make(map[string]int)
		for _, h := range rl.levelHints {
			counts[h.level] += len(h.re.FindAllStringIndex(text, -1))
		}
		for _, h := range rl.levelHints { // in file order, so ties go to the first listed
			if counts[h.level] > hintCount {
				hint, hintCount = h.level, counts[h.level]
			}
		}
	}
	count := make(map[int]int)
	firstAt := make(map[int]int)
	mentions(window, func(r, at int) {
		if !issuerLevel(regions[r].Level) {
			return
		}
		if _, ok := firstAt[r]; !ok {
			firstAt[r] = at
		}
		count[r]++
	})
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
		return ""
	}
	return regions[best].Name
}

// headingTitle returns the first content line when it reads as a title:
// short, with a Han character, no sentence punctuation, and not a numbered
// section heading. Otherwise "".
func headingTitle(folded []rune, lines []line, rl *rules) string {
	for _, l := range lines {
		if l.drop || l.te == l.ts {
			continue
		}
		t := folded[l.ts:l.te]
		if len(t) > 40 {
			return ""
		}
		han := false
		for _, r := range t {
			switch {
			case r == '。' || r == ',' || r == ';' || r == ':' || r == '!' || r == '?' || r == '|':
				return ""
			case unicode.Is(unicode.Han, r):
				han = true
			}
		}
		if !han || rl.heading.MatchString(string(t)) {
			return ""
		}
		return string(t)
	}
	return ""
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
