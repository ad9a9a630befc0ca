package source

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/collabgraph/collabgraph/loader/lexicon"
)

// maxFurnitureLine is the longest line, in code points, that furniture
// rules are tried on. Furniture is short; the bound keeps a file of one
// enormous line linear and spares regular expressions on paragraphs.
const maxFurnitureLine = 120

// levelHint is a word that tells the issuing region's level, or "none"
// for a longer word that contains a hint but is not one.
type levelHint struct {
	word  string
	level string
}

// rules are furniture.tsv and spam.tsv compiled.
type rules struct {
	tocHeading, tocEntry, heading     *regexp.Regexp
	drop, date, source, issuer, title []*regexp.Regexp
	byline                            []*regexp.Regexp
	levelHints                        []levelHint

	spamKeywords map[rune][][]rune // by first rune (ASCII lower-cased), longest first
	spamFirst    []uint64          // bit set of first runes, for the scan's fast path
	extendRight  *regexp.Regexp    // ^(?:e1|e2|…)+: the extend tokens after a run
	extendLeft   *regexp.Regexp    // (?:e1|e2|…)+$: the extend tokens before it
}

var (
	rulesOnce sync.Once
	theRules  *rules
	rulesErr  error
)

// loadRules compiles the lexicon's furniture and spam rules once. An error
// means the embedded data is broken; the package's tests catch that.
func loadRules() (*rules, error) {
	rulesOnce.Do(func() { theRules, rulesErr = compileRules(lexicon.Furniture(), lexicon.Spam()) })
	return theRules, rulesErr
}

func compileRules(furniture, spam []lexicon.Pattern) (*rules, error) {
	r := &rules{spamKeywords: make(map[rune][][]rune), spamFirst: make([]uint64, 0x10000/64)}
	alts := make(map[string][]string)
	for _, p := range furniture {
		if p.Role == "level-hint" { // literals, matched with the region names
			for _, w := range strings.Split(p.Expr, "|") {
				if w = strings.TrimSpace(w); w != "" {
					r.levelHints = append(r.levelHints, levelHint{w, p.Arg})
				}
			}
			continue
		}
		re, err := regexp.Compile(p.Expr)
		if err != nil {
			return nil, fmt.Errorf("furniture.tsv: role %s: %w", p.Role, err)
		}
		switch p.Role {
		case "drop":
			r.drop = append(r.drop, re)
		case "toc-heading", "toc-entry", "heading":
			alts[p.Role] = append(alts[p.Role], "(?:"+p.Expr+")")
		case "date":
			r.date = append(r.date, re)
		case "source":
			r.source = append(r.source, re)
		case "issuer":
			r.issuer = append(r.issuer, re)
		case "title":
			r.title = append(r.title, re)
		case "byline":
			r.byline = append(r.byline, re)
		default:
			return nil, fmt.Errorf("furniture.tsv: unknown role %q", p.Role)
		}
	}
	// Drop rules stay separate: each is anchored on a literal, which the
	// regexp package checks first, while their alternation would be run in
	// full on every line (a hundred times slower on 004's short lines).
	for role, dst := range map[string]**regexp.Regexp{"toc-heading": &r.tocHeading, "toc-entry": &r.tocEntry, "heading": &r.heading} {
		expr := strings.Join(alts[role], "|")
		if expr == "" {
			expr = `[^\x00-\x{10FFFF}]` // matches nothing
		}
		re, err := regexp.Compile(expr)
		if err != nil {
			return nil, fmt.Errorf("furniture.tsv: role %s: %w", role, err)
		}
		*dst = re
	}
	for _, p := range spam {
		switch p.Role {
		case "keyword":
			kw := []rune(strings.ToLower(FoldString(p.Expr)))
			if len(kw) == 0 {
				continue
			}
			f := kw[0]
			r.spamKeywords[f] = append(r.spamKeywords[f], kw)
			if f < 0x10000 {
				r.spamFirst[f/64] |= 1 << (f % 64)
			}
		case "extend":
			if _, err := regexp.Compile(p.Expr); err != nil {
				return nil, fmt.Errorf("spam.tsv: extend %q: %w", p.Expr, err)
			}
			alts["extend"] = append(alts["extend"], "(?:"+p.Expr+")")
		default:
			return nil, fmt.Errorf("spam.tsv: unknown role %q", p.Role)
		}
	}
	if ext := alts["extend"]; len(ext) > 0 {
		// One repeated alternation, so one call absorbs a whole window of
		// tokens; a token at a time cost a regexp call per three runes.
		any := "(?:" + strings.Join(ext, "|") + ")+"
		r.extendRight = regexp.MustCompile("^" + any)
		r.extendLeft = regexp.MustCompile(any + "$")
	}
	for f, kws := range r.spamKeywords {
		sortLongestFirst(kws)
		r.spamKeywords[f] = kws
	}
	return r, nil
}

func sortLongestFirst(kws [][]rune) {
	for i := 1; i < len(kws); i++ {
		for j := i; j > 0 && len(kws[j]) > len(kws[j-1]); j-- {
			kws[j], kws[j-1] = kws[j-1], kws[j]
		}
	}
}
