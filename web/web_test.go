package web_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/collabgraph/collabgraph/web"
)

func TestHandler(t *testing.T) {
	srv := httptest.NewServer(web.Handler())
	defer srv.Close()

	tests := []struct {
		name        string
		method      string
		path        string
		status      int
		contentType string
		bodyHas     string
	}{
		{"root is the page", "GET", "/", 200, "text/html; charset=utf-8", `<script src="app.js">`},
		{"a shared link falls back to the page", "GET", "/view/whatever?sel=abc", 200, "text/html; charset=utf-8", `<div id="cy"`},
		{"index.html by name", "GET", "/index.html", 200, "text/html; charset=utf-8", "<!doctype html>"},
		{"the script", "GET", "/app.js", 200, "text/javascript; charset=utf-8", "/graphql"},
		{"the stylesheet", "GET", "/app.css", 200, "text/css; charset=utf-8", "#cy"},
		{"a missing asset is 404, not the page", "GET", "/missing.js", 404, "", ""},
		{"no writes", "POST", "/", 405, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequest(tc.method, srv.URL+tc.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			body, _ := io.ReadAll(res.Body)
			if res.StatusCode != tc.status {
				t.Fatalf("status = %d, want %d", res.StatusCode, tc.status)
			}
			if tc.contentType != "" && res.Header.Get("Content-Type") != tc.contentType {
				t.Errorf("Content-Type = %q, want %q", res.Header.Get("Content-Type"), tc.contentType)
			}
			if !strings.Contains(string(body), tc.bodyHas) {
				t.Errorf("body does not contain %q", tc.bodyHas)
			}
		})
	}
}

func TestHandlerRevalidates(t *testing.T) {
	srv := httptest.NewServer(web.Handler())
	defer srv.Close()
	res, err := http.Get(srv.URL + "/app.js")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	etag := res.Header.Get("ETag")
	if etag == "" {
		t.Fatal("no ETag on /app.js")
	}
	req, _ := http.NewRequest("GET", srv.URL+"/app.js", nil)
	req.Header.Set("If-None-Match", etag)
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNotModified {
		t.Errorf("conditional GET status = %d, want 304", res.StatusCode)
	}
}

func TestHandlerGzip(t *testing.T) {
	srv := httptest.NewServer(web.Handler())
	defer srv.Close()
	get := func(enc string) (*http.Response, []byte) {
		req, _ := http.NewRequest("GET", srv.URL+"/app.js", nil)
		if enc != "" {
			req.Header.Set("Accept-Encoding", enc)
		}
		// A Transport that leaves the body as sent.
		res, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res, b
	}
	plainRes, plain := get("")
	if plainRes.Header.Get("Content-Encoding") != "" {
		t.Fatalf("compressed without Accept-Encoding")
	}
	res, zipped := get("gzip, deflate")
	if res.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("Content-Encoding = %q, want gzip", res.Header.Get("Content-Encoding"))
	}
	if res.Header.Get("Content-Type") != "text/javascript; charset=utf-8" {
		t.Errorf("Content-Type = %q", res.Header.Get("Content-Type"))
	}
	if res.Header.Get("ETag") == plainRes.Header.Get("ETag") {
		t.Errorf("gzipped and plain bodies share the ETag %s", res.Header.Get("ETag"))
	}
	zr, err := gzip.NewReader(bytes.NewReader(zipped))
	if err != nil {
		t.Fatal(err)
	}
	unzipped, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(unzipped, plain) {
		t.Errorf("gunzipped body (%d bytes) differs from the plain one (%d bytes)", len(unzipped), len(plain))
	}
	if len(zipped) >= len(plain)/2 {
		t.Errorf("gzip body %d bytes for %d plain", len(zipped), len(plain))
	}
	if _, off := get("gzip;q=0"); bytes.Equal(off, zipped) {
		t.Errorf("gzip;q=0 still got gzip")
	}
}
