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
		return in(from, graph.Region, graph.Platform) && in(to, graph.Corridor, graph.Alliance)
	case graph.Operates:
		return in(from, graph.Region, graph.Enterprise) && to == graph.Enclave
	case graph.CooperatesWith:
		return from.Valid() && to.Valid()
	case graph.Builds:
		return in(from, graph.Region, graph.Institution, graph.Enterprise) && in(to, graph.Platform, graph.Institution, graph.Alliance)
	}
	return false
}

// clauseRelater relates the mentions of one clause.
type clauseRelater struct {
	r        *rules
	text     []rune
	c        span
	ms       []mention // resolved, enclave words included, ordered
	cues     []cue
	issuer   *entity // nil when the document's issuer is unknown
	fallback graph.Status
	es       entities
	out      []fact
}

// relate appends to dst the facts the clause c states. ms are its resolved
// mentions; issuer is the implicit subject; fallback is the status when the
// clause has no marker (its section's, else PLANNED).
func (r *rules) relate(text []rune, c span, ms []mention, issuer *entity, fallback graph.Status, es entities, dst []fact) []fact {
	cr := clauseRelater{r: r, text: text, c: c, ms: ms, issuer: issuer, fallback: fallback, es: es, out: dst}
	cr.findCues()
	if len(cr.cues) == 0 {
		return dst
	}
	partnerSpans := cr.partners()
	cr.enclaves()
	cr.triggered(partnerSpans)
	return cr.out
}

// findCues collects trigger words and markers that are not inside a name.
func (cr *clauseRelater) findCues() {
	mi := 0
	for i := cr.c.Start; i < cr.c.End; i++ {
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

func (cr *clauseRelater) add(k graph.RelationKind, from, to *entity, st graph.Status) {
	if from == nil || to == nil || from == to || !allowed(k, from.Kind, to.Kind) {
		return
	}
	cr.out = append(cr.out, fact{Kind: k, From: from, To: to, Status: st, span: cr.c})
}

// status is the status of a relation stated by the trigger t: a marker
// right after it (设立了), else the marker nearest before it in the clause,
// else the fallback.
func (cr *clauseRelater) status(t span) graph.Status {
	best, bestStart := graph.Status(""), -1
	for _, q := range cr.cues {
		for _, v := range q.vals {
			m := v.marker
			if m == nil {
				continue
			}
			if m.Position == "after" && q.Start == t.End {
				return m.Status
			}
			if m.Position == "before" && q.Start <= t.Start && q.Start > bestStart {
				best, bestStart = m.Status, q.Start
			}
		}
	}
	if best != "" {
		return best
	}
	return cr.fallback
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

func hasTrigger(q cue) bool {
	for _, v := range q.vals {
		if v.trigger != nil && v.trigger.Kind != lexicon.RolePartner && v.trigger.Kind != lexicon.RoleAt {
			return true
		}
	}
	return false
}

// partners handles 与X、Y合作: the issuer (or the subject written before
// 与) cooperates with every name between the preposition and the first
// cooperation trigger after it. It returns the spans it read as partners,
// which are no one's subject.
func (cr *clauseRelater) partners() []span {
	var spans []span
	for pi, p := range cr.cues {
		if len(triggerRows(p, lexicon.RolePartner)) == 0 {
			continue
		}
		var t *cue
		for qi := pi + 1; qi < len(cr.cues); qi++ {
			if len(triggerRows(cr.cues[qi], string(graph.CooperatesWith))) > 0 {
				t = &cr.cues[qi]
				break
			}
		}
		if t == nil {
			continue
		}
		subject := cr.subjectBefore(p.Start, spans, nil)
		if subject == nil {
			subject = cr.issuer
		}
		st := cr.status(t.span)
		found := false
		for _, m := range cr.ms {
			if m.ent != nil && m.Start >= p.End && m.End <= t.Start {
				cr.add(graph.CooperatesWith, subject, m.ent, st)
				found = true
			}
		}
		if found {
			spans = append(spans, span{p.End, t.Start})
		}
	}
	return spans
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
// A核心区B, X落户Y, 建设X.
func (cr *clauseRelater) triggered(partnerSpans []span) {
	for ti, t := range cr.cues {
		if !hasTrigger(t) {
			continue
		}
		end := cr.c.End
		for _, q := range cr.cues[ti+1:] {
			if q.Start >= t.End && hasTrigger(q) {
				end = q.Start
				break
			}
		}
		st := cr.status(t.span)
		for _, v := range t.vals {
			tr := v.trigger
			if tr == nil {
				continue
			}
			k := graph.RelationKind(tr.Kind)
			switch {
			case k == graph.CooperatesWith || k == graph.Operates || !k.Valid():
				// partners() and enclaves() handle these.
			case k == graph.PartOf:
				cr.partOf(t, st)
			case k == graph.LocatedIn:
				cr.locatedIn(t, end, st, partnerSpans)
			case tr.Side == "after":
				for _, m := range cr.ms {
					if m.ent != nil && !m.enclave && m.Start >= t.End && m.End <= end {
						cr.withSubject(k, tr.Side, t, m.ent, st, partnerSpans)
					}
				}
			case tr.Side == "before":
				for _, o := range cr.listBefore(t.Start) {
					cr.withSubject(k, tr.Side, t, o, st, partnerSpans)
				}
			}
		}
	}
}

// withSubject adds k from the subject of t (or the issuer) to o, if this
// row is the first of t's rows whose kind accepts the pair: a word like 建设
// means JOINS before a corridor and BUILDS before a platform.
func (cr *clauseRelater) withSubject(k graph.RelationKind, side string, t cue, o *entity, st graph.Status, partnerSpans []span) {
	subject := cr.subjectBefore(t.Start, partnerSpans, nil)
	explicit := subject != nil
	if !explicit {
		subject = cr.issuer
	}
	if subject == nil {
		return
	}
	for _, v := range t.vals {
		tr := v.trigger
		if tr == nil {
			continue
		}
		rk := graph.RelationKind(tr.Kind)
		if tr.Side != side || rk == graph.CooperatesWith || rk == graph.Operates || !rk.Valid() {
			continue
		}
		if allowed(rk, subject.Kind, o.Kind) {
			if rk == k {
				cr.add(k, subject, o, st)
			}
			return
		}
	}
}

// listBefore returns the entities of the list of names that ends right
// before pos (or before 等 and a few words: X、Y等新型研发机构建设).
func (cr *clauseRelater) listBefore(pos int) []*entity {
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
		if !gapOK || m.ent == nil {
			break
		}
		out = append(out, m.ent)
		next = m.Start
	}
	return out
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
// (相继落户: in the document's own region).
func (cr *clauseRelater) locatedIn(t cue, end int, st graph.Status, partnerSpans []span) {
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
		if m.ent != nil && !m.enclave && m.Start >= floor && m.End <= t.Start && !inSpans(m.span, partnerSpans) {
			cr.add(graph.LocatedIn, m.ent, place, st)
		}
	}
}
