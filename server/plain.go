package server

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/collabgraph/collabgraph/graph"
)

// plainEntity is the baseline of the HTTP benchmark: what a hand-written
// net/http JSON endpoint answers for entity(id){id name kind}, over the
// same store, behind the same middleware. The gap between it and
// /graphql is what GraphQL costs.
func (s *Server) plainEntity(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	e, err := s.opts.Store.Entity(r.Context(), id)
	var out struct {
		Data struct {
			Entity *struct {
				ID   string     `json:"id"`
				Name string     `json:"name"`
				Kind graph.Kind `json:"kind"`
			} `json:"entity"`
		} `json:"data"`
	}
	switch {
	case errors.Is(err, graph.ErrNotFound):
	case err != nil:
		plain(w, http.StatusInternalServerError, "internal error\n")
		return
	default:
		out.Data.Entity = &struct {
			ID   string     `json:"id"`
			Name string     `json:"name"`
			Kind graph.Kind `json:"kind"`
		}{e.ID, e.Name, e.Kind}
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(out)
}
