// Package source reads the documents collabgraph loads: it detects and
// decodes the file's encoding, folds the text for matching, drops web-page
// furniture, tables of contents and injected spam, marks repeated passages,
// splits the content into sentences that keep their offsets into the
// decoded text, and infers the title, date and issuing region that a
// manifest does not give.
//
// Offsets are Unicode code points into Document.Original, the decoded text
// with any byte-order mark removed; docs/loader-reading.md records this and
// the other reading decisions.
package source

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// MaxSize is the largest file Read accepts, in bytes. Policy documents are
// kilobytes; anything this large is not one, and reading it whole would
// cost memory out of proportion.
const MaxSize = 64 << 20

// Sentinel errors, for errors.Is on the *Error that Read returns.
var (
	ErrEncoding = errors.New("not UTF-8, UTF-16 with a byte-order mark, or GB18030/GBK text")
	ErrEmpty    = errors.New("no text")
	ErrBinary   = errors.New("binary data, not text")
	ErrTooLarge = fmt.Errorf("larger than %d MiB", MaxSize>>20)
	// ErrDamaged is wrapped by the error of a file of a format the loader
	// reads (a .docx) that cannot be read as one.
	ErrDamaged = errors.New("damaged file")
)

// Error says where reading a file failed, as fs.PathError does for a path:
// the file, the offset (bytes into the file for decoding problems, code
// points into the decoded text otherwise; -1 when none applies), the field
// or stage concerned, and the cause.
type Error struct {
	File   string
	Offset int
	Field  string
	Err    error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("loader: ")
	b.WriteString(e.File)
	if e.Offset >= 0 {
		fmt.Fprintf(&b, ": offset %d", e.Offset)
	}
	if e.Field != "" {
		b.WriteString(": field ")
		b.WriteString(e.Field)
	}
	b.WriteString(": ")
	if e.Err == nil {
		b.WriteString("<nil>")
	} else {
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Meta is what seeds/manifest.yaml may say of one file; every field is
// optional and a field it gives wins over what Read infers.
type Meta struct {
	Title  string `yaml:"title"`
	Issuer string `yaml:"issuer"`
	Date   string `yaml:"date"`
	Source string `yaml:"source"`
	// Skip leaves the file, or the sub-folder ("holdout2/"), out when its
	// directory is loaded; a path named on its own is still read.
	Skip bool `yaml:"skip"`
}

// Document is one decoded, cleaned source file.
type Document struct {
	ID    string // file base name without extension, e.g. "002_449e9938909a7532" (loader.Load tells apart two that share it)
	File  string // path as given to Read
	Title string // manifest, else inferred; "" unknown
	Date  string // "2021-12-10", "2021-12" or "2021"; manifest, else inferred; "" unknown
	// DateFrom says what gave Date: "manifest", "field" (a labelled field
	// such as 成文日期), "dateline" (a date line, or a news report's
	// dateline), "title" (the title's year) or "plan" (the start of the plan
	// period the document names); "" with no date. See inferDate.
	DateFrom string
	Issuer   string // issuing region's full name, e.g. "临平区"; manifest, else inferred; "" unknown
	// IssuerFrom says what gave Issuer: "manifest", "signature" (a
	// signature line), "title" (the first region of the title) or "text"
	// (the region the text mentions most, a weaker guess); "" with no issuer.
	IssuerFrom string
	Source     string // manifest, else the page's source line; "" unknown
	// Report is set when the text carries a press byline (本报…讯, 记者,
	// 通讯员) and no signature: a report about regions that no region issued,
	// so an empty Issuer means none rather than unknown.
	Report bool

	// Original is the decoded text exactly, byte-order mark removed; for a
	// .docx or a web page, the text extracted from it (see docxText and
	// htmlText). Evidence offsets are code points into it.
	Original string
	// Folded has one rune per rune of Original: traditional script mapped to
	// simplified, full width to half width, and spam runs replaced by
	// Placeholder. Match names against it and cut evidence from Original.
	Folded []rune
	// Sentences are the content sentences in order; furniture, tables of
	// contents and spam-only sentences are not among them.
	Sentences []Sentence
}

// Placeholder replaces, in Document.Folded, every rune of a spam run, so a
// recogniser sees a gap where the spam was.
const Placeholder = '\uFFFC'

// Sentence is a span of content in a Document.
type Sentence struct {
	Start, End int // code points into Original, End exclusive; trimmed of surrounding space
	Paragraph  int // 0-based index of the line it is on (Paragraph+1 is the line number)
	RepeatOf   int // index in Sentences of an earlier sentence with the same folded text, or -1
}

// Text returns the sentence's text as it stands in d.Original.
// It converts d.Original to runes; callers cutting many spans should do so once.
func (d *Document) Text(s Sentence) string {
	return string([]rune(d.Original)[s.Start:s.End])
}

// Read decodes, cleans and splits one file: plain text, a .docx or a web
// page (see sniff for how the format is told). Fields meta gives win over
// inferred ones. The error, if any, is an *Error wrapping ErrTooLarge,
// ErrEmpty, ErrBinary, ErrEncoding, ErrDamaged or the operating system's
// error; its message says what the file looks like when it is not one the
// loader reads ("not text: looks like a PDF (convert it to text or .docx
// first)").
func Read(path string, meta Meta) (*Document, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, &Error{File: path, Offset: -1, Err: unwrapPath(err)}
	}
	if fi.IsDir() {
		return nil, &Error{File: path, Offset: -1, Err: errors.New("is a directory")}
	}
	if !fi.Mode().IsRegular() {
		// A device reads forever (/dev/zero) and a named pipe blocks until
		// someone writes to it: only regular files are documents.
		return nil, &Error{File: path, Offset: -1, Err: fmt.Errorf("%w: %s", ErrNotRegular, fileKind(fi.Mode()))}
	}
	if fi.Size() > MaxSize {
		return nil, &Error{File: path, Offset: -1, Err: fmt.Errorf("%d bytes: %w", fi.Size(), ErrTooLarge)}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{File: path, Offset: -1, Err: unwrapPath(err)}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return nil, &Error{File: path, Offset: -1, Err: unwrapPath(err)}
	}
	if len(data) > MaxSize { // the file grew between Stat and reading it
		return nil, &Error{File: path, Offset: -1, Err: fmt.Errorf("%d bytes: %w", len(data), ErrTooLarge)}
	}
	return Parse(path, data, meta)
}

// ErrNotRegular is wrapped by the error of a path that is not a regular
// file: a device, a named pipe, a socket.
var ErrNotRegular = errors.New("not a regular file")

func fileKind(m os.FileMode) string {
	switch {
	case m&os.ModeNamedPipe != 0:
		return "a named pipe"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m&os.ModeDevice != 0 || m&os.ModeCharDevice != 0:
		return "a device"
	}
	return "of mode " + m.String()
}

// Parse is Read for a file already in memory; name is used as Document.File
// and in errors, and its extension tells a web page (.html, .htm) from
// text where the bytes do not.
func Parse(name string, data []byte, meta Meta) (*Document, error) {
	if len(data) > MaxSize {
		return nil, &Error{File: name, Offset: -1, Err: fmt.Errorf("%d bytes: %w", len(data), ErrTooLarge)}
	}
	if len(data) == 0 {
		return nil, &Error{File: name, Offset: -1, Err: errEmptyFile}
	}
	sn, err := sniff(name, data)
	if err != nil {
		return nil, &Error{File: name, Offset: -1, Err: err}
	}
	text, err := extractText(name, data, sn)
	if err != nil {
		return nil, err
	}
	d := &Document{
		ID:       strings.TrimSuffix(filepath.Base(name), filepath.Ext(name)),
		File:     name,
		Original: text,
	}
	d.Folded = fold(text)
	if !hasText(d.Folded) {
		return nil, &Error{File: name, Offset: -1, Err: noText(sn.format, text)}
	}
	c := clean(d.Folded)
	d.Sentences = c.sentences
	if len(d.Sentences) == 0 {
		// A page that is all furniture, contents or spam is a failed scrape,
		// better reported than loaded as a document that says nothing.
		return nil, &Error{File: name, Offset: -1, Field: "content", Err: fmt.Errorf("only furniture, a table of contents or spam: %w", ErrEmpty)}
	}
	spans := cut(text, c.title, c.source)
	// The manifest's title is the document's title, whatever line the file
	// opens with; inference reads it folded.
	title := fold(meta.Title)
	if meta.Title == "" && c.title.ok() {
		title = d.Folded[c.title.start:c.title.end]
	}
	d.Title = first(meta.Title, spans[0])
	if meta.Date != "" {
		d.Date, d.DateFrom = meta.Date, "manifest"
	} else {
		d.Date, d.DateFrom = inferDate(d.Folded, c.lines, title)
	}
	d.Issuer = meta.Issuer
	switch {
	case d.Issuer != "":
		d.IssuerFrom = "manifest"
	case c.report && !c.signr.ok():
		d.Report = true // a press report speaks about regions; none issued it
	default:
		rl, err := loadRules()
		if err != nil {
			panic("source: " + err.Error()) // the embedded rules are checked by the package's tests
		}
		d.Issuer, d.IssuerFrom = inferIssuer(d.Folded, c.signr, title, rl)
	}
	d.Source = first(meta.Source, spans[1])
	if meta.Date != "" {
		if _, err := normDate(meta.Date); err != nil {
			return nil, &Error{File: name, Offset: -1, Field: "date", Err: err}
		}
	}
	return d, nil
}

// extractText returns a file's text: decoded, and for a .docx or a web
// page, extracted from its markup.
func extractText(name string, data []byte, sn sniffed) (string, error) {
	switch sn.format {
	case formatDocx:
		text, err := docxText(sn.zip, sn.part)
		if err != nil {
			return "", &Error{File: name, Offset: -1, Err: err}
		}
		return text, nil
	case formatHTML:
		markup, off, err := decodeHTML(data)
		if err != nil {
			return "", decodeError(name, off, err)
		}
		return htmlText(markup), nil
	}
	text, off, err := decode(data)
	if err != nil {
		return "", decodeError(name, off, err)
	}
	return text, nil
}

// decodeError words decode's errors for a planner: a file of nothing but
// spaces is empty, and binary data of no known format is not text.
func decodeError(name string, off int, err error) error {
	switch {
	case errors.Is(err, ErrEmpty):
		return &Error{File: name, Offset: -1, Err: because(ErrEmpty, "empty file (nothing but spaces)")}
	case err == ErrBinary:
		return &Error{File: name, Offset: off, Err: because(ErrBinary, "not text: binary data of no document format the loader knows")}
	}
	return &Error{File: name, Offset: off, Field: "encoding", Err: err}
}

// noText is the error of a file with no letter or digit once read.
func noText(f format, text string) error {
	switch {
	case f == formatDocx:
		return because(ErrEmpty, "empty file: the .docx has no text")
	case f == formatHTML:
		return because(ErrEmpty, "no visible text: the page is only markup, scripts or styles")
	case strings.TrimFunc(text, isSpace) == "":
		return because(ErrEmpty, "empty file (nothing but spaces)")
	}
	return because(ErrEmpty, "no text: not a letter or digit in the file")
}

// cut returns the text of each span in text, a string, in one pass;
// spans that are not ok give "".
func cut(text string, spans ...span) []string {
	out := make([]string, len(spans))
	starts := make([]int, len(spans))
	last := -1
	for i, s := range spans {
		starts[i] = -1
		if s.ok() {
			last = max(last, s.end)
		}
	}
	if last < 0 {
		return out
	}
	n := 0
	for b := range text { // b is the byte offset of code point n
		if n > last { // metadata sits early; stop there, not at the end of a long file
			break
		}
		for i, s := range spans {
			if s.ok() && s.start == n {
				starts[i] = b
			}
			if s.ok() && s.end == n && starts[i] >= 0 {
				out[i] = text[starts[i]:b]
			}
		}
		n++
	}
	for i, s := range spans {
		if s.ok() && s.end == n && starts[i] >= 0 {
			out[i] = text[starts[i]:]
		}
	}
	return out
}

func first(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// unwrapPath drops the *fs.PathError layer, whose path Error already names.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}
