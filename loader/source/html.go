package source

import (
	"bytes"
	"fmt"
	"html"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// charsetWindow is how much of a page's start is searched for the charset
// it declares. Browsers look at 1024 bytes; Chinese government pages put
// long comments and scripts before their meta tag, so we look further.
const charsetWindow = 4096

var (
	metaCharset = regexp.MustCompile(`(?i)<meta\b[^>]*?charset\s*=\s*["']?\s*([a-z0-9._:\-]+)`)
	xmlEncoding = regexp.MustCompile(`(?i)^\s*<\?xml\b[^>]*?encoding\s*=\s*["']([a-z0-9._:\-]+)`)
)

// decodeHTML turns a web page's bytes into markup text. A byte-order mark
// wins; then the charset the page declares (a meta tag, or the XML
// declaration of XHTML), unless the bytes are valid UTF-8: a page saved by
// a scraper is often re-encoded as UTF-8 and keeps its original
// "charset=gb2312", and GBK text is valid UTF-8 only by rare chance.
// Without a usable declaration, the page is decoded as a .txt is. The
// offset, with an error, is a byte offset into the file.
func decodeHTML(data []byte) (string, int, error) {
	if bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}) || bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return decode(data)
	}
	head := data[:min(len(data), charsetWindow)]
	label := ""
	if m := xmlEncoding.FindSubmatch(head); m != nil {
		label = string(m[1])
	} else if m := metaCharset.FindSubmatch(head); m != nil {
		label = string(m[1])
	}
	if label == "" {
		return decode(data)
	}
	enc, err := htmlindex.Get(label)
	if err != nil {
		return decode(data) // an unknown label says nothing
	}
	name, _ := htmlindex.Name(enc)
	// A meta tag readable as ASCII cannot be UTF-16's, so such a claim is
	// read as UTF-8, as browsers do.
	if name == "utf-8" || strings.HasPrefix(name, "utf-16") || utf8.Valid(data) {
		return decode(data)
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return "", i, ErrBinary
	}
	if name == "gbk" || name == "gb18030" {
		enc = simplifiedchinese.GB18030 // a superset, as browsers decode both
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return "", -1, fmt.Errorf("page says charset=%s: %v: %w", label, err, ErrEncoding)
	}
	if bytes.ContainsRune(out, utf8.RuneError) {
		return "", invalidIn(data, enc.NewDecoder().Bytes), fmt.Errorf("page says charset=%s but holds bytes that are not %s: %w", label, name, ErrEncoding)
	}
	return string(out), -1, nil
}

// invalidIn finds, by bisection, the byte offset of the first byte that
// decodes to U+FFFD, or -1.
func invalidIn(data []byte, dec func([]byte) ([]byte, error)) int {
	bad := func(n int) bool {
		out, err := dec(data[:n])
		// A cut in the middle of a character is not the page's fault.
		out = bytes.TrimSuffix(out, []byte(string(utf8.RuneError)))
		return err != nil || bytes.ContainsRune(out, utf8.RuneError)
	}
	lo, hi := 0, len(data)
	if !bad(hi) {
		return -1
	}
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if bad(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return max(0, lo-1)
}

// Elements whose content is not shown. rawText ones hold text that is not
// markup (a "<div>" in a script is not an element), so their end is found
// by name; the others are skipped element by element.
var (
	rawText = map[string]bool{"script": true, "style": true, "title": true, "textarea": true, "xmp": true,
		"iframe": true, "noembed": true, "noframes": true, "noscript": true, "plaintext": true}
	hiddenElems = map[string]bool{"head": true, "template": true, "select": true, "object": true, "svg": true,
		"math": true, "canvas": true, "audio": true, "video": true, "datalist": true}
	voidElems = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
		"img": true, "input": true, "link": true, "meta": true, "param": true, "source": true, "track": true, "wbr": true}
	// blockElems start and end a line.
	blockElems = map[string]bool{"address": true, "article": true, "aside": true, "blockquote": true, "body": true,
		"caption": true, "center": true, "dd": true, "details": true, "dialog": true, "dir": true, "div": true,
		"dl": true, "dt": true, "fieldset": true, "figcaption": true, "figure": true, "footer": true, "form": true,
		"frame": true, "frameset": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
		"header": true, "hgroup": true, "hr": true, "html": true, "legend": true, "li": true, "main": true,
		"menu": true, "nav": true, "ol": true, "option": true, "p": true, "pre": true, "section": true,
		"summary": true, "table": true, "tbody": true, "tfoot": true, "thead": true, "tr": true, "ul": true}
)

// maxHiddenRetries bounds how often htmlText goes back over a hidden
// element that never closes (see htmlText).
const maxHiddenRetries = 8

// htmlText returns the visible text of a page's markup: what a browser
// shows, as lines. Scripts, styles, the head (and so the title element),
// comments, form controls' option lists, embedded graphics and elements
// marked hidden (the hidden attribute, or an inline style of display:none
// or visibility:hidden, where injected spam often hides) are dropped.
// Block elements (p, div, li, h1–h6, tr, br …) end lines; a table cell
// (td, th) with text is followed by " |", the way the loader's text files
// write tables, so cells stay apart. Runs of white space collapse to one
// space, and a line break in the source between two Chinese characters
// disappears, as it does on screen; pre keeps its white space. Entities
// are decoded (&nbsp; is U+00A0, which folding turns into a space).
//
// Page furniture (navigation, footers, "分享到") is not removed here by tag:
// the lines it becomes meet the same furniture rules as a .txt's lines.
//
// A hidden element whose end never comes would hide the rest of the page;
// then the text is read again with that element shown, at most
// maxHiddenRetries times, after which hidden elements are all shown.
func htmlText(markup string) string {
	show := map[int]bool{} // offsets of hidden elements never closed: shown
	for retry := 0; ; retry++ {
		w := &htmlWriter{lineEmpty: true}
		unclosed := w.run(markup, show, retry >= maxHiddenRetries)
		if unclosed < 0 {
			return strings.TrimRight(w.b.String(), "\n")
		}
		show[unclosed] = true
	}
}

type htmlWriter struct {
	b         strings.Builder
	lineEmpty bool // nothing but spaces written on the current line
	space     bool // white space pending
	spaceNL   bool // the pending white space holds a line break
	last      rune
	pre       int
	cellStart int // length of b when the current table cell started
}

// run writes the text of markup; it returns the offset of a hidden
// element that never closes, or -1.
func (w *htmlWriter) run(s string, show map[int]bool, showAll bool) int {
	var (
		hideName  string // the hidden element being skipped, "" when none
		hideDepth int
		hideAt    int
	)
	for i := 0; i < len(s); {
		j := strings.IndexByte(s[i:], '<')
		if j < 0 {
			if hideName == "" {
				w.text(s[i:])
			}
			break
		}
		if hideName == "" {
			w.text(s[i : i+j])
		}
		i += j
		rest := s[i:]
		switch {
		case strings.HasPrefix(rest, "<!--"):
			k := strings.Index(rest[4:], "-->")
			if k < 0 {
				i = len(s)
			} else {
				i += 4 + k + 3
			}
		case strings.HasPrefix(rest, "<!"), strings.HasPrefix(rest, "<?"):
			k := strings.IndexByte(rest, '>')
			if k < 0 {
				i = len(s)
			} else {
				i += k + 1
			}
		case len(rest) > 2 && rest[1] == '/' && isASCIILetter(rest[2]):
			name, n := tagName(rest[2:])
			k := strings.IndexByte(rest, '>')
			if k < 0 {
				k = len(rest) - 1
			}
			i += max(k+1, 2+n)
			if hideName != "" {
				if name == hideName {
					hideDepth--
					if hideDepth == 0 {
						hideName = ""
					}
				}
				continue
			}
			w.end(name)
		case len(rest) > 1 && isASCIILetter(rest[1]):
			t := parseStartTag(rest)
			at := i
			i += t.size
			if rawText[t.name] && !t.selfClose {
				i += rawTextEnd(s[i:], t.name)
				if t.name == "plaintext" {
					i = len(s)
				}
				continue
			}
			if hideName == "head" && t.name == "body" {
				hideName = "" // a head left open ends where the body starts
			}
			if hideName != "" {
				if t.name == hideName && !t.selfClose && !voidElems[t.name] {
					hideDepth++
				}
				continue
			}
			if !voidElems[t.name] && !t.selfClose && !showAll && !show[at] && (hiddenElems[t.name] || t.hidden) {
				hideName, hideDepth, hideAt = t.name, 1, at
				continue
			}
			w.start(t.name)
		default:
			if hideName == "" {
				w.text("<")
			}
			i++
		}
	}
	if hideName != "" {
		return hideAt
	}
	return -1
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isHTMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// tagName reads a tag's name, lower-cased, and its length in bytes.
func tagName(s string) (string, int) {
	n := 0
	for n < len(s) && s[n] != '>' && s[n] != '/' && !isHTMLSpace(s[n]) {
		n++
	}
	return strings.ToLower(s[:n]), n
}

type startTag struct {
	name      string
	size      int // bytes from '<' through '>'
	selfClose bool
	hidden    bool
}

// parseStartTag reads a start tag at s[0] == '<', with its attributes,
// quoted values respected, up to its '>' (or the end of s).
func parseStartTag(s string) startTag {
	name, n := tagName(s[1:])
	t := startTag{name: name}
	i := 1 + n
	skipSpace := func() {
		for i < len(s) && isHTMLSpace(s[i]) {
			i++
		}
	}
	for i < len(s) {
		c := s[i]
		switch {
		case c == '>':
			t.size = i + 1
			return t
		case c == '/' && i+1 < len(s) && s[i+1] == '>':
			t.selfClose = true
			t.size = i + 2
			return t
		case isHTMLSpace(c) || c == '/':
			i++
			continue
		}
		// An attribute: a name, then perhaps = and a value.
		k := i
		for k < len(s) && s[k] != '=' && s[k] != '>' && !isHTMLSpace(s[k]) && !(s[k] == '/' && k+1 < len(s) && s[k+1] == '>') {
			k++
		}
		attr := strings.ToLower(s[i:k])
		i = k
		skipSpace()
		value := ""
		if i < len(s) && s[i] == '=' {
			i++
			skipSpace()
			if i < len(s) && (s[i] == '"' || s[i] == '\'') {
				q := s[i]
				e := strings.IndexByte(s[i+1:], q)
				if e < 0 {
					value, i = s[i+1:], len(s)
				} else {
					value, i = s[i+1:i+1+e], i+2+e
				}
			} else {
				e := i
				for e < len(s) && s[e] != '>' && !isHTMLSpace(s[e]) {
					e++
				}
				value, i = s[i:e], e
			}
		}
		switch attr {
		case "hidden":
			t.hidden = true
		case "style":
			st := strings.ToLower(strings.Join(strings.Fields(html.UnescapeString(value)), ""))
			if strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden") {
				t.hidden = true
			}
		}
	}
	t.size = len(s)
	return t
}

// rawTextEnd returns how many bytes of s, which follows a raw-text
// element's start tag, run through its end tag (all of s when it has none).
func rawTextEnd(s, name string) int {
	for i := 0; ; {
		k := strings.Index(s[i:], "</")
		if k < 0 {
			return len(s)
		}
		i += k
		e := i + 2 + len(name)
		if e <= len(s) && strings.EqualFold(s[i+2:e], name) && (e == len(s) || isHTMLSpace(s[e]) || s[e] == '/' || s[e] == '>') {
			if g := strings.IndexByte(s[e:], '>'); g >= 0 {
				return e + g + 1
			}
			return len(s)
		}
		i += 2
	}
}

func (w *htmlWriter) start(name string) {
	switch {
	case name == "br":
		if w.pre > 0 {
			w.b.WriteByte('\n')
			w.lineEmpty = true
			return
		}
		w.newline()
	case name == "pre":
		w.newline()
		w.pre++
	case name == "td" || name == "th":
		w.cellStart = w.b.Len()
	case blockElems[name]:
		w.newline()
	}
}

func (w *htmlWriter) end(name string) {
	switch {
	case name == "td" || name == "th":
		if !w.lineEmpty && w.b.Len() > w.cellStart { // an empty cell gets no bar
			w.b.WriteString(" |")
			w.last = '|'
			w.space = true
		}
	case name == "pre":
		if w.pre > 0 {
			w.pre--
		}
		w.newline()
	case name == "br" || blockElems[name]:
		w.newline()
	}
}

// newline ends the current line unless nothing is on it.
func (w *htmlWriter) newline() {
	if !w.lineEmpty {
		w.b.WriteByte('\n')
		w.lineEmpty = true
	}
	w.space, w.spaceNL = false, false
}

// text writes a run of character data, entities decoded.
func (w *htmlWriter) text(s string) {
	if s == "" {
		return
	}
	if strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	for _, r := range s {
		if w.pre > 0 {
			if r == '\r' {
				continue
			}
			w.b.WriteRune(r)
			w.lineEmpty = r == '\n'
			w.last = r
			continue
		}
		switch r {
		case ' ', '\t', '\n', '\r', '\f':
			w.space = true
			if r == '\n' || r == '\r' {
				w.spaceNL = true
			}
			continue
		case 0:
			continue // NUL is no character of a page
		}
		if w.space && !w.lineEmpty && !(w.spaceNL && isCJKText(w.last) && isCJKText(r)) {
			w.b.WriteByte(' ')
		}
		w.space, w.spaceNL = false, false
		w.b.WriteRune(r)
		w.lineEmpty = false
		w.last = r
	}
}

// isCJKText reports Chinese characters and punctuation, between which a
// line break of the source is no space on screen.
func isCJKText(r rune) bool {
	return unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF || r >= 0x2014 && r <= 0x201D || r == 0x2026
}
