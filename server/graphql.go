package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/collabgraph/collabgraph/graph/api"
)

// newGraphQL builds the gqlgen handler with only the transports we mean
// to offer: JSON POST and GET. No multipart (we take no uploads), no
// websockets or SSE (we have no subscriptions), no form posts (a CSRF
// vector).
func (s *Server) newGraphQL() http.Handler {
	srv := handler.New(api.NewSchema(s.opts.Store))
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](s.opts.QueryCacheSize))
	srv.SetParserTokenLimit(15000)
	srv.Use(extension.Introspection{})
	// The shape limit walks with a budget and must run first: the
	// complexity calculation walks fragments without one.
	srv.Use(shapeLimit{maxDepth: s.opts.MaxDepth, maxRootFields: s.opts.MaxRootFields, maxFields: s.opts.MaxFields})
	srv.Use(complexityLimit{extension.FixedComplexityLimit(s.opts.ComplexityLimit)})
	srv.AroundOperations(api.Loaders(s.opts.Store))
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		name := operationName(ctx)
		s.metrics.operation(name)
		if st, ok := ctx.Value(stateKey).(*requestState); ok {
			st.operation = name
		}
		return next(ctx)
	})
	srv.AroundResponses(func(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
		resp := next(ctx)
		if resp != nil {
			for _, e := range resp.Errors {
				code, _ := e.Extensions["code"].(string)
				if code == "" {
					code = "NONE"
				}
				s.metrics.errors.WithLabelValues(code).Inc()
			}
		}
		return resp
	})
	srv.SetRecoverFunc(api.Recover)
	srv.SetErrorPresenter(func(ctx context.Context, err error) *gqlerror.Error {
		pub, cause := api.PresentError(ctx, err)
		if cause != nil {
			s.log.ErrorContext(ctx, "server: graphql: internal error",
				"path", pub.Path.String(), "operation", operationName(ctx), "err", cause)
			if api.IsPanic(cause) {
				markPanicked(ctx)
			}
		}
		return pub
	})
	return srv
}

// operationName is the name of the operation that runs: the request's
// operationName is empty when the document holds a single operation.
func operationName(ctx context.Context) string {
	if !graphql.HasOperationContext(ctx) {
		return ""
	}
	opCtx := graphql.GetOperationContext(ctx)
	if opCtx.Operation != nil {
		return opCtx.Operation.Name
	}
	return opCtx.OperationName
}

// guardGraphQL applies the HTTP-level rules in front of gqlgen:
//   - POST must be application/json. The "simple" content types a
//     cross-site HTML form or no-preflight fetch can send (text/plain,
//     application/x-www-form-urlencoded, multipart/form-data) and anything
//     else get 415, so a page on another site cannot make a browser
//     post a query (CSRF);
//   - the body, or a GET's query string, is at most MaxBodyBytes (413/414);
//   - other methods get 405.
func (s *Server) guardGraphQL(next http.Handler) http.Handler {
	max := s.opts.MaxBodyBytes
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet:
			if int64(len(r.URL.RawQuery)) > max {
				jsonError(w, http.StatusRequestURITooLong, "QUERY_TOO_LONG",
					fmt.Sprintf("query string longer than %d bytes", max))
				return
			}
		case http.MethodPost:
			mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
			if err != nil || mt != "application/json" {
				jsonError(w, http.StatusUnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE",
					"POST /graphql takes Content-Type: application/json")
				return
			}
			if r.ContentLength > max {
				jsonError(w, http.StatusRequestEntityTooLarge, "BODY_TOO_LARGE",
					fmt.Sprintf("body longer than %d bytes", max))
				return
			}
			body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, max))
			var tooLarge *http.MaxBytesError
			switch {
			case errors.As(err, &tooLarge):
				jsonError(w, http.StatusRequestEntityTooLarge, "BODY_TOO_LARGE",
					fmt.Sprintf("body longer than %d bytes", max))
				return
			case err != nil:
				jsonError(w, http.StatusBadRequest, "BAD_REQUEST", "could not read the body")
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
		default:
			w.Header().Set("Allow", "GET, POST, OPTIONS")
			jsonError(w, http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED", "use GET or POST")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// jsonError writes a GraphQL-shaped error response for a request refused
// before it reached gqlgen.
func jsonError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(graphql.Response{Errors: gqlerror.List{{
		Message:    msg,
		Extensions: map[string]any{"code": code},
	}}})
}
