package source

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// WordprocessingML namespaces: transitional (what Word writes) and strict.
const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsMC      = "http://schemas.openxmlformats.org/markup-compatibility/2006"
)

// docxText returns the text of a .docx's main part, one line per
// paragraph (w:p) in document order, empty paragraphs included, so that a
// line number is a paragraph number. Within a paragraph it keeps the text
// of runs (w:r/w:t); tabs (w:tab), breaks (w:br, w:cr) and any line break
// inside a w:t become spaces, a non-breaking hyphen becomes "-". Deleted
// text of tracked changes (w:delText), field codes (w:instrText) and the
// fallback copy of alternate content (mc:Fallback, which repeats the
// mc:Choice it stands in for) are left out. A paragraph nested in another
// (a text box) becomes its own line, before the rest of the outer one.
//
// Only the main part is read: headers, footers, footnotes and comments
// are not the document's text.
func docxText(zr *zip.Reader, part string) (string, error) {
	var f *zip.File
	for _, zf := range zr.File {
		if zf.Name == part {
			f = zf
			break
		}
	}
	if f == nil {
		return "", because(ErrDamaged, "broken .docx: the archive holds no %s", part)
	}
	if f.UncompressedSize64 > MaxSize {
		return "", fmt.Errorf("%s: %d bytes uncompressed: %w", part, f.UncompressedSize64, ErrTooLarge)
	}
	rc, err := f.Open()
	if err != nil {
		return "", because(ErrDamaged, "broken .docx: %s: %v", part, err)
	}
	defer rc.Close()
	// The size in the archive's directory can lie; the limit holds anyway.
	lr := &io.LimitedReader{R: rc, N: MaxSize + 1}
	dec := xml.NewDecoder(lr)
	var (
		lines  []string
		paras  []*strings.Builder // open paragraphs, innermost last
		inRun  int
		inText int
		skip   int // depth inside an mc:Fallback
	)
	isW := func(n xml.Name) bool { return n.Space == nsW || n.Space == nsWStrict }
	current := func() *strings.Builder {
		if len(paras) == 0 || inRun == 0 {
			return nil
		}
		return paras[len(paras)-1]
	}
	tooLarge := fmt.Errorf("%s: more than %d bytes uncompressed: %w", part, MaxSize, ErrTooLarge)
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if lr.N <= 0 {
				return "", tooLarge
			}
			return "", because(ErrDamaged, "broken .docx: %s: %v", part, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if skip > 0 {
				skip++
				continue
			}
			if t.Name.Space == nsMC && t.Name.Local == "Fallback" {
				skip = 1
				continue
			}
			if !isW(t.Name) {
				continue
			}
			switch t.Name.Local {
			case "p":
				paras = append(paras, &strings.Builder{})
			case "r":
				inRun++
			case "t":
				if inRun > 0 {
					inText++
				}
			case "tab", "br", "cr":
				// A w:tab outside a run defines a tab stop; it is no tab.
				if b := current(); b != nil {
					b.WriteByte(' ')
				}
			case "noBreakHyphen":
				if b := current(); b != nil {
					b.WriteByte('-')
				}
			}
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			if !isW(t.Name) {
				continue
			}
			switch t.Name.Local {
			case "p":
				if len(paras) > 0 {
					lines = append(lines, paras[len(paras)-1].String())
					paras = paras[:len(paras)-1]
				}
			case "r":
				if inRun > 0 {
					inRun--
				}
			case "t":
				if inText > 0 {
					inText--
				}
			}
		case xml.CharData:
			if skip > 0 || inText == 0 {
				continue
			}
			if b := current(); b != nil {
				b.WriteString(strings.Map(func(r rune) rune {
					switch r {
					case '\n', '\r', '\t', '\v', '\f', 0x85, 0x2028, 0x2029:
						return ' '
					}
					return r
				}, string(t)))
			}
		}
	}
	if lr.N <= 0 {
		return "", tooLarge
	}
	return strings.Join(lines, "\n"), nil
}
