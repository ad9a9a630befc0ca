package source

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"strings"
)

// format is how Parse turns a file's bytes into text.
type format int

const (
	formatText format = iota // plain text in one of decode's encodings
	formatHTML               // a web page: decodeHTML, then htmlText
	formatDocx               // a Word .docx: the paragraphs of its main part
)

// reason is an error whose message says what the file is and what a
// planner can do about it, while errors.Is still finds the sentinel.
type reason struct {
	msg string
	err error
}

func (e *reason) Error() string { return e.msg }
func (e *reason) Unwrap() error { return e.err }

func because(sentinel error, format string, args ...any) error {
	return &reason{msg: fmt.Sprintf(format, args...), err: sentinel}
}

// errEmptyFile is the error of a file with no bytes, whatever its format.
var errEmptyFile = because(ErrEmpty, "empty file")

// HTMLExts and DocxExts are the extensions, lower case, that Parse reads
// as a web page and as a Word document; any other is read as text unless
// its bytes say otherwise (see sniff).
var (
	HTMLExts = []string{".html", ".htm", ".shtml", ".xhtml"}
	DocxExts = []string{".docx"}
)

// magics are file signatures, with what to tell a planner who gave us
// such a file. Each message starts "not text:" so that a list of failures
// reads alike.
var magics = []struct {
	at     int
	prefix string
	msg    string
}{
	{0, "%PDF-", "not text: looks like a PDF (convert it to text or .docx first)"},
	{0, "\x89PNG\r\n\x1a\n", "not text: looks like a PNG image"},
	{0, "\xFF\xD8\xFF", "not text: looks like a JPEG image"},
	{0, "GIF87a", "not text: looks like a GIF image"},
	{0, "GIF89a", "not text: looks like a GIF image"},
	{8, "WEBP", "not text: looks like a WebP image"}, // after "RIFF" and a length
	{0, "II*\x00", "not text: looks like a TIFF image (a scan? its text must be recognised first)"},
	{0, "MM\x00*", "not text: looks like a TIFF image (a scan? its text must be recognised first)"},
	{0, "{\\rtf", "not text: an RTF file: save it as .docx"},
	{0, "\x1F\x8B", "not text: a gzip archive: unpack it and load the files inside"},
	{0, "7z\xBC\xAF\x27\x1C", "not text: a 7-Zip archive: unpack it and load the files inside"},
	{0, "Rar!\x1A\x07", "not text: a RAR archive: unpack it and load the files inside"},
	{0, "\x7FELF", "not text: looks like a program (an ELF executable)"},
}

// oleMagic opens every file of the old Microsoft Office formats (.doc,
// .xls, .ppt, and Kingsoft's .wps) and of password-protected new ones.
const oleMagic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"

// sniffed is what sniff found: the format, and for a .docx the open
// archive and the name of its main part.
type sniffed struct {
	format format
	zip    *zip.Reader
	part   string
}

// sniff decides how to read a file from its bytes, and from its name's
// extension where the bytes leave it open. The bytes win: a .doc that is
// really a web page (as Word's "save as web page" writes) is read as one,
// and a .txt that is really a .docx is read as a .docx. A file that is no
// text the loader reads gets an error saying what it looks like.
func sniff(name string, data []byte) (sniffed, error) {
	ext := strings.ToLower(filepath.Ext(name))
	for _, m := range magics {
		if len(data) >= m.at+len(m.prefix) && string(data[m.at:m.at+len(m.prefix)]) == m.prefix {
			if m.at == 8 && string(data[:4]) != "RIFF" {
				continue
			}
			return sniffed{}, because(ErrBinary, "%s", m.msg)
		}
	}
	if bytes.HasPrefix(data, []byte("BM")) && len(data) >= 14 && string(data[6:10]) == "\x00\x00\x00\x00" {
		return sniffed{}, because(ErrBinary, "not text: looks like a BMP image")
	}
	head := data[:min(len(data), 1024)]
	// A PDF reader accepts the header anywhere in the first KiB.
	if i := bytes.Index(head, []byte("%PDF-")); i >= 0 && (ext == ".pdf" || len(bytes.TrimSpace(head[:i])) == 0) {
		return sniffed{}, because(ErrBinary, "not text: looks like a PDF (convert it to text or .docx first)")
	}
	switch {
	case bytes.HasPrefix(data, []byte(oleMagic)):
		return sniffed{}, oleError(data, ext)
	case bytes.HasPrefix(data, []byte("PK\x03\x04")), bytes.HasPrefix(data, []byte("PK\x05\x06")), bytes.HasPrefix(data, []byte("PK\x07\x08")):
		return sniffZip(data, ext)
	}
	lead := strings.ToLower(string(bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n")))
	if isMHT(lead) {
		return sniffed{}, because(ErrBinary, "not text: a web archive (.mht): open it in a browser or in Word and save it as .html or .docx")
	}
	isDocx := contains(DocxExts, ext)
	if contains(HTMLExts, ext) || looksHTML(lead) {
		if isDocx {
			return sniffed{}, because(ErrDamaged, "broken .docx: the file is a web page, not a zip archive (was an error page downloaded in its place?)")
		}
		return sniffed{format: formatHTML}, nil
	}
	if isDocx {
		return sniffed{}, because(ErrDamaged, "broken .docx: not a zip archive")
	}
	return sniffed{format: formatText}, nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// looksHTML reports whether a file's start (lower case, leading space and
// byte-order mark removed) is a web page's.
func looksHTML(lead string) bool {
	switch {
	case strings.HasPrefix(lead, "<!doctype html"), strings.HasPrefix(lead, "<html"):
		return true
	case strings.HasPrefix(lead, "<?xml"):
		return strings.Contains(lead, "<html")
	}
	return false
}

// isMHT reports whether a file's start is a MIME web archive's, which
// browsers and Word write for "save as single-file web page".
func isMHT(lead string) bool {
	return (strings.HasPrefix(lead, "mime-version:") || strings.HasPrefix(lead, "from:") || strings.HasPrefix(lead, "content-type:")) &&
		strings.Contains(lead, "multipart/related")
}

// oleError names an old-format Office file by the streams its directory
// lists (their names are UTF-16), falling back on the extension.
func oleError(data []byte, ext string) error {
	has := func(stream string) bool {
		u := make([]byte, 0, 2*len(stream))
		for i := 0; i < len(stream); i++ {
			u = append(u, stream[i], 0)
		}
		return bytes.Contains(data, u)
	}
	switch {
	case has("EncryptedPackage"):
		return because(ErrBinary, "not text: a password-protected Office file: remove the password and save it as .docx")
	case has("WordDocument"):
		if ext == ".wps" {
			return because(ErrBinary, "not text: a WPS document: save it as .docx")
		}
		return because(ErrBinary, "not text: an old Word .doc file: save it as .docx")
	case has("Workbook"), has("Book"), ext == ".xls", ext == ".et":
		return because(ErrBinary, "not text: an old Excel .xls spreadsheet: copy its text into a .docx or .txt file")
	case has("PowerPoint Document"), ext == ".ppt", ext == ".dps":
		return because(ErrBinary, "not text: an old PowerPoint .ppt file: copy its text into a .docx or .txt file")
	case ext == ".doc", ext == ".wps":
		return because(ErrBinary, "not text: an old Word .doc file: save it as .docx")
	}
	return because(ErrBinary, "not text: an old Microsoft Office file: save it as .docx")
}

// Relationship type of an OOXML package's main part (transitional and strict).
const (
	relOfficeDocument       = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
	relOfficeDocumentStrict = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
)

// sniffZip tells a .docx from the other zip-based formats. A .docx's main
// part is what its _rels/.rels names (word/document.xml as Word writes
// it; some generators use another name).
func sniffZip(data []byte, ext string) (sniffed, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		if contains(DocxExts, ext) {
			return sniffed{}, because(ErrDamaged, "broken .docx: not a readable zip archive (%v); a download cut short?", err)
		}
		return sniffed{}, because(ErrBinary, "not text: looks like a damaged zip archive")
	}
	files := make(map[string]*zip.File, len(zr.File))
	for _, f := range zr.File {
		files[f.Name] = f
	}
	main := mainPart(files)
	switch {
	case strings.HasPrefix(main, "word/"), files["word/document.xml"] != nil:
		if files[main] == nil {
			main = "word/document.xml"
		}
		return sniffed{format: formatDocx, zip: zr, part: main}, nil
	case strings.HasPrefix(main, "xl/"), files["xl/workbook.xml"] != nil:
		return sniffed{}, because(ErrBinary, "not text: an Excel .xlsx spreadsheet: copy its text into a .docx or .txt file")
	case strings.HasPrefix(main, "ppt/"), files["ppt/presentation.xml"] != nil:
		return sniffed{}, because(ErrBinary, "not text: a PowerPoint .pptx file: copy its text into a .docx or .txt file")
	case files["OFD.xml"] != nil:
		return sniffed{}, because(ErrBinary, "not text: an OFD document: convert it to .docx or text first")
	}
	if f := files["mimetype"]; f != nil {
		if mt := readSmall(f, 100); strings.HasPrefix(mt, "application/vnd.oasis.opendocument.") {
			return sniffed{}, because(ErrBinary, "not text: an OpenDocument file (%s): save it as .docx", strings.TrimPrefix(mt, "application/vnd.oasis.opendocument."))
		}
	}
	if contains(DocxExts, ext) {
		return sniffed{}, because(ErrDamaged, "broken .docx: the archive holds no word/document.xml")
	}
	return sniffed{}, because(ErrBinary, "not text: a zip archive: unpack it and load the files inside")
}

// mainPart returns the part _rels/.rels names as the package's main
// document, or "".
func mainPart(files map[string]*zip.File) string {
	f := files["_rels/.rels"]
	if f == nil {
		return ""
	}
	rc, err := f.Open()
	if err != nil {
		return ""
	}
	defer rc.Close()
	var rels struct {
		Rel []struct {
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.NewDecoder(io.LimitReader(rc, 1<<20)).Decode(&rels); err != nil {
		return ""
	}
	for _, r := range rels.Rel {
		if r.Type == relOfficeDocument || r.Type == relOfficeDocumentStrict {
			return strings.TrimPrefix(path.Clean("/"+r.Target), "/")
		}
	}
	return ""
}

func readSmall(f *zip.File, n int64) string {
	rc, err := f.Open()
	if err != nil {
		return ""
	}
	defer rc.Close()
	b, _ := io.ReadAll(io.LimitReader(rc, n))
	return strings.TrimSpace(string(b))
}
