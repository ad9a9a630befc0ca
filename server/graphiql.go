package server

import (
	"embed"
	"io/fs"
	"net/http"
)

// graphiqlFiles is the GraphiQL IDE: graphiql, react and react-dom from
// the npm registry (scripts/fetch-graphiql.sh), and our page and boot
// script. Bundled into the binary, so the IDE works offline and loads
// nothing from a CDN.
//
//go:embed graphiql/*.html graphiql/*.js graphiql/*.css graphiql/LICENSES.txt
var graphiqlFiles embed.FS

// graphiqlCSP confines the IDE to this origin: scripts only from files we
// serve (no inline script, no eval), requests only to /graphql here.
// GraphiQL sets inline styles, hence 'unsafe-inline' for styles.
const graphiqlCSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

func graphiqlPage() http.Handler {
	page, err := graphiqlFiles.ReadFile("graphiql/index.html")
	if err != nil {
		panic("server: graphiql page missing from the build: " + err.Error())
	}
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Security-Policy", graphiqlCSP)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		_, _ = w.Write(page)
	})
}

func graphiqlAssets() http.Handler {
	sub, err := fs.Sub(graphiqlFiles, "graphiql")
	if err != nil {
		panic("server: " + err.Error())
	}
	files := http.StripPrefix("/graphiql/", http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/graphiql/" {
			http.Redirect(w, r, "/graphiql", http.StatusMovedPermanently)
			return
		}
		w.Header().Set("Content-Security-Policy", graphiqlCSP)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		// The files change only with the binary.
		w.Header().Set("Cache-Control", "public, max-age=3600")
		files.ServeHTTP(w, r)
	})
}
