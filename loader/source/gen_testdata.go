//go:build ignore

// gen_testdata writes testdata/: one sample text taken from the seeds (the
// notice that opens 001 and the 区域协同开放合作工程 section of 000) in every
// encoding Read accepts, as a .docx and as a GBK web page, a
// traditional-script and full-width copy, and the broken files Read must
// refuse. Run: go run gen_testdata.go
package main

import (
	"archive/zip"
	"bytes"
	"html"
	"log"
	"os"
	"path/filepath"
	"strings"
	stdunicode "unicode"

	"github.com/longbridgeapp/opencc"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/width"
)

func lines(file string, from, to int) []string {
	data, err := os.ReadFile(filepath.Join("..", "..", "seeds", file))
	if err != nil {
		log.Fatal(err)
	}
	ls := strings.Split(string(data), "\n")
	return ls[from-1 : to]
}

func write(name string, data []byte) {
	if err := os.WriteFile(filepath.Join("testdata", name), data, 0o644); err != nil {
		log.Fatal(err)
	}
}

func main() {
	if err := os.MkdirAll("testdata", 0o755); err != nil {
		log.Fatal(err)
	}
	var parts []string
	parts = append(parts, lines("001_d3359bdaaf069143.txt", 1, 5)...)
	parts = append(parts, lines("000_1e65ece718b41419.txt", 6, 8)...)
	sample := strings.Join(parts, "\n") + "\n"
	write("sample.utf8.txt", []byte(sample))
	write("sample.utf8bom.txt", append([]byte("\xEF\xBB\xBF"), sample...))

	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(sample))
	if err != nil {
		log.Fatal(err)
	}
	write("sample.gbk.txt", gbk)
	for name, order := range map[string]unicode.Endianness{"sample.utf16le.txt": unicode.LittleEndian, "sample.utf16be.txt": unicode.BigEndian} {
		b, err := unicode.UTF16(order, unicode.UseBOM).NewEncoder().Bytes([]byte(sample))
		if err != nil {
			log.Fatal(err)
		}
		write(name, b)
	}

	// Traditional script, and the ASCII that policy sites often set full width.
	s2t, err := opencc.New("s2t")
	if err != nil {
		log.Fatal(err)
	}
	trad, err := s2t.Convert(sample)
	if err != nil {
		log.Fatal(err)
	}
	trad = width.Widen.String(trad)
	write("sample.trad.txt", []byte(trad))

	// Big5 is not accepted: read as GBK it decodes to kana, symbols and
	// private-use characters, which the common-text ratio refuses.
	big5, err := encoding.ReplaceUnsupported(traditionalchinese.Big5.NewEncoder()).Bytes([]byte(width.Narrow.String(trad)))
	if err != nil {
		log.Fatal(err)
	}
	write("sample.big5.txt", bytes.ReplaceAll(big5, []byte{0x1A}, []byte("?")))

	write("empty.txt", nil)
	write("bom-only.txt", []byte("\xEF\xBB\xBF \r\n\t\n"))
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa")
	write("binary.png", png)
	// Cut inside the last character: the file is the sample less its
	// final newline and the last byte of the last character.
	cut := []byte(strings.TrimRight(sample, "\n"))
	write("truncated.txt", cut[:len(cut)-1])
	write("latin1.txt", []byte("Caf\xe9 cr\xe8me, r\xe9sum\xe9 \xa9 2021 na\xefve\n"))
	// A UTF-8 file with one stray byte in the middle is damaged UTF-8,
	// not GBK, though GB18030 would decode it into plausible characters.
	mid := []byte(sample)
	i := bytes.Index(mid, []byte("各镇"))
	damaged := append(append(append([]byte{}, mid[:i]...), 0xFF), mid[i:]...)
	write("damaged-utf8.txt", damaged)

	lns := strings.Split(strings.TrimSuffix(sample, "\n"), "\n")
	write("sample.docx", docx(lns))
	write("sample.gbk.html", page(lns))
}

// docx is a minimal .docx as Word writes one: content types, the package
// relationship naming word/document.xml, and that part, one w:p per line.
// A line's first comma is followed by a tab stop's definition and a
// deleted run, which are not text, so the test sees them skipped.
func docx(lines []string) []byte {
	var doc strings.Builder
	doc.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	doc.WriteString(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	for _, l := range lines {
		doc.WriteString(`<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>`)
		doc.WriteString(`<w:r><w:t xml:space="preserve">` + html.EscapeString(l) + `</w:t></w:r>`)
		doc.WriteString(`<w:del w:id="1" w:author="x"><w:r><w:delText>删去的字</w:delText></w:r></w:del></w:p>`)
	}
	doc.WriteString(`<w:sectPr/></w:body></w:document>`)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/document.xml", doc.String()},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate})
		if err != nil {
			log.Fatal(err)
		}
		if _, err := w.Write([]byte(p.body)); err != nil {
			log.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	return buf.Bytes()
}

// page is the sample as a government web page in GBK, declared by a meta
// tag after a long head: a title, a script and a style that are not text,
// and each line a paragraph whose source breaks it between two Chinese
// characters, as page editors do.
func page(lines []string) []byte {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\">\n<html>\n<head>\n")
	b.WriteString("<!-- " + strings.Repeat("页面模板 ", 40) + "-->\n")
	b.WriteString("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\" />\n")
	b.WriteString("<title>" + html.EscapeString(lines[0]) + "_临平区人民政府</title>\n")
	b.WriteString("<script type=\"text/javascript\">var s = \"<p>不是正文</p>\"; if (a < b) {}</script>\n")
	b.WriteString("<style>p { margin: 0 }</style>\n</head>\n<body>\n<div class=\"content\">\n")
	for _, l := range lines {
		r := []rune(l)
		cut := len(r) / 2
		for cut < len(r) && !stdunicode.Is(stdunicode.Han, r[cut]) {
			cut++
		}
		if cut > 0 && cut < len(r) && stdunicode.Is(stdunicode.Han, r[cut-1]) {
			b.WriteString("<p>" + html.EscapeString(string(r[:cut])) + "\n    " + html.EscapeString(string(r[cut:])) + "</p>\n")
		} else {
			b.WriteString("<p>" + html.EscapeString(l) + "</p>\n")
		}
	}
	b.WriteString("</div>\n</body>\n</html>\n")
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(b.String()))
	if err != nil {
		log.Fatal(err)
	}
	return gbk
}
