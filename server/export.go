package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/collabgraph/collabgraph/export"
	"github.com/collabgraph/collabgraph/graph"
)

// Export limits: a neighbourhood export reads like the API's
// neighborhood(), with a larger entity cap since a file is not drawn.
const (
	exportMaxDepth = 3
	exportLimit    = 5000
	exportPageSize = 1000
)

// export serves the whole graph, or with ?center=ID&depth=N the
// neighbourhood of one entity, as a file to download.
// Served at "/export" + format.Ext(): /export.graphml, /export.gexf,
// /export.csv (relations), /export.nodes.csv (entities), /export.json.
func (s *Server) export(format export.Format) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		center := q.Get("center")
		depth := 1
		if d := q.Get("depth"); d != "" {
			n, err := strconv.Atoi(d)
			if err != nil || n < 0 || n > exportMaxDepth {
				plain(w, http.StatusBadRequest, fmt.Sprintf("depth: want an integer in [0, %d]\n", exportMaxDepth))
				return
			}
			depth = n
		}
		var (
			g    *graph.Graph
			err  error
			name = "collabgraph"
		)
		if center == "" {
			g, err = wholeGraph(r.Context(), s.opts.Store)
		} else {
			if len(center) > 256 {
				plain(w, http.StatusBadRequest, "center: id too long\n")
				return
			}
			g, err = neighborhoodGraph(r.Context(), s.opts.Store, center, depth)
			name = fmt.Sprintf("collabgraph-%s-depth%d", fileSafe(center), depth)
		}
		switch {
		case errors.Is(err, graph.ErrNotFound):
			plain(w, http.StatusNotFound, fmt.Sprintf("no entity with id %q\n", center))
			return
		case errors.Is(err, context.DeadlineExceeded):
			plain(w, http.StatusGatewayTimeout, "export took longer than the time limit\n")
			return
		case err != nil:
			s.log.ErrorContext(r.Context(), "server: export", "format", format, "center", center, "err", err)
			plain(w, http.StatusInternalServerError, "internal error\n")
			return
		}
		// Write to a buffer first, so a failing encoder still gets a
		// clean 500 rather than half a file with a 200.
		var buf bytes.Buffer
		if err := export.Write(&buf, format, g); err != nil {
			s.log.ErrorContext(r.Context(), "server: export", "format", format, "err", err)
			plain(w, http.StatusInternalServerError, "internal error\n")
			return
		}
		w.Header().Set("Content-Type", format.ContentType())
		w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s%s"`, name, format.Ext()))
		w.Header().Set("X-Content-Type-Options", "nosniff")
		_, _ = w.Write(buf.Bytes())
	}
}

// fileSafe keeps an id usable in a file name.
func fileSafe(id string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return '_'
	}, id)
}

// wholeGraph reads the store's whole graph through the Store interface,
// so it works alike over memstore and Neo4j: entities page by page, the
// relations of each page, every document.
func wholeGraph(ctx context.Context, st graph.Store) (*graph.Graph, error) {
	g := &graph.Graph{}
	seen := make(map[string]bool)
	after := ""
	for {
		page, err := st.FindEntities(ctx, graph.EntityFilter{}, exportPageSize, after)
		if err != nil {
			return nil, err
		}
		ids := make([]string, len(page.Entities))
		for i, e := range page.Entities {
			ids[i] = e.ID
			g.Entities = append(g.Entities, *e)
		}
		// Out from every entity reaches every relation; a symmetric one
		// matches from both ends, hence seen.
		rels, err := st.RelationsOf(ctx, ids, graph.RelationFilter{Direction: graph.Out})
		if err != nil {
			return nil, err
		}
		for _, rs := range rels {
			for _, r := range rs {
				if !seen[r.ID] {
					seen[r.ID] = true
					g.Relations = append(g.Relations, *r)
				}
			}
		}
		if !page.HasNext || len(page.Entities) == 0 {
			break
		}
		after = page.Entities[len(page.Entities)-1].ID
	}
	sort.Slice(g.Relations, func(i, j int) bool { return g.Relations[i].ID < g.Relations[j].ID })
	docs, err := st.Documents(ctx, nil)
	if err != nil {
		return nil, err
	}
	for _, d := range docs {
		if d != nil {
			g.Documents = append(g.Documents, *d)
		}
	}
	if g.Errors, err = st.LoadErrors(ctx); err != nil {
		return nil, err
	}
	return g, nil
}

// neighborhoodGraph is the subgraph around center as a Graph, with the
// documents its evidence cites.
func neighborhoodGraph(ctx context.Context, st graph.Store, center string, depth int) (*graph.Graph, error) {
	sg, err := st.Neighborhood(ctx, graph.NeighborhoodQuery{Center: center, Depth: depth, Limit: exportLimit})
	if err != nil {
		return nil, err
	}
	cited := make(map[string]bool)
	var docIDs []string
	for _, r := range sg.Relations {
		for _, ev := range r.Evidence {
			if !cited[ev.Document] {
				cited[ev.Document] = true
				docIDs = append(docIDs, ev.Document)
			}
		}
	}
	sort.Strings(docIDs)
	var docs []*graph.Document
	if len(docIDs) > 0 {
		if docs, err = st.Documents(ctx, docIDs); err != nil {
			return nil, err
		}
	}
	return export.SubgraphGraph(sg, docs), nil
}
