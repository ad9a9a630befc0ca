package server

import (
	"context"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/collabgraph/collabgraph/graph/api"
)

// shapeLimit refuses an operation whose selection is too deep, has too
// many root fields (aliases make one field many) or too many fields in
// all, before it runs. It walks fragments as they expand, with a budget,
// so a "fragment bomb" that expands exponentially is cut off early instead
// of being walked; it must therefore run before the complexity limit,
// which walks without a budget.
type shapeLimit struct {
	maxDepth      int
	maxRootFields int
	maxFields     int
}

var _ interface {
	graphql.OperationContextMutator
	graphql.HandlerExtension
} = shapeLimit{}

func (shapeLimit) ExtensionName() string                   { return "ShapeLimit" }
func (shapeLimit) Validate(graphql.ExecutableSchema) error { return nil }

func (l shapeLimit) MutateOperationContext(_ context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	op := opCtx.Doc.Operations.ForName(opCtx.OperationName)
	if op == nil {
		return nil // gqlgen reports the missing operation itself
	}
	w := shapeWalker{shapeLimit: l, doc: opCtx.Doc}
	return w.walk(op.SelectionSet, 1)
}

type shapeWalker struct {
	shapeLimit
	doc    *ast.QueryDocument
	roots  int
	fields int
}

func (w *shapeWalker) walk(set ast.SelectionSet, depth int) *gqlerror.Error {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			// Introspection is bounded by the schema, and GraphiQL's own
			// query nests ofType deeper than any data query needs.
			if strings.HasPrefix(s.Name, "__") && s.Name != "__typename" {
				continue
			}
			w.fields++
			if depth == 1 {
				w.roots++
				if w.roots > w.maxRootFields {
					return api.TooComplex("operation has more than %d root fields (aliases count each)", w.maxRootFields)
				}
			}
			if w.fields > w.maxFields {
				return api.TooComplex("operation selects more than %d fields", w.maxFields)
			}
			if depth > w.maxDepth {
				return api.TooComplex("operation is nested deeper than %d fields", w.maxDepth)
			}
			if err := w.walk(s.SelectionSet, depth+1); err != nil {
				return err
			}
		case *ast.InlineFragment:
			if err := w.walk(s.SelectionSet, depth); err != nil {
				return err
			}
		case *ast.FragmentSpread:
			def := s.Definition
			if def == nil {
				def = w.doc.Fragments.ForName(s.Name)
			}
			if def == nil {
				continue // validation reports unknown fragments
			}
			if err := w.walk(def.SelectionSet, depth); err != nil {
				return err
			}
		}
	}
	return nil
}

// complexityLimit is gqlgen's fixed complexity limit reporting our code,
// TOO_COMPLEX, in place of gqlgen's COMPLEXITY_LIMIT_EXCEEDED.
type complexityLimit struct {
	*extension.ComplexityLimit
}

func (c complexityLimit) MutateOperationContext(ctx context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	err := c.ComplexityLimit.MutateOperationContext(ctx, opCtx)
	if err != nil {
		errcode.Set(err, api.CodeTooComplex)
	}
	return err
}
