package server

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"slices"
	"sync/atomic"
	"time"
)

// requestState is what the middleware learns about a request while it is
// served; it travels in the context under an unexported key.
type requestState struct {
	panicked  atomic.Bool
	route     string // the mux pattern that matched, for metrics and logs
	operation string // the GraphQL operation's name, for the log
}

type stateKeyType struct{ name string }

var stateKey = stateKeyType{"request"}

// markPanicked records that a resolver panicked, so the response goes out
// as a 500 even though gqlgen recovered and wrote a GraphQL error.
func markPanicked(ctx context.Context) {
	if st, ok := ctx.Value(stateKey).(*requestState); ok {
		st.panicked.Store(true)
	}
}

// statusWriter remembers the status and turns the implicit 200 of a
// response whose request panicked into a 500.
type statusWriter struct {
	http.ResponseWriter
	st     *requestState
	status int
	bytes  int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status != 0 {
		return
	}
	if code < 500 && w.st.panicked.Load() {
		code = http.StatusInternalServerError
	}
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.WriteHeader(http.StatusOK)
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// instrument counts and times every request by its route pattern, and
// logs it: at debug level normally, as an error when it failed with 5xx.
func (s *Server) instrument(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		st := &requestState{}
		r = r.WithContext(context.WithValue(r.Context(), stateKey, st))
		sw := &statusWriter{ResponseWriter: w, st: st}
		defer func() {
			if sw.status == 0 {
				sw.status = http.StatusOK
			}
			took := time.Since(start)
			route := st.route
			if route == "" {
				route = "unmatched"
			}
			s.metrics.observe(route, sw.status, took)
			level := slog.LevelDebug
			if sw.status >= 500 {
				level = slog.LevelError
			}
			if s.log.Enabled(r.Context(), level) {
				s.log.Log(r.Context(), level, "http request",
					"method", r.Method, "path", r.URL.Path, "route", route, "operation", st.operation,
					"status", sw.status, "bytes", sw.bytes, "took", took, "remote", r.RemoteAddr)
			}
		}()
		next.ServeHTTP(sw, r)
	})
}

// recoverPanics turns a panic outside gqlgen's own recovery into a 500
// and a log line with the stack; the server goes on serving.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			p := recover()
			if p == nil || p == http.ErrAbortHandler {
				if p != nil {
					panic(p)
				}
				return
			}
			s.log.ErrorContext(r.Context(), "server: panic serving request",
				"method", r.Method, "path", r.URL.Path, "panic", p, "stack", string(debug.Stack()))
			jsonError(w, http.StatusInternalServerError, "INTERNAL", "internal error")
		}()
		next.ServeHTTP(w, r)
	})
}

// timeout gives each request a deadline; the store and the resolvers see
// it through the context, and an operation past it fails with TIMEOUT.
func (s *Server) timeout(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), s.opts.Timeout)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// cors lets the configured origins read responses from a browser. With no
// origins configured (the default) it adds nothing, and the browser's
// same-origin policy applies. Preflights from other origins get 403.
// Credentials are never allowed: the API has no cookies or sessions.
func (s *Server) cors(next http.Handler) http.Handler {
	origins := s.opts.CORSOrigins
	anyOrigin := slices.Contains(origins, "*")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		preflight := r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != ""
		if len(origins) > 0 {
			w.Header().Add("Vary", "Origin")
		}
		allowed := origin != "" && (anyOrigin || slices.Contains(origins, origin))
		if allowed {
			w.Header().Set("Access-Control-Allow-Origin", origin)
		}
		if preflight {
			if !allowed {
				plain(w, http.StatusForbidden, "origin not allowed\n")
				return
			}
			w.Header().Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
			w.Header().Set("Access-Control-Allow-Headers", "Content-Type")
			w.Header().Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// routed records the mux pattern that matched in the request's state, for
// instrument: the mux sets it on the request it passes down, which by then
// is a copy made by the middleware in between.
func (s *Server) routed(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if st, ok := r.Context().Value(stateKey).(*requestState); ok {
			st.route = r.Pattern
		}
		h.ServeHTTP(w, r)
	})
}

// limitInFlight answers 503 with Retry-After when max requests are being
// served already, so a flood queues in clients rather than in memory and
// the requests already admitted keep their latency.
func (s *Server) limitInFlight(max int, next http.Handler) http.Handler {
	slots := make(chan struct{}, max)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case slots <- struct{}{}:
			defer func() { <-slots }()
			next.ServeHTTP(w, r)
		default:
			w.Header().Set("Retry-After", "1")
			jsonError(w, http.StatusServiceUnavailable, "OVERLOADED",
				fmt.Sprintf("more than %d requests in flight; retry shortly", max))
		}
	})
}
