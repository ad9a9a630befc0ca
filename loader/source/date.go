package source

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/collabgraph/collabgraph/loader/lexicon"
)

// Where date inference looks, in code points.
const (
	// topWindow is "near the top": a news page prints its date line and
	// dateline within its first lines, below a few lines of furniture.
	topWindow = 1000
	// maxFieldLine is the longest line searched for a labelled date field,
	// and for a news page's date line; a government page's header table
	// puts several fields on one line.
	maxFieldLine = 160
	// maxDateLine is the longest line that can be a date line on its own.
	maxDateLine = 40
	// maxPlanSpan is the longest plan period a period row may name.
	maxPlanSpan = 15
)

// dateRules are dates.tsv compiled; see its header for the roles.
type dateRules struct {
	syntaxes     []*regexp.Regexp
	numerals     map[rune]int
	fields       []string
	after        []*regexp.Regexp
	wires        []*regexp.Regexp
	years        []*regexp.Regexp
	titlePeriods []*regexp.Regexp
	leadPeriods  []*regexp.Regexp
	plans        []planName
}

type planName struct {
	word string
	year int
}

var (
	datesOnce sync.Once
	theDates  *dateRules
	datesErr  error
)

// loadDates compiles dates.tsv once. An error means the embedded data is
// broken; the package's tests catch that.
func loadDates() (*dateRules, error) {
	datesOnce.Do(func() { theDates, datesErr = compileDates(lexicon.Dates()) })
	return theDates, datesErr
}

func compileDates(ps []lexicon.Pattern) (*dateRules, error) {
	dr := &dateRules{numerals: map[rune]int{}}
	compile := func(p lexicon.Pattern, groups ...string) (*regexp.Regexp, error) {
		re, err := regexp.Compile(p.Expr)
		if err != nil {
			return nil, fmt.Errorf("dates.tsv: %s %q: %w", p.Role, p.Expr, err)
		}
		for _, g := range groups {
			if re.SubexpIndex(g) < 0 {
				return nil, fmt.Errorf("dates.tsv: %s %q: no group named %s", p.Role, p.Expr, g)
			}
		}
		return re, nil
	}
	for _, p := range ps {
		var (
			re  *regexp.Regexp
			err error
		)
		switch p.Role {
		case "date":
			if re, err = compile(p, "y", "m"); err == nil {
				dr.syntaxes = append(dr.syntaxes, re)
			}
		case "numeral":
			v, aerr := strconv.Atoi(p.Arg)
			r, n := utf8.DecodeRuneInString(p.Expr)
			if aerr != nil || n != len(p.Expr) || v < 0 || v > 10 || v == 10 && dr.hasTen() {
				return nil, fmt.Errorf("dates.tsv: numeral %q %q: want one character and a value 0-9, or 10 once", p.Expr, p.Arg)
			}
			dr.numerals[r] = v
		case "field":
			dr.fields = append(dr.fields, FoldString(p.Expr))
		case "after":
			if re, err = compile(p); err == nil {
				dr.after = append(dr.after, re)
			}
		case "wire":
			if re, err = compile(p, "m", "d"); err == nil {
				dr.wires = append(dr.wires, re)
			}
		case "year":
			if re, err = compile(p, "y"); err == nil {
				dr.years = append(dr.years, re)
			}
		case "period":
			if re, err = compile(p, "y", "e"); err != nil {
				break
			}
			switch p.Arg {
			case "title":
				dr.titlePeriods = append(dr.titlePeriods, re)
			case "lead":
				dr.leadPeriods = append(dr.leadPeriods, re)
			default:
				return nil, fmt.Errorf("dates.tsv: period %q: arg %q is neither title nor lead", p.Expr, p.Arg)
			}
		case "plan":
			y, aerr := strconv.Atoi(p.Arg)
			if aerr != nil || y < 1900 || y > 2100 {
				return nil, fmt.Errorf("dates.tsv: plan %q: arg %q is not a year", p.Expr, p.Arg)
			}
			dr.plans = append(dr.plans, planName{FoldString(p.Expr), y})
		default:
			return nil, fmt.Errorf("dates.tsv: unknown role %q", p.Role)
		}
		if err != nil {
			return nil, err
		}
	}
	return dr, nil
}

func (dr *dateRules) hasTen() bool {
	for _, v := range dr.numerals {
		if v == 10 {
			return true
		}
	}
	return false
}

// ymd is a date; d is 0 for a year and month, m and d 0 for a year.
type ymd struct{ y, m, d int }

func (t ymd) String() string {
	switch {
	case t.m == 0:
		return fmt.Sprintf("%04d", t.y)
	case t.d == 0:
		return fmt.Sprintf("%04d-%02d", t.y, t.m)
	}
	return fmt.Sprintf("%04d-%02d-%02d", t.y, t.m, t.d)
}

// valid reports whether t is a real date of a plausible year.
func (t ymd) valid() bool {
	if t.y < 1900 || t.y > 2100 {
		return false
	}
	if t.m == 0 {
		return t.d == 0
	}
	if t.m < 1 || t.m > 12 {
		return false
	}
	last := time.Date(t.y, time.Month(t.m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return t.d >= 0 && t.d <= last
}

// number reads digits, or numerals of the numeral rows: positionally
// without the tens numeral (二〇二三 = 2023), around it otherwise
// (十 = 10, 十二 = 12, 三十一 = 31).
func (dr *dateRules) number(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, true
	}
	var vals []int
	ten := -1
	for _, r := range s {
		v, ok := dr.numerals[r]
		if !ok {
			return 0, false
		}
		if v == 10 {
			if ten >= 0 {
				return 0, false
			}
			ten = len(vals)
		}
		vals = append(vals, v)
	}
	if len(vals) == 0 {
		return 0, false
	}
	if ten < 0 {
		n := 0
		for _, v := range vals {
			n = n*10 + v
		}
		return n, true
	}
	tens, ones := 1, 0
	switch ten {
	case 0:
	case 1:
		tens = vals[0]
	default:
		return 0, false
	}
	switch len(vals) - ten - 1 {
	case 0:
	case 1:
		ones = vals[ten+1]
	default:
		return 0, false
	}
	return tens*10 + ones, true
}

// dateMatch is a date found in a string, [start, end) in bytes.
type dateMatch struct {
	start, end int
	date       ymd
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// dates returns the valid dates written in s, left to right, not
// overlapping; at one position the first date row that matches wins.
func (dr *dateRules) dates(s string) []dateMatch {
	type cand struct {
		dateMatch
		row int
	}
	var cands []cand
	for row, re := range dr.syntaxes {
		for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
			if m[0] > 0 && isDigit(s[m[0]-1]) || m[1] < len(s) && isDigit(s[m[1]]) {
				continue // part of a longer number
			}
			group := func(name string) (int, bool) {
				i := re.SubexpIndex(name)
				if i < 0 || m[2*i] < 0 {
					return 0, true // absent
				}
				return dr.number(s[m[2*i]:m[2*i+1]])
			}
			y, ok1 := group("y")
			mo, ok2 := group("m")
			d, ok3 := group("d")
			t := ymd{y, mo, d}
			if !ok1 || !ok2 || !ok3 || t.m == 0 || !t.valid() {
				continue
			}
			cands = append(cands, cand{dateMatch{m[0], m[1], t}, row})
		}
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].start != cands[j].start {
			return cands[i].start < cands[j].start
		}
		return cands[i].row < cands[j].row
	})
	var out []dateMatch
	end := 0
	for _, c := range cands {
		if c.start >= end {
			out = append(out, c.dateMatch)
			end = c.end
		}
	}
	return out
}

// dateAt returns the date that starts s, if one does.
func (dr *dateRules) dateAt(s string) (ymd, bool) {
	ds := dr.dates(s)
	if len(ds) > 0 && ds[0].start == 0 {
		return ds[0].date, true
	}
	return ymd{}, false
}

// afterLen returns how many bytes at the start of s the after rows take
// (a clock time, a weekday), tried repeatedly, and whether any matched.
func (dr *dateRules) afterLen(s string) (int, bool) {
	n, any := 0, false
	for progress := true; progress; {
		progress = false
		for _, re := range dr.after {
			if m := re.FindStringIndex(s[n:]); m != nil && m[0] == 0 && m[1] > 0 {
				n += m[1]
				any, progress = true, true
			}
		}
	}
	return n, any
}

// inferDate reads a document's date from its folded text, trying in turn
// and taking the first that gives one:
//
//  1. a labelled field (成文日期: 2023-03-31, 发布时间:2023-06-19 16:29), in
//     the order of preference of dates.tsv's field rows, then the earliest;
//  2. a date line: a short line that is only a date (a notice's signature
//     date, anywhere), or near the top a date followed by a time of day (a
//     news page's "2023-03-31 10:28"), whichever comes first;
//  3. a news report's dateline near the top ("3月1日电"), with the year of a
//     full date near the top, else of the title, else the first year
//     written near the top;
//  4. the title's year (2023年…工作总结 → "2023"), the latest if several;
//  5. the plan period: in the title ("2021—2025年" → "2021", 十四五 → "2021",
//     the latest plan if it names two), else a period the text states near
//     the top (规划期限为2021-2025年).
//
// Dates written in sentences ("2017年,市科委将…") are not the document's
// date, and neither is a plan named in one: a work report that cites the
// 十三五 plan was not written in 2016. from is "field", "dateline",
// "title" or "plan"; both are "" when nothing gives a date.
func inferDate(folded []rune, lines []line, title []rune) (date, from string) {
	dr, err := loadDates()
	if err != nil {
		panic("source: " + err.Error()) // the embedded rules are checked by the package's tests
	}
	lineText := func(l line) string { return string(folded[l.ts:l.te]) }

	// 1. Labelled fields.
	bestRank, best := len(dr.fields), ymd{}
	for _, l := range lines {
		if n := l.te - l.ts; n == 0 || n > maxFieldLine {
			continue
		}
		s := lineText(l)
		for rank, label := range dr.fields[:bestRank] {
			if t, ok := dr.field(s, label); ok {
				bestRank, best = rank, t
				break
			}
		}
		if bestRank == 0 {
			break
		}
	}
	if bestRank < len(dr.fields) {
		return best.String(), "field"
	}

	// 2. Date lines.
	for _, l := range lines {
		n := l.te - l.ts
		near := l.ts < topWindow && n <= maxFieldLine
		if n == 0 || !near && n > maxDateLine {
			continue
		}
		s := lineText(l)
		for _, dm := range dr.dates(s) {
			k, after := dr.afterLen(s[dm.end:])
			bare := dm.start == 0 && n <= maxDateLine && strings.TrimSpace(s[dm.end+k:]) == ""
			if bare || after && near {
				return dm.date.String(), "dateline"
			}
		}
	}

	top := string(folded[:min(len(folded), topWindow)])
	titleYear := dr.titleYear(string(title))

	// 3. A news dateline, month and day, with a year from near the top.
	for _, re := range dr.wires {
		m := re.FindStringSubmatch(top)
		if m == nil {
			continue
		}
		mo, ok1 := dr.number(m[re.SubexpIndex("m")])
		d, ok2 := dr.number(m[re.SubexpIndex("d")])
		y := 0
		for _, dm := range dr.dates(top) {
			if dm.date.d > 0 {
				y = dm.date.y
				break
			}
		}
		if y == 0 {
			y = titleYear
		}
		if y == 0 {
			y = dr.firstYear(top)
		}
		if t := (ymd{y, mo, d}); ok1 && ok2 && y > 0 && mo > 0 && d > 0 && t.valid() {
			return t.String(), "dateline"
		}
	}

	// 4. The title's year.
	if titleYear > 0 {
		return ymd{y: titleYear}.String(), "title"
	}

	// 5. The plan period.
	if y := dr.period(string(title), dr.titlePeriods); y > 0 {
		return ymd{y: y}.String(), "plan"
	}
	if y := dr.latestPlan(string(title)); y > 0 {
		return ymd{y: y}.String(), "plan"
	}
	if y := dr.period(top, dr.leadPeriods); y > 0 {
		return ymd{y: y}.String(), "plan"
	}
	return "", ""
}

// field returns the date written after label in the line s, where label
// opens the line or follows a space, a table bar or a bracket.
func (dr *dateRules) field(s, label string) (ymd, bool) {
	for i := 0; ; {
		k := strings.Index(s[i:], label)
		if k < 0 {
			return ymd{}, false
		}
		at := i + k
		i = at + len(label)
		if at > 0 {
			prev, _ := utf8.DecodeLastRuneInString(s[:at])
			if !strings.ContainsRune(" \t|[(【〔", prev) {
				continue
			}
		}
		rest := strings.TrimLeft(s[i:], " \t")
		rest = strings.TrimLeft(strings.TrimPrefix(rest, ":"), " \t")
		rest = strings.TrimLeft(strings.TrimPrefix(rest, "|"), " \t")
		if t, ok := dr.dateAt(rest); ok {
			return t, true
		}
	}
}

// titleYear returns the latest year the title writes outside a plan
// period, or 0.
func (dr *dateRules) titleYear(title string) int {
	var periods [][]int
	for _, re := range dr.titlePeriods {
		periods = append(periods, re.FindAllStringIndex(title, -1)...)
	}
	best := 0
	for _, re := range dr.years {
		for _, m := range re.FindAllStringSubmatchIndex(title, -1) {
			inside := false
			for _, p := range periods {
				if m[0] < p[1] && p[0] < m[1] {
					inside = true
				}
			}
			g := re.SubexpIndex("y")
			y, ok := dr.number(title[m[2*g]:m[2*g+1]])
			if inside || !ok || m[0] > 0 && isDigit(title[m[0]-1]) || !(ymd{y: y}).valid() {
				continue
			}
			best = max(best, y)
		}
	}
	return best
}

// firstYear returns the first year written in s, or 0.
func (dr *dateRules) firstYear(s string) int {
	first, at := 0, len(s)
	for _, re := range dr.years {
		for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
			g := re.SubexpIndex("y")
			y, ok := dr.number(s[m[2*g]:m[2*g+1]])
			if ok && m[0] < at && !(m[0] > 0 && isDigit(s[m[0]-1])) && (ymd{y: y}).valid() {
				first, at = y, m[0]
			}
		}
	}
	return first
}

// period returns the start year of the first plan period res find in s,
// or 0.
func (dr *dateRules) period(s string, res []*regexp.Regexp) int {
	for _, re := range res {
		for _, m := range re.FindAllStringSubmatch(s, -1) {
			y, ok1 := dr.number(m[re.SubexpIndex("y")])
			e, ok2 := dr.number(m[re.SubexpIndex("e")])
			if ok1 && ok2 && e > y && e-y <= maxPlanSpan && (ymd{y: y}).valid() {
				return y
			}
		}
	}
	return 0
}

// latestPlan returns the first year of the latest five-year plan s (a
// title) names, or 0.
func (dr *dateRules) latestPlan(s string) int {
	best := 0
	for _, p := range dr.plans {
		if p.year > best && strings.Contains(s, p.word) {
			best = p.year
		}
	}
	return best
}
