package source

import (
	"bytes"
	"fmt"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// decode turns a file's bytes into text. It returns the byte offset of the
// problem with an error. Order matters: a byte-order mark is the file's own
// statement and wins; then NUL bytes mean binary (no text encoding we accept
// has them without a mark); then valid UTF-8 wins, because GB18030 accepts
// almost any byte string and must not shadow it; GB18030 (a superset of GBK
// and GB2312) is taken only when what it decodes looks like Chinese text.
func decode(data []byte) (string, int, error) {
	if len(data) == 0 {
		return "", -1, ErrEmpty
	}
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return decodeUTF8(data[3:], 3)
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeUTF16(data)
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return "", i, ErrBinary
	}
	if i := controlAt(data); i >= 0 {
		return "", i, ErrBinary
	}
	if utf8.Valid(data) {
		return string(data), -1, nil
	}
	bad := invalidUTF8At(data)
	// A file cut off inside its last character is still the file: keep it,
	// with the broken tail as U+FFFD, rather than lose the whole document.
	if bad >= len(data)-3 && !utf8.FullRune(data[bad:]) {
		return string(data[:bad]) + string(utf8.RuneError), -1, nil
	}
	// Mostly valid UTF-8 with a few bad bytes is damaged UTF-8, not GBK:
	// GB18030 would decode it, into plausible but wrong characters, since
	// UTF-8's lead and continuation bytes pair up as GBK ideographs.
	if mostlyUTF8(data) {
		return "", bad, fmt.Errorf("invalid UTF-8 byte %#02x in otherwise UTF-8 text: %w", data[bad], ErrEncoding)
	}
	if s, ok := decodeGB18030(data); ok {
		return s, -1, nil
	}
	return "", bad, ErrEncoding
}

// mostlyUTF8 reports whether at least 90% of data's non-ASCII bytes belong
// to valid UTF-8 sequences. In GBK text they rarely do: a GBK character is
// two bytes, and only by chance do three in a row read as UTF-8.
func mostlyUTF8(data []byte) bool {
	var high, valid int
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			high++
			i++
			continue
		}
		high += size
		valid += size
		i += size
	}
	return high > 0 && valid*10 >= high*9
}

func decodeUTF8(data []byte, base int) (string, int, error) {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return "", base + i, ErrBinary
	}
	if utf8.Valid(data) {
		if len(bytes.TrimSpace(data)) == 0 {
			return "", -1, ErrEmpty
		}
		return string(data), -1, nil
	}
	bad := invalidUTF8At(data)
	if bad >= len(data)-3 && !utf8.FullRune(data[bad:]) {
		return string(data[:bad]) + string(utf8.RuneError), -1, nil
	}
	return "", base + bad, fmt.Errorf("byte-order mark says UTF-8 but the bytes are not: %w", ErrEncoding)
}

func decodeUTF16(data []byte) (string, int, error) {
	if len(data) == 2 {
		return "", -1, ErrEmpty
	}
	if len(data)%2 != 0 {
		return "", len(data) - 1, fmt.Errorf("UTF-16 with an odd number of bytes: %w", ErrEncoding)
	}
	// ExpectBOM consumes the mark and picks the byte order from it.
	dec := xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM).NewDecoder()
	out, err := dec.Bytes(data)
	if err != nil {
		return "", -1, fmt.Errorf("UTF-16: %v: %w", err, ErrEncoding)
	}
	if i := bytes.IndexByte(out, 0); i >= 0 {
		return "", -1, fmt.Errorf("UTF-16 text holds NUL characters: %w", ErrBinary)
	}
	// The decoder turns unpaired surrogates into U+FFFD; a few are damage,
	// many mean the mark lied.
	if n := bytes.Count(out, []byte(string(utf8.RuneError))); n > 0 && n*100 > utf8.RuneCount(out) {
		return "", -1, fmt.Errorf("UTF-16 with %d unpaired surrogates: %w", n, ErrEncoding)
	}
	return string(out), -1, nil
}

// decodeGB18030 decodes data as GB18030 and accepts the result only when it
// has no undecodable bytes and nearly all of it is common text: ASCII, CJK
// ideographs, CJK and full-width punctuation. Other encodings (Latin-1,
// Big5, mangled UTF-8) decode to rare characters or U+FFFD and fail this.
func decodeGB18030(data []byte) (string, bool) {
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil {
		return "", false
	}
	var n, common int
	for _, r := range string(out) {
		n++
		switch {
		case r == utf8.RuneError:
			return "", false
		case r < 0x80,
			r >= 0x4E00 && r <= 0x9FFF, // CJK unified ideographs
			r >= 0x3000 && r <= 0x303F, // CJK symbols and punctuation
			r >= 0xFF00 && r <= 0xFFEF, // half- and full-width forms
			r >= 0x2000 && r <= 0x206F, // general punctuation (quotes, dashes)
			r == 0x00B7 || r == 0x00D7 || r == 0x2103 || r == 0x2116 || r == 0x2160 || r == 0x3001:
			common++
		}
	}
	if n == 0 || common*100 < n*97 {
		return "", false
	}
	return string(out), true
}

func invalidUTF8At(data []byte) int {
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}

// controlAt returns the offset of the first control byte when such bytes
// are more than a trace (more than 1 in 1000), which marks binary data, or
// -1. Tab, line feed, vertical tab, form feed, carriage return and escape
// occur in text files; a stray one does not make a file binary.
func controlAt(data []byte) int {
	first, n := -1, 0
	for i, c := range data {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r' && c != 0x1B {
			if first < 0 {
				first = i
			}
			n++
		}
	}
	if first < 0 {
		return -1
	}
	if n*1000 > len(data) {
		return first
	}
	return -1
}

// hasText reports whether folded holds any letter or digit.
func hasText(folded []rune) bool {
	for _, r := range folded {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}
