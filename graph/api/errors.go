package api

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/collabgraph/collabgraph/graph"
)

// The codes clients find in an error's extensions.code, besides gqlgen's
// own GRAPHQL_PARSE_FAILED and GRAPHQL_VALIDATION_FAILED.
const (
	CodeNotFound     = "NOT_FOUND"      // an id asked for does not exist where an answer needs it
	CodeBadUserInput = "BAD_USER_INPUT" // an argument out of range or malformed
	CodeTooComplex   = "TOO_COMPLEX"    // the operation exceeds a complexity, depth or field limit
	CodeTimeout      = "TIMEOUT"        // the request ran past its deadline
	CodeCanceled     = "CANCELED"       // the client went away
	CodeBadRequest   = "BAD_REQUEST"    // a request gqlgen cannot read, such as a body that is not JSON
	CodeInternal     = "INTERNAL"       // anything else; the details go to the log only
)

func init() {
	// A rejected operation never ran, like a validation failure: HTTP 422.
	errcode.RegisterErrorType(CodeTooComplex, errcode.KindProtocol)
}

// badInput reports an argument the client got wrong.
func badInput(arg, format string, a ...any) error {
	return &gqlerror.Error{
		Message:    fmt.Sprintf("%s: %s", arg, fmt.Sprintf(format, a...)),
		Extensions: map[string]any{"code": CodeBadUserInput, "argument": arg},
	}
}

// notFound reports an id that an answer cannot do without.
func notFound(format string, a ...any) error {
	return &gqlerror.Error{
		Message:    fmt.Sprintf(format, a...),
		Extensions: map[string]any{"code": CodeNotFound},
	}
}

// TooComplex is the error of an operation refused before it runs.
func TooComplex(format string, a ...any) *gqlerror.Error {
	return &gqlerror.Error{
		Message:    fmt.Sprintf(format, a...),
		Extensions: map[string]any{"code": CodeTooComplex},
	}
}

// panicError is a recovered panic: a broken invariant, reported as
// INTERNAL with its stack kept for the log.
type panicError struct {
	value any
	stack []byte
}

func (p *panicError) Error() string { return fmt.Sprintf("panic: %v\n%s", p.value, p.stack) }

func stack() []byte { return debug.Stack() }

var errLengthMismatch = errors.New("api: store returned a different number of results than ids asked for")

// Recover is gqlgen's recover function for resolver panics: the panic
// becomes an error that PresentError reports as INTERNAL.
func Recover(ctx context.Context, p any) error {
	return &panicError{value: p, stack: stack()}
}

// IsPanic reports whether err is, or wraps, a recovered panic.
func IsPanic(err error) bool {
	var p *panicError
	return errors.As(err, &p)
}

// PresentError turns an error met while executing an operation into what
// the client sees: errors that already carry a code (ours and gqlgen's)
// pass unchanged; store sentinels and context errors get their code; the
// rest become INTERNAL with a bland message, and are returned as cause so
// the caller can log them. Nothing of a store's internals reaches the
// client.
func PresentError(ctx context.Context, err error) (pub *gqlerror.Error, cause error) {
	var gqlErr *gqlerror.Error
	if !errors.As(err, &gqlErr) {
		gqlErr = gqlerror.WrapPath(graphql.GetPath(ctx), err)
	}
	if _, ok := gqlErr.Extensions["code"]; ok {
		return gqlErr, nil
	}
	inner := gqlErr.Unwrap()
	out := &gqlerror.Error{Path: gqlErr.Path, Locations: gqlErr.Locations}
	code := CodeInternal
	switch {
	case inner == nil && len(gqlErr.Path) == 0:
		// gqlgen refusing the request itself, such as a body that is not
		// JSON: the client's fault. gqlgen quotes the body; keep it short.
		code, out.Message = CodeBadRequest, truncate(gqlErr.Message, 200)
	case inner == nil:
		// gqlgen's own execution errors, such as a null in a non-null
		// field: the message is about the schema, not our internals.
		out.Message = gqlErr.Message
		cause = gqlErr
	case errors.Is(inner, graph.ErrNotFound):
		code, out.Message = CodeNotFound, "not found"
	case errors.Is(inner, context.DeadlineExceeded):
		code, out.Message = CodeTimeout, "the request took longer than its time limit"
	case errors.Is(inner, context.Canceled):
		code, out.Message = CodeCanceled, "the request was canceled"
	default:
		out.Message = "internal error"
		cause = inner
	}
	out.Extensions = map[string]any{"code": code}
	return out, cause
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
