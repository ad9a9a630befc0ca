// Package web serves collabgraph's network page: the files npm builds from
// web/src into web/dist, embedded so the binary needs no Node at run time.
// Rebuild with `npm run build` in web/; web/check-build.sh fails when the
// committed dist/ is stale.
package web

import (
	"bytes"
	"compress/gzip"
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
	gzipped     []byte // nil when compressing does not pay
	contentType string
	etag        string
}

// compress returns b gzipped, or nil when that saves less than a tenth.
func compress(b []byte) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(b)
	zw.Close()
	if buf.Len() > len(b)*9/10 {
		return nil
	}
	return buf.Bytes()
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
		assets[strings.TrimPrefix(p, "dist")] = &asset{body: b, gzipped: compress(b), contentType: ct, etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
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
		body, etag := a.body, a.etag
		if a.gzipped != nil {
			h.Add("Vary", "Accept-Encoding")
			if acceptsGzip(r) {
				// The script is 600 KB and gzips to a third; compressed once, at start.
				h.Set("Content-Encoding", "gzip")
				body, etag = a.gzipped, strings.TrimSuffix(a.etag, `"`)+`-gz"`
			}
		}
		h.Set("ETag", etag)
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
	})
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.TrimSpace(enc) == "gzip" && strings.ReplaceAll(strings.TrimSpace(q), " ", "") != "q=0" {
			return true
		}
	}
	return false
}
