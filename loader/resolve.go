package loader

import (
	"strings"

	"github.com/collabgraph/collabgraph/graph"
)

// entity is one real thing, as the resolve stage found it in a document.
type entity struct {
	Name    string
	Kind    graph.Kind
	Level   string
	Code    string
	entry   int32           // gazetteer entry, or -1
	aliases map[string]bool // other spellings seen or known
	// written holds the spellings, as the documents write them, of a name
	// the gazetteer does not know: the graph shows one of those, never the
	// folded form (乾元 stays 乾元, where folding alone would say 干元).
	written map[string]bool
}

func entityKey(kind graph.Kind, name string) string { return string(kind) + "\x00" + name }

// entities is the set of entities of one document, by kind and name.
type entities map[string]*entity

// fromEntry returns the entity of gazetteer entry i, creating it.
func (es entities) fromEntry(r *rules, i int32) *entity {
	g := &r.gaz[i]
	name := g.Name
	if r.sharedName[g.Name] {
		// Two regions of one name (普陀区 of 上海市 and of 舟山市) are two
		// entities: the parent in the name keeps their ids and labels apart.
		name = g.Name + "(" + r.parentName(i) + ")"
	}
	k := entityKey(g.Kind, name)
	if e, ok := es[k]; ok {
		return e
	}
	e := &entity{Name: name, Kind: g.Kind, Level: g.Level, Code: g.Code, entry: i, aliases: map[string]bool{}}
	if name != g.Name {
		e.aliases[g.Name] = true
	}
	for _, a := range g.Aliases {
		if a != e.Name {
			e.aliases[a] = true
		}
	}
	es[k] = e
	return e
}

// named returns the entity of a name the gazetteer does not know.
func (es entities) named(kind graph.Kind, name string) *entity {
	k := entityKey(kind, name)
	if e, ok := es[k]; ok {
		return e
	}
	e := &entity{Name: name, Kind: kind, entry: -1, aliases: map[string]bool{}}
	es[k] = e
	return e
}

// parentName is the name of gazetteer entry i's parent region, or "".
func (r *rules) parentName(i int32) string {
	if p, ok := r.byCode[r.gaz[i].Parent]; ok {
		return r.gaz[p].Name
	}
	return ""
}

// countyLevel reports whether a region level is below the prefecture; a
// short form of such a region is only read as it inside its own province,
// since 金山 or 青山 elsewhere are ordinary words.
func countyLevel(level string) bool {
	switch level {
	case "district", "county", "county-level city", "town", "street":
		return true
	}
	return false
}

// choose picks the gazetteer entry a hit list stands for, given the
// document's issuing region (-1 when unknown): the issuer's own city first,
// then its province. It returns -1 when every candidate is the short form
// of a county-level region of another province.
func (r *rules) choose(hits []gazHit, issuer int32) int32 {
	best, bestScore := int32(-1), -1
	for _, h := range hits {
		g := &r.gaz[h.entry]
		score := 1
		if g.Kind == graph.Region && issuer >= 0 && g.Code != "" {
			ic := r.gaz[issuer].Code
			switch {
			case len(ic) >= 4 && len(g.Code) >= 4 && ic[:4] == g.Code[:4]:
				score = 3
			case len(ic) >= 2 && ic[:2] == g.Code[:2]:
				score = 2
			case h.alias && countyLevel(g.Level):
				score = -1
			}
		}
		if score > bestScore {
			best, bestScore = h.entry, score
		}
	}
	if bestScore < 0 {
		return -1
	}
	return best
}

// nearParent narrows the entries a name may stand for to those under a
// region the clause has already named, the nearest first (舟山市普陀区 is
// 舟山's 普陀区, not 上海's): the parent written nearby decides before the
// issuer does. It returns hits unchanged when no earlier region is a parent
// of any of them.
func (r *rules) nearParent(hits []gazHit, before []mention) []gazHit {
	if len(hits) < 2 {
		return hits
	}
	for j := len(before) - 1; j >= 0; j-- {
		p := before[j].ent
		if p == nil || p.Kind != graph.Region || p.entry < 0 {
			continue
		}
		var under []gazHit
		for _, h := range hits {
			if r.isAncestor(p.entry, h.entry) {
				under = append(under, h)
			}
		}
		if len(under) > 0 {
			return under
		}
	}
	return hits
}

// issuerEntry finds the gazetteer region of a document's issuer. The name
// given (the most specific region written in it) is taken unless the
// document names another region below province level more often: 000, a
// section of 临平区's plan without its header, reads as 上海市 from its
// text's first lines but names 临平 throughout. It returns -1 when neither
// the name nor the text gives a region.
//
// A firm name (from a manifest, a signature line or the title) is kept
// whatever the text mentions: a province's report about one city names the
// city far more often than itself.
func (r *rules) issuerEntry(name string, firm bool, ms []mention) int32 {
	declared := int32(-1)
	if name != "" {
		text := []rune(name)
		var last []gazHit
		for i := 0; i < len(text); {
			end, hits := r.gazIndex.longest(text, i, len(text))
			if end < 0 {
				i++
				continue
			}
			if r.gaz[hits[0].entry].Kind == graph.Region {
				last = hits
			}
			i = end
		}
		switch {
		case len(last) == 1:
			declared = last[0].entry
		case len(last) > 1:
			declared, _ = r.mostMentioned(last, ms)
		}
	}
	if firm && declared >= 0 {
		return declared
	}
	var all []gazHit
	for _, m := range ms {
		for _, h := range m.hits {
			if r.gaz[h.entry].Kind == graph.Region {
				all = append(all, h)
			}
		}
	}
	best, bestScore := r.mostMentioned(all, ms)
	if declared < 0 {
		return best
	}
	if best >= 0 && best != declared && !countyLevelAbove(r.gaz[best].Level) {
		_, declaredScore := r.mostMentioned([]gazHit{{entry: declared}}, ms)
		if bestScore > 2*declaredScore {
			return best
		}
	}
	return declared
}

// countyLevelAbove reports whether a level is province or wider.
func countyLevelAbove(level string) bool {
	return level == "province" || level == "macro" || level == "country"
}

// mostMentioned returns the candidate among hits whose province the
// document's region mentions share most often, weighting a mention by one
// over its number of readings; below province level first. Ties go to the
// earlier candidate.
func (r *rules) mostMentioned(hits []gazHit, ms []mention) (int32, float64) {
	score := map[int32]float64{}
	var order []int32
	for _, h := range hits {
		if _, ok := score[h.entry]; !ok {
			score[h.entry] = 0
			order = append(order, h.entry)
		}
	}
	for _, m := range ms {
		n := float64(len(m.hits))
		for _, h := range m.hits {
			if _, ok := score[h.entry]; ok {
				score[h.entry] += 1 / n
			}
		}
	}
	best, bestScore := int32(-1), -1.0
	for _, e := range order {
		s := score[e]
		if lv := r.gaz[e].Level; lv == "province" || lv == "macro" || lv == "country" {
			s /= 100 // a province is the issuer only of a document that names nothing smaller
		}
		if s > bestScore {
			best, bestScore = e, s
		}
	}
	return best, bestScore
}

// issuerForms maps a name the gazetteer lacks to the full form the same
// document writes with the issuer's name before it: where 南通市's text says
// both 南通沿江科创带 and 沿江科创带, they are one platform. Keys are kind and
// short name (formKey); nil when there are none.
func (r *rules) issuerForms(ms []mention, issuer int32) map[string]string {
	if issuer < 0 {
		return nil
	}
	g := &r.gaz[issuer]
	var longer map[string]string
	for _, m := range ms {
		if m.hits != nil || m.weak || m.enclave {
			continue
		}
		for _, p := range append([]string{g.Name}, g.Aliases...) {
			if rest := strings.TrimPrefix(m.Name, p); rest != m.Name && len([]rune(rest)) >= 3 {
				if longer == nil {
					longer = map[string]string{}
				}
				longer[formKey(m.Kind, rest)] = m.Name
			}
		}
	}
	return longer
}

func formKey(k graph.Kind, name string) string { return string(k) + "\x00" + name }

// writeOutForms sets m.full of each mention issuerForms has a full form for.
func writeOutForms(ms []mention, forms map[string]string) {
	for i := range ms {
		m := &ms[i]
		if m.hits != nil || m.weak || m.enclave || m.full != "" {
			continue
		}
		if l, ok := forms[formKey(m.Kind, m.Name)]; ok {
			m.full = l
		}
	}
}

// resolve sets m.ent for each mention of a clause: the gazetteer entry it
// stands for, or a new entity named as written. Mentions it cannot place
// are left with a nil ent. A region written right after the short form of
// its parent (嘉兴海宁) becomes one mention of the inner region.
func (r *rules) resolve(ms []mention, issuer int32, es entities) []mention {
	for i := range ms {
		m := &ms[i]
		if m.enclave {
			continue
		}
		hits := m.hits
		if hits == nil {
			if h, ok := r.lookup(m.Name); ok {
				hits = h
			}
		}
		if hits == nil && m.weak && issuer >= 0 {
			// A plan leaves out its own region: 杭州's 国家自主创新示范区 is
			// 杭州国家自主创新示范区.
			g := &r.gaz[issuer]
			for _, p := range append([]string{g.Name}, g.Aliases...) {
				if h, ok := r.lookup(p + m.Name); ok {
					hits = h
					break
				}
			}
		}
		if hits == nil && m.weak {
			continue // generic words and a head name nothing the gazetteer knows
		}
		if hits == nil && m.full != "" {
			if h, ok := r.lookup(m.full); ok {
				hits = h
			} else {
				m.ent = es.named(m.Kind, m.full)
				m.ent.aliases[m.Name] = true
				continue
			}
		}
		if hits == nil {
			m.ent = es.named(m.Kind, m.Name)
			continue
		}
		e := r.choose(r.nearParent(hits, ms[:i]), issuer)
		if e < 0 {
			continue
		}
		m.ent = es.fromEntry(r, e)
		m.Kind = m.ent.Kind
		if m.Name != m.ent.Name && !strings.ContainsRune(m.Name, '\uFFFC') {
			m.ent.aliases[m.Name] = true
		}
	}
	out := ms[:0]
	for i := range ms {
		m := ms[i]
		// 嘉兴海宁 is 海宁市; 杭州市临平区, written in full, also states that
		// 临平区 is part of 杭州市, so relate sees both.
		if n := len(out); n > 0 && m.ent != nil && out[n-1].ent != nil && out[n-1].End == m.Start &&
			m.Kind == graph.Region && out[n-1].Kind == graph.Region && out[n-1].Name != out[n-1].ent.Name &&
			r.isAncestor(out[n-1].ent.entry, m.ent.entry) {
			m.Start = out[n-1].Start
			out[n-1] = m
			continue
		}
		out = append(out, m)
	}
	return out
}

// isAncestor reports whether region entry a contains region entry b.
func (r *rules) isAncestor(a, b int32) bool {
	if a < 0 || b < 0 {
		return false
	}
	code := r.gaz[a].Code
	p := r.gaz[b].Parent
	for steps := 0; p != "" && steps < 6; steps++ {
		if p == code {
			return true
		}
		i, ok := r.byCode[p]
		if !ok {
			return false
		}
		p = r.gaz[i].Parent
	}
	return false
}
