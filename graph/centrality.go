package graph

import "sort"

// Betweenness returns each entity's betweenness centrality in g, reading
// every relation as an undirected, unweighted edge, normalised to [0, 1]
// by the number of pairs of other entities. It follows Brandes (2001),
// "A faster algorithm for betweenness centrality": O(V·E) time, O(V+E) space.
// Stores compute it once at load, since no query language we target can.
func Betweenness(g *Graph) map[string]float64 {
	index := make(map[string]int, len(g.Entities))
	ids := make([]string, len(g.Entities))
	for i, e := range g.Entities {
		index[e.ID] = i
		ids[i] = e.ID
	}
	adj := make([][]int, len(ids))
	for _, r := range g.Relations {
		a, okA := index[r.From]
		b, okB := index[r.To]
		if !okA || !okB || a == b {
			continue
		}
		adj[a] = append(adj[a], b)
		adj[b] = append(adj[b], a)
	}
	for i := range adj {
		sort.Ints(adj[i])
		adj[i] = dedupInts(adj[i])
	}

	n := len(ids)
	cb := make([]float64, n)
	sigma := make([]float64, n)
	dist := make([]int, n)
	delta := make([]float64, n)
	preds := make([][]int, n)
	stack := make([]int, 0, n)
	queue := make([]int, 0, n)
	for s := 0; s < n; s++ {
		stack = stack[:0]
		for i := range n {
			sigma[i], dist[i], delta[i], preds[i] = 0, -1, 0, preds[i][:0]
		}
		sigma[s], dist[s] = 1, 0
		queue = append(queue[:0], s)
		for len(queue) > 0 {
			v := queue[0]
			queue = queue[1:]
			stack = append(stack, v)
			for _, w := range adj[v] {
				if dist[w] < 0 {
					dist[w] = dist[v] + 1
					queue = append(queue, w)
				}
				if dist[w] == dist[v]+1 {
					sigma[w] += sigma[v]
					preds[w] = append(preds[w], v)
				}
			}
		}
		for i := len(stack) - 1; i >= 0; i-- {
			w := stack[i]
			for _, v := range preds[w] {
				delta[v] += sigma[v] / sigma[w] * (1 + delta[w])
			}
			if w != s {
				cb[w] += delta[w]
			}
		}
	}
	out := make(map[string]float64, n)
	// Each undirected pair was counted from both ends.
	norm := 1.0
	if n > 2 {
		norm = float64((n-1)*(n-2)) / 2
	}
	for i, id := range ids {
		out[id] = cb[i] / 2 / norm
	}
	return out
}

func dedupInts(s []int) []int {
	if len(s) < 2 {
		return s
	}
	j := 1
	for i := 1; i < len(s); i++ {
		if s[i] != s[j-1] {
			s[j] = s[i]
			j++
		}
	}
	return s[:j]
}
