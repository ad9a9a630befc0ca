//go:build devserve

// Command devserve serves the page with the API over the store contract's
// fixture graph, for working on the page before the real server is wired.
// It is not what the browser tests run against: scripts/e2e.sh runs the
// real collabgraph binary on the seeds.
//
//	go run -tags devserve ./web/e2e/devserve -addr 127.0.0.1:8099
package main

import (
	"context"
	"encoding/json"
	"flag"
	"log"
	"net/http"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/executor"

	"github.com/collabgraph/collabgraph/graph/api"
	"github.com/collabgraph/collabgraph/graph/memstore"
	"github.com/collabgraph/collabgraph/graph/storetest"
	"github.com/collabgraph/collabgraph/web"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8099", "listen address")
	flag.Parse()
	store := memstore.New()
	if err := store.Replace(context.Background(), storetest.Fixture()); err != nil {
		log.Fatal(err)
	}
	exec := executor.New(api.NewSchema(store))
	exec.AroundOperations(api.Loaders(store))
	mux := http.NewServeMux()
	// The POST transport by hand: gqlgen's handler package pulls modules
	// go.sum does not list yet, and go.mod is shared.
	mux.HandleFunc("POST /graphql", func(w http.ResponseWriter, r *http.Request) {
		var params graphql.RawParams
		dec := json.NewDecoder(r.Body)
		dec.UseNumber() // as gqlgen's transport does: Int arguments must not arrive as float64
		if err := dec.Decode(&params); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		ctx := graphql.StartOperationTrace(r.Context())
		w.Header().Set("Content-Type", "application/json")
		oc, errs := exec.CreateOperationContext(ctx, &params)
		if errs != nil {
			w.WriteHeader(http.StatusUnprocessableEntity)
			json.NewEncoder(w).Encode(exec.DispatchError(graphql.WithOperationContext(ctx, oc), errs))
			return
		}
		handle, ctx := exec.DispatchOperation(ctx, oc)
		json.NewEncoder(w).Encode(handle(ctx))
	})
	mux.Handle("/", web.Handler())
	log.Printf("devserve: http://%s/", *addr)
	log.Fatal(http.ListenAndServe(*addr, mux))
}
