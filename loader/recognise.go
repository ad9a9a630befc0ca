package loader

import (
	"sort"

	"github.com/collabgraph/collabgraph/graph"
)

// maxHead bounds the length of a head of suffixes.tsv.
const maxHead = 12

// mention is one place where a clause names an entity, before resolution.
type mention struct {
	span
	Name    string     // as written (folded), or the list item plus the shared head
	Kind    graph.Kind // the head's kind for a pattern name; the entry's for a gazetteer hit
	hits    []gazHit   // gazetteer entries it may be; nil for an unknown name
	enclave bool       // an enclave word (科创飞地): names no entity by itself
	weak    bool       // generic words and a head: a name only if the gazetteer knows it
	full    string     // the name with a leading short form written out (浙大… → 浙江大学…), or ""
	host    []gazHit   // an enclave word written after its host abroad (美国硅谷孵化器)
	tagged  bool       // found by the trained name tagger, not by a rule
	ent     *entity    // set by resolve; nil when dropped
}

// recognise appends the mentions in the clause text[c.Start:c.End] to dst,
// ordered by start, none overlapping. Names come from the gazetteer
// (longest match), from heads of suffixes.tsv with a left edge found by
// boundaries.tsv, and from lists sharing one head.
func (r *rules) recognise(text []rune, c span, dst []mention) []mention {
	var cands []mention
	// Gazetteer: leftmost longest.
	for i := c.Start; i < c.End; {
		end, hits := r.gazIndex.longest(text, i, c.End)
		if end < 0 {
			i++
			continue
		}
		if r.gaz[hits[0].entry].Kind != graph.Region && r.namesNothing(text[i:end]) {
			i = end
			continue
		}
		cands = append(cands, mention{span: span{i, end}, Name: string(text[i:end]), Kind: r.gaz[hits[0].entry].Kind, hits: hits})
		i = end
	}
	nGaz := len(cands)

	// An incubator written after a place abroad is an offshore enclave.
	for _, g := range cands[:nGaz] {
		if g.Kind != graph.Region || len(g.hits) != 1 || !r.abroad(g.hits[0].entry) {
			continue
		}
		if end, _ := r.abroadHeads.longest(text, g.End, c.End); end > 0 {
			cands = append(cands, mention{span: span{g.Start, end}, Name: string(text[g.End:end]), Kind: graph.Enclave, enclave: true, host: g.hits})
		}
	}

	// Heads: the longest head at each start; per end the earliest start.
	type head struct {
		span
		headVal
	}
	var heads []head
	for i := c.Start; i < c.End; i++ {
		end, vals := r.heads.longest(text, i, c.End)
		if end < 0 {
			continue
		}
		heads = append(heads, head{span{i, end}, vals[0]})
	}
	for hi, h := range heads {
		// A head inside a longer one (产业园 in NONE 产业园区, 孵化器 in
		// 离岸孵化器) is not a head of its own. Heads are short and ordered
		// by start, so only near neighbours can contain h.
		blocked := false
		for hj := hi - 1; hj >= 0 && heads[hj].Start > h.Start-maxHead && !blocked; hj-- {
			blocked = heads[hj].End >= h.End
		}
		if blocked || h.kind == "NONE" {
			continue
		}
		if h.kind == string(graph.Enclave) {
			cands = append(cands, mention{span: h.span, Name: string(text[h.Start:h.End]), Kind: graph.Enclave, enclave: true})
			continue
		}
		left := r.leftEdge(text, c.Start, h.Start, cands[:nGaz])
		// Never cut a gazetteer name in two.
		for _, g := range cands[:nGaz] {
			if g.Start < left && left < g.End {
				left = g.Start
			}
		}
		// 全省5G工业应用先行区 is the province's pilot zone, not a name.
		if s, _ := r.scope.longestBack(text, left, c.Start); s >= 0 {
			continue
		}
		// A grade before a name is not part of it: 省级茶产业创新综合体.
		graded := false
		for left < h.Start {
			e, _ := r.rank.longest(text, left, h.Start)
			if e < 0 {
				break
			}
			left, graded = e, true
		}
		if left < h.Start {
			m := mention{span: span{left, h.End}, Name: string(text[left:h.End]), Kind: graph.Kind(h.kind)}
			m.full = r.writeOut(text, m.span, m.Kind, cands[:nGaz])
			switch {
			case h.place && !holdsName(m.span, cands[:nGaz]):
				m.weak = true
			case !r.proper(text, left, h.Start, cands[:nGaz]):
				m.weak = true
			}
			cands = append(cands, m)
			cands = r.knownItems(text, c.Start, left, h.span, m.Kind, cands, nGaz)
			cands = r.sharedModifier(text, c.Start, left, h.span, m.Kind, cands, nGaz)
			continue
		}
		if left == h.Start {
			first := len(cands)
			cands = r.shareHead(text, c.Start, h.span, graph.Kind(h.kind), cands)
			for i := first; i < len(cands); i++ {
				it := &cands[i]
				it.weak = (h.place && !holdsName(it.span, cands[:nGaz])) || !r.proper(text, it.Start, it.End, cands[:nGaz])
			}
			if len(cands) == first && !graded {
				// A bare head (推动高新园区参与…) may be the issuer's own
				// (新昌高新园区): weak, so only the gazetteer can make it a name.
				// After a grade it is a designation (创建国家级高新区).
				cands = append(cands, mention{span: h.span, Name: string(text[h.Start:h.End]), Kind: graph.Kind(h.kind), weak: true})
			}
		}
	}

	// A known name ending where a pattern name ends is the whole name: the
	// pattern only ran on over a word the lists lack (紧抓长三角科技创新共同体).
	for i := nGaz; i < len(cands); i++ {
		for _, g := range cands[:nGaz] {
			if g.End == cands[i].End && g.Start > cands[i].Start && g.Kind != graph.Region {
				cands[i].Start = g.Start // dropped below: g is as long and earlier in order
				cands[i].weak = true
				cands[i].enclave = false
				cands[i].Name = ""
			}
		}
	}
	j := nGaz
	for i := nGaz; i < len(cands); i++ {
		if cands[i].Name != "" {
			cands[j] = cands[i]
			j++
		}
	}
	cands = cands[:j]

	cands = r.quotedNames(text, c, cands)

	// Longest wins; ties go to the earlier start, then to the gazetteer.
	order := make([]int, len(cands))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		x, y := cands[order[a]], cands[order[b]]
		if x.weak != y.weak {
			return !x.weak // a weak name only fills a gap
		}
		if lx, ly := x.End-x.Start, y.End-y.Start; lx != ly {
			return lx > ly
		}
		return x.Start < y.Start
	})
	// Spans are short, so marking taken code points keeps this linear.
	taken := make([]bool, c.End-c.Start)
	first := len(dst)
	for _, i := range order {
		m := cands[i]
		ok := true
		for k := m.Start; k < m.End; k++ {
			if taken[k-c.Start] {
				ok = false
				break
			}
		}
		if ok {
			for k := m.Start; k < m.End; k++ {
				taken[k-c.Start] = true
			}
			dst = append(dst, m)
		}
	}
	out := dst[first:]
	sort.Slice(out, func(a, b int) bool { return out[a].Start < out[b].Start })
	return dst
}

// closeQuote pairs each opening quotation mark with its closing one; 《》
// quote a document's title, which names no entity of ours.
var closeQuote = map[rune]rune{'“': '”', '‘': '’', '「': '」', '『': '』'}

// maxQuoted bounds a quoted name; longer quotations are slogans or speech.
const maxQuoted = 24

// quotedNames appends a candidate for each name written in quotation marks
// in the clause that ends in a head of suffixes.tsv, taken whole
// (“环高校产业创新集聚区”): the quotation marks say where the name begins,
// whatever words it holds, and the head gives its kind. A quotation without
// a head is left alone: in plans it is a slogan or a mechanism (“1+2+X”,
// “两中心一队伍”, “白名单”) far more often than a name; so is one that lists
// (、 + — inside).
func (r *rules) quotedNames(text []rune, c span, cands []mention) []mention {
	for i := c.Start; i < c.End; i++ {
		closing, ok := closeQuote[text[i]]
		if !ok {
			continue
		}
		j := i + 1
		for j < c.End && j-i <= maxQuoted+1 && text[j] != closing {
			j++
		}
		if j >= c.End || text[j] != closing || j-i < 3 || j-i > maxQuoted+1 {
			continue
		}
		s, e := i+1, j
		if listsInside(text[s:e]) {
			i = j
			continue
		}
		if _, ok := r.lookup(string(text[s:e])); ok {
			i = j
			continue // the gazetteer knows it: its own candidate stands
		}
		kind := ""
		for k := s; k < e; k++ {
			if end, vals := r.heads.longest(text, k, e); end == e && vals[0].kind != "NONE" && vals[0].kind != string(graph.Enclave) {
				kind = vals[0].kind
				break
			}
		}
		if kind != "" {
			cands = append(cands, mention{span: span{s, e}, Name: string(text[s:e]), Kind: graph.Kind(kind)})
		}
		i = j
	}
	return cands
}

func listsInside(name []rune) bool {
	for _, c := range name {
		switch c {
		case '、', '+', '—', '-', '•', '·', ',':
			return true
		}
	}
	return false
}

// writeOut returns the name at s with a leading short form of a known
// entity replaced by its full name (浙大高端装备研究院 → 浙江大学高端装备研究院),
// or "" when the name does not start with one.
func (r *rules) writeOut(text []rune, s span, kind graph.Kind, gaz []mention) string {
	for _, g := range gaz {
		if g.Start != s.Start || g.End >= s.End || len(g.hits) != 1 || !g.hits[0].alias {
			continue
		}
		e := &r.gaz[g.hits[0].entry]
		if e.Kind == graph.Region || e.Kind == kind {
			// 临平新城 keeps its short region name; g60科技创新走廊 is G60's
			// own corridor spelt another way, which lookup's variants find.
			return ""
		}
		return e.Name + string(text[g.End:s.End])
	}
	return ""
}

// holdsName reports whether s contains one of the gazetteer mentions gaz.
func holdsName(s span, gaz []mention) bool {
	for _, g := range gaz {
		if g.Start >= s.Start && g.End <= s.End {
			return true
		}
	}
	return false
}

// leftEdge returns where a name whose head starts at text[h] begins: after
// the nearest break, stop word or numeral-and-classifier to its left, with
// a parenthesised part (中国(杭州)) taken whole. It returns h when the
// name has nothing before its head.
func (r *rules) leftEdge(text []rune, floor, h int, gaz []mention) int {
	const maxName = 24
	i := h
	for i > floor && h-i < maxName {
		c := text[i-1]
		if c == ')' {
			j := i - 2
			for j >= floor && text[j] != '(' && i-j < 12 && !isBreak(text[j]) {
				j--
			}
			if j < floor || text[j] != '(' {
				return i
			}
			i = j
			continue
		}
		if c == '(' || isBreak(c) {
			return i
		}
		if s, _ := r.stops.longestBack(text, i, floor); s >= 0 {
			// Unless the stop word begins a longer generic word (并 in 并购).
			if e, _ := r.generic.longest(text, s, h); e <= i {
				if r.innerWord(text, floor, s, i, gaz) {
					i = s
					continue
				}
				return i
			}
		}
		if r.classify[c] && i-2 >= floor && r.numerals[text[i-2]] {
			return i
		}
		i--
	}
	return i
}

// innerWord reports whether the stop word at text[s:e], met while reading a
// name leftwards, is one a name holds: an inner word (与) between two plain
// words, with no gazetteer name ending before it or starting after it and
// no stop word right before it. 江苏省船舶与海洋工程装备技术创新中心 is one
// name; in 区科技局与浙江科技学院合作办 and 加强与…合作 与 opens a partner.
func (r *rules) innerWord(text []rune, floor, s, e int, gaz []mention) bool {
	if s <= floor || isBreak(text[s-1]) {
		return false
	}
	if end, _ := r.inner.longest(text, s, e); end != e {
		return false
	}
	for _, g := range gaz {
		if g.End == s || g.Start == e {
			return false
		}
	}
	if b, _ := r.stops.longestBack(text, s, floor); b >= 0 {
		return false
	}
	return true
}

// proper reports whether text[start:end], the part of a name before its
// head, names something: it holds a gazetteer name, a Latin letter or
// digit, a parenthesised place, or a character that is not part of a
// generic word. 一批, 各类 or 国家重点 before a head name nothing.
func (r *rules) proper(text []rune, start, end int, gaz []mention) bool {
	for _, g := range gaz {
		if g.Start >= start && g.End <= end {
			return true
		}
	}
	for i := start; i < end; {
		c := text[i]
		if isASCIIAlnum(c) {
			return true
		}
		if c == '(' || c == ')' {
			i++ // a parenthesised part counts by its content: (重点) names nothing
			continue
		}
		if e, _ := r.generic.longest(text, i, end); e > 0 {
			i = e
			continue
		}
		return true
	}
	return false
}

// shareHead expands a list whose items share one head after a numeral and
// classifier: 主动融入G60、杭州城西、宁波甬江三大科创走廊 names three
// corridors. It appends one mention per item, spanning the item, and
// returns cands unchanged when the head has no such list before it.
func (r *rules) shareHead(text []rune, floor int, h span, kind graph.Kind, cands []mention) []mention {
	i := h.Start
	if i-2 < floor || !r.classify[text[i-1]] || !r.numerals[text[i-2]] {
		return cands
	}
	i -= 2
	for i > floor && r.numerals[text[i-1]] {
		i--
	}
	headText := string(text[h.Start:h.End])
	var items []mention
	for i > floor {
		start := r.itemEdge(text, floor, i)
		if start == i {
			break
		}
		items = append(items, mention{span: span{start, i}, Name: string(text[start:i]) + headText, Kind: kind})
		// Continue past a separator to the item before it.
		s, _ := r.seps.longestBack(text, start, floor)
		if s < 0 && start > floor && text[start-1] == '、' {
			s = start - 1
		}
		if s < 0 {
			break
		}
		i = s
	}
	if len(items) < 2 {
		return cands // 一个产业建一个综合体: one item is no list
	}
	for k := len(items) - 1; k >= 0; k-- {
		cands = append(cands, items[k])
	}
	return cands
}

// knownItems expands a list written before a head name without a numeral
// (推动绍兴、台州湾科创走廊建设): each region item before the name, read
// leftwards over 、 and separators, names item+head when the gazetteer knows
// that name with the head's kind (绍兴科创走廊); the region's own mention then
// only fills a gap. The list stops at the first item that does not, so
// 联动上海、杭州城西科创大走廊 (no 上海科创大走廊) keeps 上海 a region.
func (r *rules) knownItems(text []rune, floor, left int, h span, kind graph.Kind, cands []mention, nGaz int) []mention {
	headText := string(text[h.Start:h.End])
	for pos := left; pos > floor; {
		s, _ := r.seps.longestBack(text, pos, floor)
		if s < 0 && text[pos-1] == '、' {
			s = pos - 1
		}
		if s < 0 {
			break
		}
		start := r.itemEdge(text, floor, s)
		gi := -1
		for i, g := range cands[:nGaz] {
			if g.Start == start && g.End == s && g.Kind == graph.Region {
				gi = i
			}
		}
		if gi < 0 {
			break
		}
		name := string(text[start:s]) + headText
		hits, ok := r.lookup(name)
		if !ok || r.gaz[hits[0].entry].Kind != kind {
			break
		}
		cands = append(cands, mention{span: span{start, s}, Name: name, Kind: kind, hits: hits})
		cands[gi].weak = true
		pos = start
	}
	return cands
}

// sharedModifier expands two modifiers coordinated before a name whose
// modifier ends in generic words: 新材料和机器人产业创新联盟 names
// 机器人产业创新联盟 and 新材料产业创新联盟, the item before the coordinator
// (boundaries.tsv role coordinator: 和, not 、 or 与, which join whole names)
// taking the generic words and the head. Both modifiers are short words
// (the item may be a generic one, 新材料, since the name after it is proper);
// one holding a gazetteer name or a head of its own is a name, and nothing
// is expanded.
func (r *rules) sharedModifier(text []rune, floor, left int, h span, kind graph.Kind, cands []mention, nGaz int) []mention {
	const maxModifier = 4
	gaz := cands[:nGaz]
	// p: where the generic words before the head start.
	p := -1
	for q := left + 1; q <= h.Start && q-left <= maxModifier; q++ {
		if q == h.Start || !r.proper(text, q, h.Start, gaz) {
			p = q
			break
		}
	}
	if p < 0 || overlaps(span{left, h.End}, gaz) || !r.proper(text, left, h.Start, gaz) {
		return cands
	}
	s, _ := r.coord.longestBack(text, left, floor)
	if s < 0 {
		return cands
	}
	start := r.itemEdge(text, floor, s)
	if start == s || s-start > maxModifier || overlaps(span{start, s}, gaz) || r.endsInHead(text, start, s) {
		return cands
	}
	return append(cands, mention{span: span{start, s}, Name: string(text[start:s]) + string(text[p:h.End]), Kind: kind})
}

// overlaps reports whether s overlaps one of the gazetteer mentions gaz.
func overlaps(s span, gaz []mention) bool {
	for _, g := range gaz {
		if g.Start < s.End && s.Start < g.End {
			return true
		}
	}
	return false
}

// endsInHead reports whether text[start:end] ends in a head of suffixes.tsv.
func (r *rules) endsInHead(text []rune, start, end int) bool {
	for i := max(start, end-maxHead); i < end; i++ {
		if e, _ := r.heads.longest(text, i, end); e == end {
			return true
		}
	}
	return false
}

// itemEdge is leftEdge for one item of a list: it also stops at 、.
func (r *rules) itemEdge(text []rune, floor, end int) int {
	i := end
	for i > floor && end-i < 16 {
		c := text[i-1]
		if c == '、' || isBreak(c) {
			return i
		}
		if s, _ := r.stops.longestBack(text, i, floor); s >= 0 {
			return i
		}
		i--
	}
	return i
}
