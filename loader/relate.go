package loader

import (
	"github.com/collabgraph/collabgraph/graph"
	"github.com/collabgraph/collabgraph/loader/lexicon"
)

// fact is one relation one clause states.
type fact struct {
	Kind     graph.RelationKind
	From, To *entity
	Status   graph.Status
	span     // the clause: the evidence
	// rule names what found it (rule:NAME, or model), and confidence how
	// sure the trained stage is of it, 0 when no trained stage ran.
	rule       string
	confidence float64
	band       string // the stage and model-share band its confidence was learned for
}

// cue is a trigger word or status marker found in a clause.
type cue struct {
	span
	vals []cueVal
}

// allowed reports whether the ontology lets a relation of kind k run from an
// entity of kind from to one of kind to.
func allowed(k graph.RelationKind, from, to graph.Kind) bool {
	in := func(x graph.Kind, set ...graph.Kind) bool {
		for _, s := range set {
			if x == s {
				return true
			}
		}
		return false
	}
	switch k {
	case graph.PartOf:
		return (from == graph.Region && to == graph.Region) ||
			(from == graph.Platform && in(to, graph.Corridor, graph.Platform))
	case graph.LocatedIn:
		return in(from, graph.Platform, graph.Enclave, graph.Institution, graph.Enterprise) && in(to, graph.Region, graph.Platform)
	case graph.Joins:
		// Institutions and enterprises join alliances, not corridors.
		return (in(from, graph.Region, graph.Platform) && in(to, graph.Corridor, graph.Alliance)) ||
			(in(from, graph.Institution, graph.Enterprise) && to == graph.Alliance)
	case graph.Operates:
		return in(from, graph.Region, graph.Enterprise) && to == graph.Enclave
	case graph.CooperatesWith:
		return from.Valid() && to.Valid()
	case graph.Builds:
		return in(from, graph.Region, graph.Institution, graph.Enterprise) && in(to, graph.Platform, graph.Institution, graph.Alliance)
	}
	return false
}

// maxLookahead is how many later clauses of its sentence a phrase may close
// in (与X,…,合作). Real phrases close within two or three; the bound keeps a
// sentence of thousands of clauses linear.
const maxLookahead = 8

// clauseRelater relates the mentions of one clause.
type clauseRelater struct {
	r       *rules
	text    []rune
	c       span
	ms      []mention // resolved, enclave words included, ordered
	cues    []cue
	issuer  *entity      // nil when the document's issuer is unknown
	section graph.Status // the status of the section the clause is in, or ""
	titled  graph.Status // the status the document's title gives, or ""
	es      entities
	next    []*clauseRelater // the later clauses of the same sentence
	carried []*entity        // the sentence's opening subjects, for a clause without its own
	said    graph.Status     // the last status marker of the sentence's earlier clauses, or ""
	// partnerEnd is where the last 与X…合作 phrase ends, and partnerSubject
	// its subject: the subject of a trigger right after it (与X合作共建Y).
	partnerEnd     int
	partnerSubject *entity
	out            []fact
}

// relateSentence appends to dst the facts the clauses of one sentence
// state. Each clause's mentions are resolved; issuer is the implicit
// subject; section is the status the heading above gives and titled the
// one the document's title gives ("" for none).
func (r *rules) relateSentence(text []rune, clauses []span, mentions [][]mention, issuer *entity, section, titled graph.Status, es entities, dst []fact) []fact {
	crs := make([]*clauseRelater, len(clauses))
	for i, c := range clauses {
		crs[i] = &clauseRelater{r: r, text: text, c: c, ms: mentions[i], issuer: issuer, section: section, titled: titled, es: es}
		crs[i].findCues()
	}
	// A clause that opens with its subjects (松江、嘉兴…合肥签署…,共建…)
	// lends them to the later clauses of the sentence that have none.
	var opening []*entity
	var said graph.Status
	unnamed := false
	for i, cr := range crs {
		// 鼓励行业龙头企业牵头,联合X…: the unnamed party encouraged acts in
		// the rest of the sentence, not the issuer.
		unnamed = unnamed || cr.unnamedActor()
		if unnamed {
			cr.issuer = nil
		}
		cr.carried = opening
		cr.said = said
		if st := cr.lastMarker(); st != "" {
			said = st
		}
		if o := cr.openingSubjects(i == 0); o != nil {
			opening = o
		}
		cr.next = crs[i+1 : min(len(crs), i+1+maxLookahead)]
		cr.out = dst
		cr.adjacentRegions()
		cr.name("rule:adjacent-regions")
		if len(cr.cues) > 0 {
			partnerSpans := cr.partners()
			cr.name("rule:partner")
			cr.enclaves()
			cr.name("rule:enclave")
			cr.triggered(partnerSpans)
			cr.name("rule:trigger")
		}
		dst = cr.out
	}
	return dst
}

// unnamedActor reports whether the clause has an ACTOR word (鼓励) with no
// name after it before the next trigger: someone unnamed is to act.
func (cr *clauseRelater) unnamedActor() bool {
	for qi, q := range cr.cues {
		if len(triggerRows(q, lexicon.RoleActor)) == 0 {
			continue
		}
		limit := cr.c.End
		for _, n := range cr.cues[qi+1:] {
			if n.Start >= q.End && hasTrigger(n) {
				limit = n.Start
				break
			}
		}
		for _, m := range cr.ms {
			if m.Start >= q.End && m.Start < limit && m.ent != nil {
				return false
			}
		}
		return true
	}
	return false
}

// adjacentRegions handles the administrative form 杭州市临平区: a region
// written in full right before one it contains states that the second is
// part of the first.
func (cr *clauseRelater) adjacentRegions() {
	for i := 1; i < len(cr.ms); i++ {
		a, b := cr.ms[i-1], cr.ms[i]
		if a.ent == nil || b.ent == nil || a.End != b.Start || a.Kind != graph.Region || b.Kind != graph.Region {
			continue
		}
		if a.Name == a.ent.Name && cr.r.isAncestor(a.ent.entry, b.ent.entry) {
			cr.add(graph.PartOf, b.ent, a.ent, graph.Established)
		}
	}
}

// findCues collects trigger words and markers that are not inside a name.
func (cr *clauseRelater) findCues() {
	mi := 0
	inTitle := false
	for i := cr.c.Start; i < cr.c.End; i++ {
		// A document's title (《浙江省科技创新发展“十四五”规划》) names the
		// document: the verbs in it (发展) state nothing.
		switch cr.text[i] {
		case '《':
			inTitle = true
		case '》':
			inTitle = false
		}
		if inTitle {
			continue
		}
		for mi < len(cr.ms) && cr.ms[mi].End <= i {
			mi++
		}
		if mi < len(cr.ms) && cr.ms[mi].Start <= i {
			continue
		}
		cr.r.cues.each(cr.text, i, cr.c.End, func(end int, vals []cueVal) {
			// A cue may not run into a name either.
			if mi < len(cr.ms) && cr.ms[mi].Start < end {
				return
			}
			cr.cues = append(cr.cues, cue{span{i, end}, vals})
		})
	}
}

// name credits the facts added since the last call to the rule named.
func (cr *clauseRelater) name(rule string) {
	for i := len(cr.out) - 1; i >= 0 && cr.out[i].rule == ""; i-- {
		cr.out[i].rule = rule
	}
}

func (cr *clauseRelater) add(k graph.RelationKind, from, to *entity, st graph.Status) {
	if from == nil || to == nil || from == to || !allowed(k, from.Kind, to.Kind) {
		return
	}
	cr.out = append(cr.out, fact{Kind: k, From: from, To: to, Status: st, span: cr.c})
}

// status is the status of a relation stated by the trigger t: ESTABLISHED
// in a section reviewing the past; else what the trigger itself says
// (交汇: a standing fact); else a marker right after it (设立了); else the
// marker nearest before it in the clause; else the last marker of the
// sentence's earlier clauses; else the section's, else the title's, else
// PLANNED.
func (cr *clauseRelater) status(t span) graph.Status {
	for _, q := range cr.cues {
		for _, v := range q.vals {
			// 谋划 in a review of the past: what was done is the planning.
			if m := v.marker; m != nil && m.Position == "always" && q.Start <= t.Start {
				return m.Status
			}
		}
	}
	if cr.section == graph.Established {
		return graph.Established
	}
	if st := cr.agreed(t); st != "" {
		return st
	}
	best, bestStart := graph.Status(""), -1
	var after graph.Status
	for _, q := range cr.cues {
		for _, v := range q.vals {
			m := v.marker
			if m == nil {
				continue
			}
			switch {
			case m.Position == "self" && q.span == t:
				return m.Status
			case m.Position == "after" && q.Start == t.End:
				after = m.Status
			case (m.Position == "before" || m.Position == "always") && q.Start <= t.Start && q.Start > bestStart:
				best, bestStart = m.Status, q.Start
			}
		}
	}
	switch {
	case after != "":
		return after
	case best != "":
		return best
	case cr.said != "":
		return cr.said // 签署战略合作协议,共建…: the sentence said it once
	case cr.section != "":
		return cr.section
	case cr.titled != "":
		return cr.titled
	}
	return graph.Planned
}

// agreed returns the status an agreement after the trigger gives it
// (签署合作共建“…研究院”备忘录: the building is what the memorandum provides
// for), or "" when there is none or the trigger is the signing itself.
func (cr *clauseRelater) agreed(t span) graph.Status {
	var st graph.Status
	for _, q := range cr.cues {
		for _, v := range q.vals {
			m := v.marker
			if m == nil {
				continue
			}
			if q.span == t && m.Position == "before" {
				return "" // 签署, 签订: the trigger is the signing, which is done
			}
			if m.Position == "agreement" && q.Start >= t.End && st == "" {
				st = m.Status
			}
		}
	}
	return st
}

// lastMarker returns the status of the clause's last marker, or "".
func (cr *clauseRelater) lastMarker() graph.Status {
	var st graph.Status
	for _, q := range cr.cues {
		for _, v := range q.vals {
			if v.marker != nil && (v.marker.Position == "before" || v.marker.Position == "always") {
				st = v.marker.Status
			}
		}
	}
	return st
}

// triggerOf returns the rows of cue q with a given kind or role.
func triggerRows(q cue, kind string) []*lexicon.Trigger {
	var out []*lexicon.Trigger
	for _, v := range q.vals {
		if v.trigger != nil && v.trigger.Kind == kind {
			out = append(out, v.trigger)
		}
	}
	return out
}

// hasSide reports whether cue q has a relation row with the given side.
func hasSide(q cue, side string) bool {
	for _, v := range q.vals {
		if v.trigger != nil && v.trigger.Side == side {
			return true
		}
	}
	return false
}

func hasTrigger(q cue) bool {
	for _, v := range q.vals {
		if v.trigger != nil && v.trigger.Kind != lexicon.RolePartner && v.trigger.Kind != lexicon.RoleAt && v.trigger.Kind != lexicon.RoleActor {
			return true
		}
	}
	return false
}

// partners handles 与X、Y合作: the issuer (or the subject written before
// 与) cooperates with every name between the preposition and the first
// cooperation trigger after it, in this clause or a later one of the
// sentence (与X等在数字技术领域,共建…). 与X共建Y also makes X and the
// subject build Y. It returns the spans it read as partners, which are no
// one's subject.
func (cr *clauseRelater) partners() []span {
	var spans []span
	// The closer of each 与 is found once for the clause, from the end
	// back, so a clause of many 与 stays linear.
	isCloser := func(q cue) bool { return len(triggerRows(q, string(graph.CooperatesWith))) > 0 }
	nextCloser := make([]int, len(cr.cues))
	ahead := -1
	for qi := len(cr.cues) - 1; qi >= 0; qi-- {
		nextCloser[qi] = ahead
		if isCloser(cr.cues[qi]) {
			ahead = qi
		}
	}
	var laterCloser *cue
	var laterClause *clauseRelater
	laterSought := false
	for pi, p := range cr.cues {
		if len(triggerRows(p, lexicon.RolePartner)) == 0 {
			continue
		}
		var t *cue
		closer := cr
		if qi := nextCloser[pi]; qi >= 0 {
			t = &cr.cues[qi]
		}
		end := cr.c.End
		if t != nil {
			end = t.Start
		}
		if t == nil && !laterSought {
			laterSought = true
		search:
			for _, later := range cr.next {
				for qi := range later.cues {
					if isCloser(later.cues[qi]) {
						laterCloser, laterClause = &later.cues[qi], later
						break search
					}
				}
			}
		}
		if t == nil && laterCloser != nil {
			t, closer = laterCloser, laterClause
		}
		if t == nil {
			continue
		}
		subject := cr.subjectBefore(p.Start, spans, nil)
		if subject == nil {
			subject = cr.issuer
		}
		st := closer.status(t.span)
		var partners []*entity
		for _, m := range cr.ms {
			if m.ent != nil && !m.enclave && m.Start >= p.End && m.End <= end {
				if !cr.whole(m) {
					continue
				}
				cr.add(graph.CooperatesWith, subject, m.ent, st)
				partners = append(partners, m.ent)
			}
		}
		if len(partners) == 0 {
			continue
		}
		spans = append(spans, span{p.End, end})
		if closer != cr {
			continue
		}
		cr.partnerEnd, cr.partnerSubject = t.End, subject
		// 与X共建Y, 与X签署合作共建Y: the building trigger is the closer or
		// follows it at once.
		b := t
		for qi := range cr.cues {
			q := &cr.cues[qi]
			if q.Start >= t.Start && q.Start <= t.End+2 && len(triggerRows(*q, string(graph.Builds))) > 0 {
				b = q
				break
			}
		}
		if len(triggerRows(*b, string(graph.Builds))) == 0 {
			continue
		}
		bst := st
		if b != t {
			bst = cr.status(b.span) // 签署合作共建…备忘录: signed, but the building is to come
		}
		for _, o := range cr.objectsAfter(*b) {
			for _, x := range append(partners, subject) {
				cr.add(graph.Builds, x, o, bst)
			}
		}
	}
	return spans
}

// objectsAfter returns the entities named after trigger t, up to the next
// trigger of the clause.
func (cr *clauseRelater) objectsAfter(t cue) []*entity {
	end := cr.c.End
	for _, q := range cr.cues {
		if q.Start >= t.End && hasRow(q) {
			end = q.Start
			break
		}
	}
	var out []*entity
	for _, m := range cr.ms {
		if m.ent != nil && !m.enclave && m.Start >= t.End && m.End <= end && cr.whole(m) {
			out = append(out, m.ent)
		}
	}
	return out
}

// hasRow reports whether q is a trigger or helper word, not only a marker.
func hasRow(q cue) bool {
	for _, v := range q.vals {
		if v.trigger != nil {
			return true
		}
	}
	return false
}

// whole reports whether a mention can be an argument: not a macro-region
// (长三角其他城市 is a setting, not a partner) and not the modifier of what
// follows it (中科院各研究所).
func (cr *clauseRelater) whole(m mention) bool {
	if m.Kind == graph.Region && m.ent.Level == "macro" && m.ent.entry >= 0 {
		if p := cr.r.gaz[m.ent.entry].Parent; p == "" || p == cr.r.homeCountry {
			return false // 美国硅谷 abroad is a partner; 长三角 at home is not
		}
	}
	if m.End < cr.c.End && cr.r.openQuote[cr.text[m.End]] {
		return false // 科技部火炬中心“火炬-星企航科创行动”: its programme is meant
	}
	if e, _ := cr.r.tail.longest(cr.text, m.End, cr.c.End); e > 0 {
		return false
	}
	return true
}

// subjectBefore returns the entity of the last mention before pos in the
// clause, after the last trigger before pos, outside the partner spans,
// whose kind ok accepts (any kind when ok is nil); nil when there is none.
func (cr *clauseRelater) subjectBefore(pos int, partnerSpans []span, ok func(graph.Kind) bool) *entity {
	floor := cr.c.Start
	for _, q := range cr.cues {
		if q.End <= pos && q.End > floor && hasTrigger(q) {
			floor = q.End
		}
	}
	for i := len(cr.ms) - 1; i >= 0; i-- {
		m := cr.ms[i]
		if m.End > pos || m.ent == nil || m.enclave {
			continue
		}
		if m.Start < floor {
			break
		}
		if inSpans(m.span, partnerSpans) {
			continue
		}
		if ok == nil || ok(m.Kind) {
			return m.ent
		}
		return nil
	}
	return nil
}

// subjectsBefore is subjectBefore for a list: the subject and the names
// joined to it by separators before it (松江、嘉兴…合肥签署…). nil when there
// is no subject.
func (cr *clauseRelater) subjectsBefore(pos int, partnerSpans []span) []*entity {
	first := cr.subjectBefore(pos, partnerSpans, nil)
	if first == nil {
		if cr.partnerSubject != nil && cr.partnerEnd > 0 && pos >= cr.partnerEnd && pos <= cr.partnerEnd+2 {
			return []*entity{cr.partnerSubject}
		}
		return nil
	}
	out := []*entity{first}
	i := len(cr.ms) - 1
	for ; i >= 0 && cr.ms[i].ent != first; i-- {
	}
	for ; i > 0; i-- {
		prev, cur := cr.ms[i-1], cr.ms[i]
		if prev.ent == nil || prev.enclave || inSpans(prev.span, partnerSpans) || !cr.separated(prev.End, cur.Start) {
			break
		}
		out = append(out, prev.ent)
	}
	return out
}

// openingSubjects returns the list of names that opens the clause, when a
// trigger follows it or the clause opens its sentence; nil otherwise.
func (cr *clauseRelater) openingSubjects(first bool) []*entity {
	var out []*entity
	next := cr.c.Start
	for _, m := range cr.ms {
		if m.ent == nil || m.enclave || (m.Start != next && !cr.separated(next, m.Start)) {
			break
		}
		out = append(out, m.ent)
		next = m.End
	}
	if len(out) == 0 {
		return nil
	}
	// Names a closing trigger is said of (X、Y加快建设) are its objects,
	// not subjects the sentence's later clauses could borrow.
	for _, q := range cr.cues {
		if q.Start < next || !hasTrigger(q) {
			continue
		}
		if hasSide(q, "before") && cr.endsPhrase(q.End) {
			if _, start := cr.listBefore(q.Start); start < next {
				return nil // the list reaches back into the opening names
			}
		}
		break
	}
	// The topic of a sentence (台州湾科创走廊规划面积…,包括…) is its subject.
	if first && next < cr.c.End && !isBreak(cr.text[next]) {
		return out
	}
	for _, q := range cr.cues {
		if q.Start >= next && hasTrigger(q) {
			return out
		}
	}
	return nil
}

func inSpans(s span, spans []span) bool {
	for _, p := range spans {
		if s.Start >= p.Start && s.End <= p.End {
			return true
		}
	}
	return false
}

// enclaves handles 在X(、Y)设立科创飞地: the owner (the region written
// before 在, else the issuer) operates one enclave per host, named
// <owner><word>(<host>), which is located in its host.
func (cr *clauseRelater) enclaves() {
	for _, w := range cr.ms {
		if !w.enclave {
			continue
		}
		if w.host != nil {
			cr.enclaveAbroad(w)
			continue
		}
		var at *cue
		for qi := range cr.cues {
			q := &cr.cues[qi]
			if q.End <= w.Start && len(triggerRows(*q, lexicon.RoleAt)) > 0 {
				at = q
			}
		}
		if at == nil {
			continue
		}
		var hosts []mention
		for _, m := range cr.ms {
			if m.ent != nil && !m.enclave && m.Start >= at.End && m.End <= w.Start &&
				(m.Kind == graph.Region || m.Kind == graph.Platform) {
				hosts = append(hosts, m)
			}
		}
		if len(hosts) == 0 {
			continue
		}
		// Of nested places (城西科创大走廊核心区未来科技城) the last is the
		// host; a list (西湖区、滨江区) gives one enclave per item.
		keep := hosts[len(hosts)-1:]
		for k := len(hosts) - 2; k >= 0; k-- {
			if !cr.separated(hosts[k].End, keep[0].Start) {
				break
			}
			keep = append([]mention{hosts[k]}, keep...)
		}
		owner := cr.subjectBefore(at.Start, nil, func(k graph.Kind) bool { return k == graph.Region || k == graph.Enterprise })
		if owner == nil {
			owner = cr.issuer
		}
		if owner == nil {
			continue
		}
		// The status is the verb's: 设立了 is done, 推进…设立 is an aim.
		t := w.span
		for _, q := range cr.cues {
			if q.Start >= at.End && q.End <= w.Start && len(triggerRows(q, string(graph.Operates))) > 0 {
				t = q.span
			}
		}
		st := cr.status(t)
		for _, h := range keep {
			name := owner.Name + w.Name + "(" + h.ent.Name + ")"
			enc := cr.es.named(graph.Enclave, name)
			cr.add(graph.Operates, owner, enc, st)
			cr.add(graph.LocatedIn, enc, h.ent, st)
		}
	}
}

// enclaveAbroad handles an enclave word written after its host abroad
// (发挥美国硅谷孵化器等海外阵地的引才作用): the subject before it, else the
// issuer, operates it.
func (cr *clauseRelater) enclaveAbroad(w mention) {
	owner := cr.subjectBefore(w.Start, nil, func(k graph.Kind) bool { return k == graph.Region || k == graph.Enterprise })
	if owner == nil {
		owner = cr.issuer
	}
	if owner == nil {
		return
	}
	host := cr.es.fromEntry(cr.r, w.host[0].entry)
	st := cr.status(w.span)
	enc := cr.es.named(graph.Enclave, owner.Name+w.Name+"("+host.Name+")")
	cr.add(graph.Operates, owner, enc, st)
	cr.add(graph.LocatedIn, enc, host, st)
}

// separated reports whether text[a:b] only separates list items.
func (cr *clauseRelater) separated(a, b int) bool {
	if a == b {
		return true
	}
	if s, _ := cr.r.seps.longestBack(cr.text, b, a); s == a {
		return true
	}
	return b-a == 1 && cr.text[a] == '、'
}

// triggered handles the triggers that name their objects: 融入X, X建设,
// A核心区B, X落户Y, 建设X, 对接X.
func (cr *clauseRelater) triggered(partnerSpans []span) {
	for _, t := range cr.cues {
		if !hasTrigger(t) {
			continue
		}
		st := cr.status(t.span)
		done := map[string]bool{}
		for _, v := range t.vals {
			tr := v.trigger
			if tr == nil || done[tr.Kind+tr.Side] {
				continue
			}
			done[tr.Kind+tr.Side] = true
			k := graph.RelationKind(tr.Kind)
			switch {
			case k == graph.Operates || !k.Valid():
				// enclaves() and partners() handle these.
			case k == graph.CooperatesWith && tr.Side != "direct":
				// partners() handles these.
			case k == graph.PartOf && tr.Side == "parts":
				wholes := cr.subjectsBefore(t.Start, partnerSpans)
				if len(wholes) == 0 {
					wholes = cr.carried
				}
				for _, o := range cr.objectsAfter(t) {
					for _, w := range wholes {
						cr.add(graph.PartOf, o, w, st)
					}
				}
			case k == graph.PartOf:
				cr.partOf(t, st)
			case k == graph.LocatedIn:
				cr.locatedIn(t, st, partnerSpans)
			case tr.Side == "after" || tr.Side == "direct":
				subjects := cr.subjectsBefore(t.Start, partnerSpans)
				for _, o := range cr.objectsAfter(t) {
					cr.withSubjects(k, "after", t, subjects, o, st)
				}
			case tr.Side == "before" || tr.Side == "list":
				if tr.Side == "before" && !cr.endsPhrase(t.End) {
					continue // 建设世界一流高科技园区, 建设经验: 建设 is not said of the names before
				}
				list, start := cr.listBefore(t.Start)
				subjects := cr.subjectsBefore(start, partnerSpans)
				for _, o := range list {
					cr.withSubjects(k, tr.Side, t, subjects, o, st)
				}
			}
		}
	}
}

// withSubjects adds k from each subject (none written: the issuer) to o, if k is the kind
// of the first of t's rows on that side whose kind accepts the pair: 建设
// means JOINS before a corridor and BUILDS before a platform. A subject that
// is not a region acts with the issuer's support (支持万丰牵头成立…), so the
// issuer is credited as well.
func (cr *clauseRelater) withSubjects(k graph.RelationKind, side string, t cue, written []*entity, o *entity, st graph.Status) {
	lent := false
	if len(written) == 0 {
		written, lent = cr.carried, true
	}
	subjects := append([]*entity(nil), written...)
	if len(written) == 0 {
		subjects = []*entity{cr.issuer}
	} else if k == graph.Builds && written[0].Kind != graph.Region && cr.issuer != nil && (!lent || !cr.canAct(written, t, side, o)) {
		// Support is said in the clause of the one supported (支持万丰牵头成立…);
		// a topic lent by an earlier clause that can take the relation
		// (台州湾科创走廊…,联动…) acts alone.
		subjects = append(subjects, cr.issuer)
	}
	for _, s := range subjects {
		if s == nil {
			continue
		}
		for _, v := range t.vals {
			tr := v.trigger
			if tr == nil {
				continue
			}
			trSide := tr.Side
			if trSide == "direct" {
				trSide = "after"
			}
			rk := graph.RelationKind(tr.Kind)
			if trSide != side || rk == graph.Operates || !rk.Valid() || (rk == graph.CooperatesWith && tr.Side != "direct") {
				continue
			}
			if allowed(rk, s.Kind, o.Kind) {
				if rk == k {
					cr.add(k, s, o, st)
				}
				break
			}
		}
	}
}

// canAct reports whether one of subjects can take a relation of one of t's
// rows on side to o.
func (cr *clauseRelater) canAct(subjects []*entity, t cue, side string, o *entity) bool {
	for _, s := range subjects {
		for _, v := range t.vals {
			tr := v.trigger
			if tr == nil {
				continue
			}
			trSide := tr.Side
			if trSide == "direct" {
				trSide = "after"
			}
			if trSide == side && graph.RelationKind(tr.Kind).Valid() && allowed(graph.RelationKind(tr.Kind), s.Kind, o.Kind) {
				return true
			}
		}
	}
	return false
}

// listBefore returns the entities of the list of names that ends right
// before pos, and where the list starts. Between the list and pos there may
// be 等 and a few words (X、Y等新型研发机构建设), or quotes and markers
// (“环紫金港创新创业圈”已启动建设).
func (cr *clauseRelater) listBefore(pos int) ([]*entity, int) {
	var out []*entity
	next := pos
	for i := len(cr.ms) - 1; i >= 0; i-- {
		m := cr.ms[i]
		if m.End > next || m.enclave {
			continue
		}
		gapOK := m.End == next || cr.separated(m.End, next)
		if !gapOK && next == pos && pos-m.End <= 12 && cr.r.etc[cr.text[m.End]] {
			gapOK = true
		}
		if !gapOK && next == pos && pos-m.End <= 6 {
			gapOK = cr.markersOnly(m.End, pos)
		}
		if !gapOK || m.ent == nil {
			break
		}
		out = append(out, m.ent)
		next = m.Start
	}
	return out, next
}

// endsPhrase reports whether a trigger ending at pos closes its phrase, so
// that the names before it are what it is said of (X建设, X建设为重点):
// the clause ends, or a stop word other than a possessive follows.
func (cr *clauseRelater) endsPhrase(pos int) bool {
	if pos >= cr.c.End {
		return true
	}
	if isBreak(cr.text[pos]) {
		return true
	}
	if pos+1 < cr.c.End && cr.r.numerals[cr.text[pos]] && cr.r.classify[cr.text[pos+1]] {
		return false // 等建设一批概念验证中心: the names before build, not are built
	}
	// The stop trie is reversed: look for a stop word starting at pos.
	for e := pos + 1; e <= min(pos+4, cr.c.End); e++ {
		if s, _ := cr.r.stops.longestBack(cr.text, e, pos); s == pos {
			return !cr.r.possessive[cr.text[pos]] || e-pos > 1
		}
	}
	return false
}

func isQuote(c rune) bool {
	switch c {
	case '"', '\'', '“', '”', '‘', '’', '《', '》':
		return true
	}
	return false
}

// markersOnly reports whether text[a:b] holds only quotes and status
// markers (”已).
func (cr *clauseRelater) markersOnly(a, b int) bool {
	for i := a; i < b; {
		if isQuote(cr.text[i]) {
			i++
			continue
		}
		next := -1
		for _, q := range cr.cues {
			if q.Start == i && q.End <= b && !hasRow(q) {
				next = q.End
			}
		}
		if next < 0 {
			return false
		}
		i = next
	}
	return true
}

// partOf handles A核心区B: B is part of A.
func (cr *clauseRelater) partOf(t cue, st graph.Status) {
	var whole, part *entity
	for _, m := range cr.ms {
		if m.End == t.Start {
			whole = m.ent
		}
		if m.Start == t.End {
			part = m.ent
		}
	}
	cr.add(graph.PartOf, part, whole, st)
}

// locatedIn handles X(、Y)落户Z: each thing before the trigger is located
// in the first place after it, or in the issuer when none is written
// (相继落户: in the document's own region). A name that runs on into a
// longer phrase (清华大学浙江校友会) is a modifier, not the thing located.
func (cr *clauseRelater) locatedIn(t cue, st graph.Status, partnerSpans []span) {
	end := cr.c.End
	for _, q := range cr.cues {
		if q.Start >= t.End && hasTrigger(q) {
			end = q.Start
			break
		}
	}
	var place *entity
	for _, m := range cr.ms {
		if m.ent != nil && !m.enclave && m.Start >= t.End && m.End <= end && (m.Kind == graph.Region || m.Kind == graph.Platform) {
			place = m.ent
			break
		}
	}
	if place == nil {
		place = cr.issuer
	}
	floor := cr.c.Start
	for _, q := range cr.cues {
		if q.End <= t.Start && hasTrigger(q) && q.End > floor {
			floor = q.End
		}
	}
	for _, m := range cr.ms {
		if m.ent == nil || m.enclave || m.Start < floor || m.End > t.Start || inSpans(m.span, partnerSpans) {
			continue
		}
		if !cr.ends(m.End, t.Start) {
			continue
		}
		cr.add(graph.LocatedIn, m.ent, place, st)
	}
}

// ends reports whether a name ending at pos is a whole noun: what follows
// is a break, a list separator, 等, or the trigger at t.
func (cr *clauseRelater) ends(pos, t int) bool {
	if pos == t || pos >= cr.c.End {
		return true
	}
	c := cr.text[pos]
	if isBreak(c) || c == '、' || cr.r.etc[c] {
		return true
	}
	if s, _ := cr.r.seps.longestBack(cr.text, pos+1, pos); s == pos {
		return true
	}
	for _, q := range cr.cues {
		if q.Start == pos {
			return true
		}
	}
	return false
}
