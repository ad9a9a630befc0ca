// Package server serves collabgraph over HTTP: the GraphQL API at
// /graphql with its limits, the GraphiQL IDE bundled into the binary,
// health and readiness probes, Prometheus metrics, exports of the graph,
// and the web page at /.
package server

import (
	"context"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/collabgraph/collabgraph/export"
	"github.com/collabgraph/collabgraph/graph"
)

// Options configure a Server. Zero values take the defaults named.
type Options struct {
	Store graph.Store
	Log   *slog.Logger // default: discard

	// Page is the web page served at /; nil serves a plain 404 naming the
	// endpoints.
	Page http.Handler

	// CORSOrigins may read the API from a browser on another origin:
	// exact origins ("https://example.org") or "*". Default none.
	CORSOrigins []string

	Timeout         time.Duration // per request; default DefaultTimeout
	MaxBodyBytes    int64         // POST body and GET query; default DefaultMaxBodyBytes
	ComplexityLimit int           // default DefaultComplexityLimit
	MaxDepth        int           // selection depth; default DefaultMaxDepth
	MaxRootFields   int           // root fields, aliases included; default DefaultMaxRootFields
	MaxFields       int           // fields in all; default DefaultMaxFields
	QueryCacheSize  int           // parsed queries kept; default 1000
	MaxInFlight     int           // GraphQL requests served at once; default DefaultMaxInFlight

	// Registry receives the metrics; nil makes a fresh one, so two
	// servers in one process (tests) do not collide.
	Registry *prometheus.Registry

	// BenchPlain adds GET /plain/entity?id=: a plain net/http handler over
	// the same store, the baseline scripts/loadtest.sh compares against.
	BenchPlain bool
}

// The defaults; docs/api.md explains each.
const (
	DefaultTimeout         = 10 * time.Second
	DefaultMaxBodyBytes    = 64 << 10
	DefaultComplexityLimit = 20000
	DefaultMaxDepth        = 12
	DefaultMaxRootFields   = 100
	DefaultMaxFields       = 1000
	DefaultMaxInFlight     = 256
)

// Server is the HTTP handler of collabgraph.
type Server struct {
	opts    Options
	log     *slog.Logger
	metrics *metrics
	reg     *prometheus.Registry
	handler http.Handler
	ready   atomic.Bool
}

// New returns a Server over opts.Store. It answers /healthz at once and
// /readyz only after MarkLoaded.
func New(opts Options) *Server {
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if opts.ComplexityLimit <= 0 {
		opts.ComplexityLimit = DefaultComplexityLimit
	}
	if opts.MaxDepth <= 0 {
		opts.MaxDepth = DefaultMaxDepth
	}
	if opts.MaxRootFields <= 0 {
		opts.MaxRootFields = DefaultMaxRootFields
	}
	if opts.MaxFields <= 0 {
		opts.MaxFields = DefaultMaxFields
	}
	if opts.MaxInFlight <= 0 {
		opts.MaxInFlight = DefaultMaxInFlight
	}
	if opts.QueryCacheSize <= 0 {
		opts.QueryCacheSize = 1000
	}
	if opts.Registry == nil {
		opts.Registry = prometheus.NewRegistry()
	}
	s := &Server{opts: opts, log: opts.Log, reg: opts.Registry}
	s.metrics = newMetrics(opts.Registry)

	mux := http.NewServeMux()
	mux.Handle("/graphql", s.routed(s.limitInFlight(opts.MaxInFlight, s.guardGraphQL(s.newGraphQL()))))
	mux.Handle("GET /graphiql", s.routed(graphiqlPage()))
	mux.Handle("GET /graphiql/", s.routed(graphiqlAssets()))
	mux.Handle("GET /healthz", s.routed(http.HandlerFunc(s.healthz)))
	mux.Handle("GET /readyz", s.routed(http.HandlerFunc(s.readyz)))
	mux.Handle("GET /metrics", s.routed(promhttp.HandlerFor(opts.Registry, promhttp.HandlerOpts{})))
	for _, f := range export.Formats {
		mux.Handle("GET /export"+f.Ext(), s.routed(s.export(f)))
	}
	if opts.BenchPlain {
		mux.Handle("GET /plain/entity", s.routed(http.HandlerFunc(s.plainEntity)))
	}
	mux.Handle("/", s.routed(s.page()))

	var h http.Handler = mux
	h = s.timeout(h)
	h = s.cors(h)
	h = s.instrument(h) // outermost but for recovery: sees the final status
	h = s.recoverPanics(h)
	s.handler = h
	return s
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// MarkLoaded records a finished load of g that took took, and makes
// /readyz answer ready.
func (s *Server) MarkLoaded(g *graph.Graph, took time.Duration) {
	s.metrics.loadTime.Set(took.Seconds())
	s.metrics.loaded.WithLabelValues("documents").Set(float64(len(g.Documents)))
	s.metrics.loaded.WithLabelValues("entities").Set(float64(len(g.Entities)))
	s.metrics.loaded.WithLabelValues("relations").Set(float64(len(g.Relations)))
	s.metrics.loaded.WithLabelValues("load_errors").Set(float64(len(g.Errors)))
	s.metrics.ready.Set(1)
	s.ready.Store(true)
}

// MarkStored marks the server ready to serve a store that already holds
// its graph (Neo4j, loaded earlier), with the counts the store reports.
func (s *Server) MarkStored(st *graph.Stats) {
	s.metrics.loaded.WithLabelValues("documents").Set(float64(st.Documents))
	s.metrics.loaded.WithLabelValues("entities").Set(float64(graph.TotalEntities(st)))
	s.metrics.loaded.WithLabelValues("relations").Set(float64(graph.TotalRelations(st)))
	s.metrics.ready.Set(1)
	s.ready.Store(true)
}

func (s *Server) healthz(w http.ResponseWriter, _ *http.Request) {
	plain(w, http.StatusOK, "ok\n")
}

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	if !s.ready.Load() {
		plain(w, http.StatusServiceUnavailable, "loading\n")
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.opts.Store.Ready(ctx); err != nil {
		s.log.WarnContext(ctx, "server: store not ready", "err", err)
		plain(w, http.StatusServiceUnavailable, "store not ready\n")
		return
	}
	plain(w, http.StatusOK, "ready\n")
}

const rootHelp = `collabgraph: no page is served here.

  POST/GET /graphql            the GraphQL API
  GET      /graphiql           the GraphiQL IDE
  GET      /export.{graphml,gexf,csv,nodes.csv,json}[?center=ID&depth=N]
  GET      /healthz /readyz /metrics
`

func (s *Server) page() http.Handler {
	if s.opts.Page != nil {
		return s.opts.Page
	}
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		plain(w, http.StatusNotFound, rootHelp)
	})
}

func plain(w http.ResponseWriter, code int, body string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(code)
	_, _ = w.Write([]byte(body))
}
