package graph

import (
	"slices"
)

// ExactBetweennessLimit is the most entities BetweennessFor computes exact
// betweenness for. Brandes' O(V·E) is about a second at this size; a
// synthetic graph of 100,000 entities and a million relations would take
// hours.
const ExactBetweennessLimit = 5000

// BetweennessPivots is how many sources BetweennessFor samples above
// ExactBetweennessLimit.
const BetweennessPivots = 64

// BetweennessFor returns Betweenness(g) when g has at most
// ExactBetweennessLimit entities, and ApproxBetweenness(g,
// BetweennessPivots) otherwise.
func BetweennessFor(g *Graph) map[string]float64 {
	if len(g.Entities) <= ExactBetweennessLimit {
		return Betweenness(g)
	}
	return ApproxBetweenness(g, BetweennessPivots)
}

// ApproxBetweenness estimates Betweenness(g) from pivots sources instead
// of all of them, scaling each sum by V/pivots (Brandes and Pich 2007,
// "Centrality estimation in large networks", uniform pivots). The pivots
// are spread evenly over the entities in id order, so the estimate is
// deterministic. With pivots >= V it equals Betweenness. O(pivots·(V+E))
// time, O(V+E) space.
func ApproxBetweenness(g *Graph, pivots int) map[string]float64 {
	n := len(g.Entities)
	ids := make([]string, n)
	for i, e := range g.Entities {
		ids[i] = e.ID
	}
	slices.Sort(ids)
	index := make(map[string]int32, n)
	for i, id := range ids {
		index[id] = int32(i)
	}
	// Compressed adjacency: neighbours of v are nbr[start[v]:start[v+1]].
	deg := make([]int32, n+1)
	type edge struct{ a, b int32 }
	edges := make([]edge, 0, len(g.Relations))
	for _, r := range g.Relations {
		a, okA := index[r.From]
		b, okB := index[r.To]
		if !okA || !okB || a == b {
			continue
		}
		edges = append(edges, edge{a, b})
		deg[a]++
		deg[b]++
	}
	start := make([]int32, n+1)
	for v := 0; v < n; v++ {
		start[v+1] = start[v] + deg[v]
	}
	nbr := make([]int32, start[n])
	fill := slices.Clone(start[:n])
	for _, e := range edges {
		nbr[fill[e.a]] = e.b
		fill[e.a]++
		nbr[fill[e.b]] = e.a
		fill[e.b]++
	}
	// Two relations between one pair are one edge, as in Betweenness.
	for v := 0; v < n; v++ {
		s := nbr[start[v]:start[v+1]]
		slices.Sort(s)
		u := slices.Compact(s)
		for i := len(u); i < len(s); i++ {
			s[i] = -1
		}
	}

	if pivots <= 0 || pivots > n {
		pivots = n
	}
	cb := make([]float64, n)
	sigma := make([]float64, n)
	dist := make([]int32, n)
	delta := make([]float64, n)
	order := make([]int32, 0, n) // BFS order; reversed, it is Brandes' stack
	for p := 0; p < pivots; p++ {
		s := int32(p * n / pivots)
		for i := range n {
			sigma[i], dist[i], delta[i] = 0, -1, 0
		}
		sigma[s], dist[s] = 1, 0
		order = append(order[:0], s)
		for head := 0; head < len(order); head++ {
			v := order[head]
			for _, w := range nbr[start[v]:start[v+1]] {
				if w < 0 {
					break
				}
				if dist[w] < 0 {
					dist[w] = dist[v] + 1
					order = append(order, w)
				}
				if dist[w] == dist[v]+1 {
					sigma[w] += sigma[v]
				}
			}
		}
		// Predecessors are the neighbours one step nearer s, so they need
		// no lists of their own.
		for i := len(order) - 1; i > 0; i-- {
			w := order[i]
			for _, v := range nbr[start[w]:start[w+1]] {
				if v < 0 {
					break
				}
				if dist[v] == dist[w]-1 {
					delta[v] += sigma[v] / sigma[w] * (1 + delta[w])
				}
			}
			cb[w] += delta[w]
		}
	}
	norm := 1.0
	if n > 2 {
		norm = float64((n-1)*(n-2)) / 2
	}
	scale := float64(n) / float64(pivots)
	out := make(map[string]float64, n)
	for i, id := range ids {
		out[id] = cb[i] * scale / 2 / norm
	}
	return out
}
