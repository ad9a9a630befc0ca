package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/collabgraph/collabgraph/graph"
	"github.com/collabgraph/collabgraph/loader"
	"github.com/collabgraph/collabgraph/server"
	"github.com/collabgraph/collabgraph/web"
)

func init() {
	commands["serve"] = command{
		summary: "load seeds/ (or --seeds DIR) and serve the GraphQL API, GraphiQL and the page on :8080; with --neo4j-uri, serve the database as it is (--load DIR to load first)",
		run: func(ctx context.Context, args []string) error {
			return runServe(ctx, args, os.Stderr, nil)
		},
	}
}

// serveConfig is the serve command's flags after parsing.
type serveConfig struct {
	addr       string
	seeds      string
	load       string // documents to load before serving; "" with Neo4j serves the database as it is
	cors       []string
	logFormat  string
	logLevel   slog.Level
	timeout    time.Duration
	benchPlain bool
	store      *storeFlags
}

func parseServe(args []string, stderr io.Writer) (*serveConfig, error) {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	c := &serveConfig{}
	addr := os.Getenv("COLLABGRAPH_ADDR")
	if addr == "" {
		// Loopback unless asked: a planner's laptop should not serve the
		// network by default. --addr :8080 opens every interface.
		addr = "127.0.0.1:8080"
	}
	fs.StringVar(&c.addr, "addr", addr, "listen on host:port; :8080 for every interface (env COLLABGRAPH_ADDR)")
	fs.StringVar(&c.seeds, "seeds", "seeds", "directory (or file) of documents the embedded store loads")
	fs.StringVar(&c.load, "load", "", "load this directory (or file) of documents into the store before serving; with --neo4j-uri, serve loads only when told to, by --load or --seeds")
	var cors []string
	if env := os.Getenv("COLLABGRAPH_CORS_ORIGINS"); env != "" {
		cors = splitList(env)
	}
	fs.Func("cors-origin", "an origin allowed to read the API from a browser, or *; repeatable or comma-separated (env COLLABGRAPH_CORS_ORIGINS; default none)", func(v string) error {
		cors = append(cors, splitList(v)...)
		return nil
	})
	fs.StringVar(&c.logFormat, "log-format", "auto", "log format: json, text, or auto (text on a terminal, else json)")
	fs.TextVar(&c.logLevel, "log-level", slog.LevelInfo, "log level: debug (one line per request), info, warn, error")
	fs.DurationVar(&c.timeout, "timeout", server.DefaultTimeout, "time limit of one request")
	fs.BoolVar(&c.benchPlain, "bench-plain", false, "also serve GET /plain/entity?id=, the plain net/http baseline of scripts/loadtest.sh")
	c.store = addStoreFlags(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: collabgraph serve [flags]\n\nLoads the documents (the embedded store: --seeds, default seeds/; Neo4j: only --load or --seeds), then serves /graphql, /graphiql, /export.*, /healthz, /readyz, /metrics and the page at /.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return nil, fmt.Errorf("unexpected arguments %q: use --seeds DIR", fs.Args())
	}
	// A Neo4j holds what `load` put there: serve replaces it only when told
	// to, and naming --seeds tells it to.
	if c.load == "" {
		fs.Visit(func(f *flag.Flag) {
			if f.Name == "seeds" {
				c.load = c.seeds
			}
		})
	}
	switch c.logFormat {
	case "auto", "json", "text":
	default:
		return nil, fmt.Errorf("--log-format %q: want json, text or auto", c.logFormat)
	}
	c.cors = cors
	return c, nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func newLogger(w io.Writer, format string, level slog.Level) *slog.Logger {
	opts := &slog.HandlerOptions{Level: level}
	if format == "auto" {
		format = "json"
		if f, ok := w.(*os.File); ok {
			if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
				format = "text"
			}
		}
	}
	if format == "text" {
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
}

// runServe serves until ctx is done (SIGINT or SIGTERM from main), then
// shuts down gracefully. It listens before loading, so /healthz answers
// at once and /readyz turns ready when the load is done. onReady, when
// not nil, is told the listening address once ready (tests).
func runServe(ctx context.Context, args []string, stderr io.Writer, onReady func(addr string)) error {
	c, err := parseServe(args, stderr)
	if err != nil {
		return err
	}
	log := newLogger(stderr, c.logFormat, c.logLevel)
	store, err := c.store.open(ctx, log)
	if err != nil {
		return err
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		if err := store.Close(cctx); err != nil {
			log.Warn("store: close", "err", err)
		}
	}()

	srv := server.New(server.Options{
		Store:       store,
		Log:         log,
		Page:        web.Handler(),
		CORSOrigins: c.cors,
		Timeout:     c.timeout,
		BenchPlain:  c.benchPlain,
	})
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      c.timeout + 5*time.Second,
		IdleTimeout:       90 * time.Second,
		MaxHeaderBytes:    server.DefaultMaxBodyBytes + 16<<10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return err
	}
	serveErr := make(chan error, 1)
	go func() { serveErr <- hs.Serve(ln) }()
	log.Info("serve: listening", "addr", ln.Addr().String(), "url", "http://"+displayAddr(ln.Addr())+"/")

	load := c.load
	if load == "" && !c.store.external() {
		load = c.seeds
	}
	if load == "" {
		// Serve the database as it is: the counts come from it, and a
		// server that is down shows in /readyz until it is back.
		sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		st, err := store.Stats(sctx)
		cancel()
		if err != nil {
			log.Warn("serve: the store does not answer yet; /readyz says so until it does", "err", err)
			st = &graph.Stats{}
		}
		tuneGC(log)
		srv.MarkStored(st)
		log.Info("serve: ready, serving the database as it is (no --load)", "documents", st.Documents,
			"entities", graph.TotalEntities(st), "relations", graph.TotalRelations(st))
	} else {
		start := time.Now()
		g, err := loader.Load(load)
		if err != nil {
			_ = hs.Close()
			return fmt.Errorf("load %s: %w", load, err)
		}
		for _, le := range g.Errors {
			log.Warn("serve: document failed to load", "file", le.File, "err", le.Message)
		}
		if err := store.Replace(ctx, g); err != nil {
			_ = hs.Close()
			return fmt.Errorf("store: %w", err)
		}
		took := time.Since(start)
		tuneGC(log)
		srv.MarkLoaded(g, took)
		log.Info("serve: ready", "seeds", load, "documents", len(g.Documents), "entities", len(g.Entities),
			"relations", len(g.Relations), "load_errors", len(g.Errors), "load_time", took.Round(time.Microsecond).String())
	}
	if onReady != nil {
		onReady(ln.Addr().String())
	}

	select {
	case err := <-serveErr:
		return err
	case <-ctx.Done():
	}
	log.Info("serve: shutting down")
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-serveErr; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("serve: stopped")
	return nil
}

// displayAddr turns a wildcard listen address into one a browser can open.
func displayAddr(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok || !tcp.IP.IsUnspecified() {
		return a.String()
	}
	return net.JoinHostPort("127.0.0.1", fmt.Sprint(tcp.Port))
}

// gcHeadroom is how much the heap may grow past the live data before a
// collection. Go's default (GOGC=100, at least 4 MB) collects constantly
// when the live heap is a few MB, as with the seeds, and answering a
// query allocates a lot: with the headroom a depth-2 neighbourhood query
// costs 10–15% less CPU (measured over HTTP, server CPU per request). It
// costs at most this much memory; on a large graph the default applies.
const gcHeadroom = 64 << 20

// tuneGC sets the GC percentage so that the next collection comes after
// gcHeadroom of new allocation, but never below Go's default of 100; an
// explicit GOGC in the environment wins.
func tuneGC(log *slog.Logger) {
	if os.Getenv("GOGC") != "" {
		return
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	live := max(ms.HeapAlloc, 1<<20)
	pct := max(100, int(gcHeadroom*100/live))
	debug.SetGCPercent(pct)
	log.Info("serve: gc tuned", "live_heap_mb", live>>20, "gc_percent", pct)
}
