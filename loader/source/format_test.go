package source

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// zipOf returns a zip archive holding the named files.
func zipOf(t testing.TB, files ...[2]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		w, err := zw.Create(f[0])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(f[1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// ole returns the start of an old-format Office file whose directory
// names the stream (as UTF-16).
func ole(stream string) []byte {
	b := []byte(oleMagic + strings.Repeat("\x00", 504))
	for i := 0; i < len(stream); i++ {
		b = append(b, stream[i], 0)
	}
	return append(b, make([]byte, 64)...)
}

// Every file the loader cannot read gets an error that names the file and
// says what it looks like and what to do; the sentinel tells the kind.
func TestNotText(t *testing.T) {
	tests := []struct {
		name string // the file's name, whose extension the reader may use
		data []byte
		want error
		msg  string
	}{
		{"empty.txt", nil, ErrEmpty, "empty file"},
		{"empty.docx", nil, ErrEmpty, "empty file"},
		{"empty.html", []byte{}, ErrEmpty, "empty file"},
		{"spaces.txt", []byte(" \r\n\t\n"), ErrEmpty, "empty file (nothing but spaces)"},
		{"report.pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<</Type/Catalog>>\nendobj\n"), ErrBinary, "not text: looks like a PDF (convert it to text or .docx first)"},
		// A PDF saved under a .txt name is still a PDF.
		{"report.txt", []byte("%PDF-1.4\n1 0 obj\n"), ErrBinary, "not text: looks like a PDF"},
		{"scan.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), ErrBinary, "not text: looks like a PNG image"},
		{"photo.jpg", []byte("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00"), ErrBinary, "not text: looks like a JPEG image"},
		{"a.gif", []byte("GIF89a\x01\x00\x01\x00"), ErrBinary, "GIF image"},
		{"a.webp", []byte("RIFF\x24\x00\x00\x00WEBPVP8 "), ErrBinary, "WebP image"},
		{"a.tif", []byte("II*\x00\x08\x00\x00\x00"), ErrBinary, "TIFF image"},
		{"a.bmp", []byte("BM\x36\x00\x0c\x00\x00\x00\x00\x00\x36\x00\x00\x00"), ErrBinary, "BMP image"},
		{"plan.doc", ole("WordDocument"), ErrBinary, "not text: an old Word .doc file: save it as .docx"},
		// The streams decide, not the name.
		{"plan.txt", ole("WordDocument"), ErrBinary, "an old Word .doc file: save it as .docx"},
		{"plan.wps", ole("WordDocument"), ErrBinary, "a WPS document: save it as .docx"},
		{"figures.xls", ole("Workbook"), ErrBinary, "an old Excel .xls spreadsheet"},
		{"slides.ppt", ole("PowerPoint Document"), ErrBinary, "an old PowerPoint .ppt file"},
		{"secret.docx", ole("EncryptedPackage"), ErrBinary, "a password-protected Office file: remove the password"},
		{"archive.zip", zipOf(t, [2]string{"a.txt", "临平区"}), ErrBinary, "not text: a zip archive: unpack it and load the files inside"},
		{"figures.xlsx", zipOf(t, [2]string{"xl/workbook.xml", "<workbook/>"}), ErrBinary, "an Excel .xlsx spreadsheet"},
		{"slides.pptx", zipOf(t, [2]string{"ppt/presentation.xml", "<p/>"}), ErrBinary, "a PowerPoint .pptx file"},
		{"plan.odt", zipOf(t, [2]string{"mimetype", "application/vnd.oasis.opendocument.text"}), ErrBinary, "an OpenDocument file (text): save it as .docx"},
		{"plan.ofd", zipOf(t, [2]string{"OFD.xml", "<ofd:OFD/>"}), ErrBinary, "an OFD document"},
		{"plan.rtf", []byte(`{\rtf1\ansi\ansicpg936 临平区}`), ErrBinary, "an RTF file: save it as .docx"},
		{"plan.txt.gz", []byte("\x1F\x8B\x08\x00\x00\x00\x00\x00"), ErrBinary, "a gzip archive"},
		{"page.mht", []byte("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"x\"\r\n\r\n"), ErrBinary, "a web archive (.mht)"},
		{"blob.txt", append([]byte("abc"), make([]byte, 100)...), ErrBinary, "not text: binary data of no document format the loader knows"},
		// Broken .docx files say so, and what is wrong.
		{"cut.docx", zipOf(t, [2]string{"word/document.xml", "<w:document/>"})[:40], ErrDamaged, "broken .docx: not a readable zip archive"},
		{"nodoc.docx", zipOf(t, [2]string{"word/styles.xml", "<w:styles/>"}), ErrDamaged, "broken .docx: the archive holds no word/document.xml"},
		{"badxml.docx", zipOf(t, [2]string{"word/document.xml", `<w:document xmlns:w="` + nsW + `"><w:body><w:p><w:r><w:t>临平</w:r>`}), ErrDamaged, "broken .docx: word/document.xml: XML syntax error"},
		{"page.docx", []byte("<!DOCTYPE html><html><body>404 Not Found</body></html>"), ErrDamaged, "broken .docx: the file is a web page"},
		{"text.docx", []byte("临平区推进科技创新。"), ErrDamaged, "broken .docx: not a zip archive"},
		{"blank.docx", docxOf(t, "<w:p/><w:p><w:r><w:t> </w:t></w:r></w:p>"), ErrEmpty, "empty file: the .docx has no text"},
		{"blank.html", []byte("<html><head><title>临平区</title><script>var a='正文';</script></head><body> </body></html>"), ErrEmpty, "no visible text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), tt.name)
			if err := os.WriteFile(path, tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Read(path, Meta{})
			var e *Error
			if !errors.As(err, &e) || !errors.Is(err, tt.want) {
				t.Fatalf("err %v, want *Error wrapping %v", err, tt.want)
			}
			if e.File != path || !strings.HasPrefix(err.Error(), "loader: "+path+": ") || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("message %q, want it to name %s and say %q", err, path, tt.msg)
			}
		})
	}
}

// The bytes decide the format where they are sure: a web page saved as
// .doc (as Word's "save as web page" writes them) or as .txt is read as a
// page, and a .docx under another name as a .docx.
func TestFormatFromBytes(t *testing.T) {
	page := []byte("<!DOCTYPE html><html><body><p>临平区推进科技创新。</p><p>新昌县建设科创走廊。</p></body></html>")
	for _, name := range []string{"page.doc", "page.txt", "page.html", "PAGE.HTM"} {
		d, err := Parse(name, page, Meta{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if d.Original != "临平区推进科技创新。\n新昌县建设科创走廊。" {
			t.Errorf("%s: Original %q", name, d.Original)
		}
	}
	d, err := Parse("plan.txt", docxOf(t, "<w:p><w:r><w:t>临平区推进科技创新。</w:t></w:r></w:p>"), Meta{})
	if err != nil || d.Original != "临平区推进科技创新。" {
		t.Errorf("a .docx named .txt: %v, %+v", err, d)
	}
	// Without markup at its start, a .txt is text even if it has tags later.
	d, err = Parse("note.txt", []byte("临平区推进<科技>创新。"), Meta{})
	if err != nil || d.Original != "临平区推进<科技>创新。" {
		t.Errorf("text with a tag: %v, %+v", err, d)
	}
}

// The sample is the same document as text, as a .docx and as a GBK web
// page (testdata, made by gen_testdata.go): the same text, the same
// sentences, the same metadata.
func TestFormats(t *testing.T) {
	want, err := os.ReadFile("testdata/sample.utf8.txt")
	if err != nil {
		t.Fatal(err)
	}
	ref, err := Read("testdata/sample.utf8.txt", Meta{})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"sample.docx", "sample.gbk.html"} {
		t.Run(name, func(t *testing.T) {
			d, err := Read(filepath.Join("testdata", name), Meta{})
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, d)
			if d.Original != strings.TrimSuffix(string(want), "\n") {
				t.Errorf("text differs from the UTF-8 sample:\n%q", d.Original)
			}
			if d.ID != "sample" && d.ID != "sample.gbk" {
				t.Errorf("ID %q", d.ID)
			}
			if len(d.Sentences) != len(ref.Sentences) || d.Title != ref.Title || d.Date != ref.Date || d.Issuer != ref.Issuer {
				t.Fatalf("%d sentences, title %q date %q issuer %q; want %d, %q %q %q", len(d.Sentences), d.Title, d.Date, d.Issuer, len(ref.Sentences), ref.Title, ref.Date, ref.Issuer)
			}
			// Offsets are into the extracted text, and equal the text file's.
			for i, s := range d.Sentences {
				if r := ref.Sentences[i]; s.Start != r.Start || s.End != r.End || d.Text(s) != ref.Text(r) {
					t.Errorf("sentence %d [%d,%d) %q, want [%d,%d) %q", i, s.Start, s.End, d.Text(s), r.Start, r.End, ref.Text(r))
				}
			}
		})
	}
}

// FuzzFormats: reading arbitrary bytes as a web page, a .docx or text
// never panics, errors are *Error, and spans stay in range. Mutated zip
// archives reach new error paths often, and the fuzzer minimises each such
// input for up to a minute by default, so bound that:
// go test ./loader/source -run '^$' -fuzz FuzzFormats -fuzztime 60s -fuzzminimizetime 2s
func FuzzFormats(f *testing.F) {
	for _, name := range []string{"sample.docx", "sample.gbk.html", "sample.utf8.txt"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, uint8(0))
		f.Add(data, uint8(1))
	}
	f.Add([]byte(`<p style="display:none">a<div hidden><p>b</div><table><tr><td>c<td></table><pre>d`), uint8(0))
	f.Add([]byte("<script>a</scrip><style>b</style <!-- c --> <? d ?> <!e> <x y='z>"), uint8(0))
	f.Add(zipOf(f, [2]string{"word/document.xml", `<w:document xmlns:w="` + nsW + `"><w:body><w:p><w:r><w:t>临平</w:t></w:r></w:p></w:body></w:document>`}), uint8(1))
	names := []string{"fuzz.html", "fuzz.docx", "fuzz.txt"}
	f.Fuzz(func(t *testing.T, data []byte, kind uint8) {
		d, err := Parse(names[int(kind)%len(names)], data, Meta{})
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is not *Error", err)
			}
			return
		}
		checkInvariants(t, d)
	})
}
