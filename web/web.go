// Package web serves collabgraph's network page: the files npm builds from
// web/src into web/dist, embedded so the binary needs no Node at run time.
// Rebuild with `npm run build` in web/; web/check-build.sh fails when the
// committed dist/ is stale.
package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed dist
var dist embed.FS

// contentTypes is explicit rather than mime.TypeByExtension, whose answer
// depends on the host's /etc/mime.types.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".svg":  "image/svg+xml",
	".png":  "image/png",
	".json": "application/json",
	".txt":  "text/plain; charset=utf-8",
}

type asset struct {
	body        []byte
	contentType string
	etag        string
}

// Handler serves the built page. "/" and any extensionless path that is not
// a file (a shared link such as /?sel=…) get index.html; a missing file with
// an extension is 404. Only GET and HEAD are allowed.
func Handler() http.Handler {
	assets := map[string]*asset{}
	err := fs.WalkDir(dist, "dist", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := dist.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		ct := contentTypes[path.Ext(p)]
		if ct == "" {
			ct = http.DetectContentType(b)
		}
		assets[strings.TrimPrefix(p, "dist")] = &asset{body: b, contentType: ct, etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
		return nil
	})
	if err != nil || assets["/index.html"] == nil {
		// The embed is fixed at compile time, so this is a broken build.
		panic("web: embedded dist/ has no index.html; run npm run build in web/")
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "web: method not allowed", http.StatusMethodNotAllowed)
			return
		}
		p := path.Clean("/" + r.URL.Path)
		a := assets[p]
		if a == nil {
			if path.Ext(p) != "" {
				http.NotFound(w, r)
				return
			}
			a = assets["/index.html"]
		}
		h := w.Header()
		h.Set("Content-Type", a.contentType)
		h.Set("X-Content-Type-Options", "nosniff")
		// File names carry no content hash (the build must be reproducible),
		// so browsers revalidate every time and the ETag makes that cheap.
		h.Set("Cache-Control", "no-cache")
		h.Set("ETag", a.etag)
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(a.body))
	})
}
