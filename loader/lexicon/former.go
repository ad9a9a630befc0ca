package lexicon

import (
	"fmt"
	"strconv"
	"sync"
)

// FormerRegion is one row of former.tsv: a county- or prefecture-level
// division of Shanghai, Jiangsu, Zhejiang or Anhui that existed in 2000 or
// later under a code and name that regions.tsv no longer has (江干区 until
// 2021, 萧山市 until 2001, 巢湖市 the prefecture until 2011).
type FormerRegion struct {
	Code       string   // GB/T 2260 code the division had, six digits; not unique (321011 was 郊区, then 维扬区)
	Name       string   // full name, e.g. "江干区"
	Level      string   // city, district, county or county-level city, as in regions.tsv
	Parent     string   // the Code of its prefecture (of the province for a prefecture, 310000 in Shanghai), in regions.tsv or former.tsv
	Aliases    []string // short forms that stand for this division alone, e.g. "江干"; often none
	ValidFrom  int      // the year it was created, or 0 if it existed before 2000
	ValidTo    int      // the last year it existed: the year it was abolished, merged or renamed
	Successors []string // codes of the divisions that took its area; its own Code when only the name changed
	Source     string   // the code lists and change file the row comes from
}

// ExistedIn reports whether the division existed during the given year.
func (r FormerRegion) ExistedIn(year int) bool {
	return year >= r.ValidFrom && year <= r.ValidTo
}

var (
	formerOnce sync.Once
	former     []FormerRegion
)

// formerLevels are the levels a former division can have; towns and
// streets are not listed.
var formerLevels = map[string]bool{"province": true, "city": true, "district": true, "county": true, "county-level city": true}

// FormerRegions returns the divisions of former.tsv in code order. The
// slice is shared; callers must not modify it. A malformed row (a code that
// is not six digits, an unknown level, a year out of order) panics, naming
// the file and row, because the file is embedded and checked by this
// package's tests.
func FormerRegions() []FormerRegion {
	formerOnce.Do(func() {
		for i, r := range mustRows("former.tsv", 8) {
			r = append(r, "")
			f, err := parseFormer(r)
			if err != nil {
				panic(fmt.Sprintf("lexicon: former.tsv: row %d: %v", i+1, err))
			}
			former = append(former, f)
		}
	})
	return former
}

func parseFormer(r []string) (FormerRegion, error) {
	f := FormerRegion{Code: r[0], Name: r[1], Level: r[2], Parent: r[3], Aliases: splitList(r[4]), Successors: splitList(r[7]), Source: r[8]}
	for _, c := range append([]string{f.Code, f.Parent}, f.Successors...) {
		if !isCode(c) {
			return f, fmt.Errorf("%s: code %q is not six digits", f.Name, c)
		}
	}
	if f.Name == "" {
		return f, fmt.Errorf("%s: no name", f.Code)
	}
	if !formerLevels[f.Level] {
		return f, fmt.Errorf("%s: level %q", f.Name, f.Level)
	}
	if len(f.Successors) == 0 {
		return f, fmt.Errorf("%s: no successor", f.Name)
	}
	var err error
	if f.ValidTo, err = parseYear(r[6]); err != nil {
		return f, fmt.Errorf("%s: valid_to: %v", f.Name, err)
	}
	if f.ValidTo < 2000 {
		return f, fmt.Errorf("%s: valid_to %d is before 2000", f.Name, f.ValidTo)
	}
	if r[5] != "" {
		if f.ValidFrom, err = parseYear(r[5]); err != nil {
			return f, fmt.Errorf("%s: valid_from: %v", f.Name, err)
		}
		if f.ValidFrom < 2000 || f.ValidFrom > f.ValidTo {
			return f, fmt.Errorf("%s: valid_from %d, valid_to %d", f.Name, f.ValidFrom, f.ValidTo)
		}
	}
	return f, nil
}

func isCode(s string) bool {
	if len(s) != 6 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func parseYear(s string) (int, error) {
	y, err := strconv.Atoi(s)
	if err != nil || len(s) != 4 {
		return 0, fmt.Errorf("%q is not a year", s)
	}
	return y, nil
}
