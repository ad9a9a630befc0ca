// Package synth generates large synthetic graphs shaped like the corpus,
// for benchmarks and load tests: the kinds in realistic shares, a region
// hierarchy, heavy-tailed degrees and evidence on every relation. The
// same arguments always give the same graph.
package synth

import (
	"bufio"
	_ "embed"
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/collabgraph/collabgraph/graph"
)

//go:embed words.tsv
var wordsTSV string

type words struct {
	stems    []string
	suffixes map[string][]string // by kind or region level
	verbs    map[graph.RelationKind]string
}

func loadWords() *words {
	w := &words{suffixes: map[string][]string{}, verbs: map[graph.RelationKind]string{}}
	sc := bufio.NewScanner(strings.NewReader(wordsTSV))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			panic(fmt.Sprintf("synth: words.tsv: bad line %q", line)) // embedded: a broken build
		}
		switch f[0] {
		case "stem":
			w.stems = strings.Fields(f[2])
		case "suffix":
			w.suffixes[f[1]] = strings.Fields(f[2])
		case "verb":
			w.verbs[graph.RelationKind(f[1])] = f[2]
		}
	}
	return w
}

// share is each kind's part of the entities, in per mille, after the
// seeds: enterprises and institutions are many, corridors few.
var share = []struct {
	kind     graph.Kind
	perMille int
}{
	{graph.Region, 100},
	{graph.Corridor, 5},
	{graph.Platform, 200},
	{graph.Enclave, 50},
	{graph.Institution, 200},
	{graph.Enterprise, 400},
	{graph.Alliance, 45},
}

// relationShare is each relation kind's part of the relations that are
// not hierarchy or enclave bookkeeping, in per mille.
var relationShare = []struct {
	kind     graph.RelationKind
	perMille int
}{
	{graph.LocatedIn, 300},
	{graph.Joins, 150},
	{graph.CooperatesWith, 350},
	{graph.Builds, 170},
	{graph.PartOf, 30}, // platform → corridor or platform
}

// ends lists which kinds a relation may start and end at, after the
// ontology's table.
var ends = map[graph.RelationKind][2][]graph.Kind{
	graph.PartOf:         {{graph.Platform}, {graph.Corridor, graph.Platform}},
	graph.LocatedIn:      {{graph.Platform, graph.Institution, graph.Enterprise}, {graph.Region, graph.Platform}},
	graph.Joins:          {{graph.Region, graph.Platform}, {graph.Corridor, graph.Alliance}},
	graph.CooperatesWith: {graph.Kinds, graph.Kinds},
	graph.Builds:         {{graph.Region, graph.Institution, graph.Enterprise}, {graph.Platform, graph.Institution, graph.Alliance}},
}

// Generate returns a graph of n entities and about m relations (fewer only
// when the kinds leave no room for m distinct ones), made from seed.
//
// Regions form a tree of provinces, cities, districts and counties, and
// towns, each PART_OF its parent. Every enclave is OPERATED by a region or
// an enterprise and LOCATED_IN another region. The other relations pick
// their ends by preferential attachment: half the time an entity in
// proportion to the relations it already has, so degrees follow a power
// law as in Barabási–Albert graphs, and half the time uniformly. Each
// relation has one or two pieces of evidence in one of m/500 documents
// (at least one), dated 2015 to 2024. Ids are made by graph.EntityID and
// graph.RelationID, as the loader makes them.
//
// It takes O(n + m) time and memory; 100,000 entities and 1,000,000
// relations take about 4 s and 270 MB of heap.
func Generate(n, m int, seed uint64) *graph.Graph {
	w := loadWords()
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	gen := &generator{w: w, rng: rng, byKind: map[graph.Kind][]int{}, bag: map[graph.Kind][]int{}, relIDs: map[string]bool{}}

	ndocs := max(1, m/500)
	g := &graph.Graph{Documents: make([]graph.Document, ndocs), Entities: make([]graph.Entity, 0, n), Relations: make([]graph.Relation, 0, m), Errors: []graph.LoadError{}}
	for i := range g.Documents {
		year := 2015 + i%10
		g.Documents[i] = graph.Document{
			ID: fmt.Sprintf("synth_%05d", i), File: fmt.Sprintf("synth/synth_%05d.txt", i),
			Title: fmt.Sprintf("synthetic document %d", i), Date: fmt.Sprintf("%d-%02d-01", year, 1+i%12),
		}
	}
	gen.g = g

	// Entities: kinds by share, the remainder to enterprises.
	counts := map[graph.Kind]int{}
	total := 0
	for _, s := range share {
		counts[s.kind] = n * s.perMille / 1000
		total += counts[s.kind]
	}
	counts[graph.Enterprise] += n - total
	if n > 0 && counts[graph.Region] == 0 {
		counts[graph.Region], counts[graph.Enterprise] = 1, counts[graph.Enterprise]-1
	}
	gen.regions(counts[graph.Region], m)
	for _, s := range share[1:] {
		for range counts[s.kind] {
			gen.entity(s.kind, "")
		}
	}

	// Enclaves: an owner and a host each.
	for _, e := range gen.byKind[graph.Enclave] {
		if len(g.Relations)+2 > m {
			break
		}
		ownerKinds := []graph.Kind{graph.Region, graph.Region, graph.Region, graph.Enterprise}
		owner := gen.pick(ownerKinds[rng.IntN(len(ownerKinds))])
		host := gen.pick(graph.Region)
		if owner >= 0 {
			gen.relate(graph.Operates, owner, e)
		}
		if host >= 0 && host != owner {
			gen.relate(graph.LocatedIn, e, host)
		}
	}

	// The rest, by share, with a bound on attempts so a tiny graph that
	// cannot hold m distinct relations still ends.
	for attempts := 0; len(g.Relations) < m && attempts < 4*m+100; attempts++ {
		kind := gen.relationKind()
		from := gen.pickOf(ends[kind][0])
		to := gen.pickOf(ends[kind][1])
		if from < 0 || to < 0 || from == to {
			continue
		}
		gen.relate(kind, from, to)
	}
	return g
}

type generator struct {
	w      *words
	rng    *rand.Rand
	g      *graph.Graph
	byKind map[graph.Kind][]int // entity indexes of each kind
	bag    map[graph.Kind][]int // an index once per relation it has: drawing from it favours hubs
	relIDs map[string]bool
	names  int
}

// regions builds the hierarchy: about 1% provinces, 9% cities, 60%
// districts and counties, 30% towns, each PART_OF a random region one
// tier up.
func (gen *generator) regions(count, m int) {
	tiers := []struct {
		levels   []string
		perMille int
	}{{[]string{"province"}, 10}, {[]string{"city"}, 90}, {[]string{"district", "county"}, 600}, {[]string{"town"}, 300}}
	var parents []int
	made := 0
	for ti, tier := range tiers {
		k := max(1, count*tier.perMille/1000)
		if ti == len(tiers)-1 {
			k = count - made
		}
		k = min(k, count-made)
		these := make([]int, 0, k)
		for range k {
			i := gen.entity(graph.Region, tier.levels[gen.rng.IntN(len(tier.levels))])
			these = append(these, i)
			if len(parents) > 0 && len(gen.g.Relations) < m {
				gen.relate(graph.PartOf, i, parents[gen.rng.IntN(len(parents))])
			}
		}
		made += k
		if len(these) > 0 {
			parents = these
		}
	}
}

func (gen *generator) entity(kind graph.Kind, level string) int {
	sfx := gen.w.suffixes[string(kind)]
	if kind == graph.Region {
		sfx = gen.w.suffixes[level]
	}
	st := gen.w.stems
	gen.names++
	// A number keeps every name, and so every id, distinct.
	name := st[gen.rng.IntN(len(st))] + st[gen.rng.IntN(len(st))] + fmt.Sprint(gen.names) + sfx[gen.rng.IntN(len(sfx))]
	e := graph.Entity{ID: graph.EntityID(kind, name), Name: name, Kind: kind, Aliases: []string{}, Level: level}
	if kind == graph.Region {
		e.Code = fmt.Sprintf("%06d", 100000+gen.names)
	}
	gen.g.Entities = append(gen.g.Entities, e)
	i := len(gen.g.Entities) - 1
	gen.byKind[kind] = append(gen.byKind[kind], i)
	return i
}

func (gen *generator) relationKind() graph.RelationKind {
	x := gen.rng.IntN(1000)
	for _, s := range relationShare {
		if x < s.perMille {
			return s.kind
		}
		x -= s.perMille
	}
	return graph.CooperatesWith
}

// pickOf picks an entity of one of kinds, the kind in proportion to how
// many entities it has.
func (gen *generator) pickOf(kinds []graph.Kind) int {
	total := 0
	for _, k := range kinds {
		total += len(gen.byKind[k])
	}
	if total == 0 {
		return -1
	}
	x := gen.rng.IntN(total)
	for _, k := range kinds {
		if x < len(gen.byKind[k]) {
			return gen.pick(k)
		}
		x -= len(gen.byKind[k])
	}
	return -1
}

// pick picks an entity of kind: by degree half the time, else uniformly.
func (gen *generator) pick(kind graph.Kind) int {
	if bag := gen.bag[kind]; len(bag) > 0 && gen.rng.IntN(2) == 0 {
		return bag[gen.rng.IntN(len(bag))]
	}
	all := gen.byKind[kind]
	if len(all) == 0 {
		return -1
	}
	return all[gen.rng.IntN(len(all))]
}

func (gen *generator) relate(kind graph.RelationKind, from, to int) {
	ef, et := &gen.g.Entities[from], &gen.g.Entities[to]
	id := graph.RelationID(kind, ef.ID, et.ID)
	if gen.relIDs[id] {
		return
	}
	gen.relIDs[id] = true
	r := graph.Relation{ID: id, Kind: kind, From: ef.ID, To: et.ID, Status: graph.Established}
	if kind.Symmetric() && r.To < r.From {
		r.From, r.To = r.To, r.From
	}
	if gen.rng.IntN(10) < 3 {
		r.Status = graph.Planned
	}
	text := ef.Name + gen.w.verbs[kind] + et.Name
	nev := 1 + gen.rng.IntN(100)/90 // one in ten has two
	docs := gen.g.Documents
	for range nev {
		d := &docs[gen.rng.IntN(len(docs))]
		start := gen.rng.IntN(20000)
		r.Evidence = append(r.Evidence, graph.Evidence{Document: d.ID, Text: text, Start: start, End: start + len([]rune(text)), Status: r.Status})
		if y := d.Year(); r.Year == 0 || y < r.Year {
			r.Year = y
		}
	}
	gen.g.Relations = append(gen.g.Relations, r)
	gen.bag[ef.Kind] = append(gen.bag[ef.Kind], from)
	gen.bag[et.Kind] = append(gen.bag[et.Kind], to)
}
