package source

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// The testdata files are one sample (001's notice and 000's
// 区域协同开放合作工程 section) in each encoding, made by gen_testdata.go.
func TestEncodings(t *testing.T) {
	want, err := os.ReadFile("testdata/sample.utf8.txt")
	if err != nil {
		t.Fatal(err)
	}
	ref, err := Read("testdata/sample.utf8.txt", Meta{})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"sample.utf8bom.txt", "sample.gbk.txt", "sample.utf16le.txt", "sample.utf16be.txt"} {
		t.Run(name, func(t *testing.T) {
			d, err := Read(filepath.Join("testdata", name), Meta{})
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, d)
			if d.Original != string(want) {
				t.Errorf("decoded text differs from the UTF-8 sample:\n%q", d.Original)
			}
			if len(d.Sentences) != len(ref.Sentences) || d.Title != ref.Title || d.Date != ref.Date || d.Issuer != ref.Issuer {
				t.Errorf("%d sentences, title %q date %q issuer %q; want %d, %q %q %q", len(d.Sentences), d.Title, d.Date, d.Issuer, len(ref.Sentences), ref.Title, ref.Date, ref.Issuer)
			}
		})
	}
	if ref.Title != "临平区“十四五”科技创新发展规划" || ref.Date != "2021-12-10" || ref.Issuer != "临平区" {
		t.Errorf("sample: title %q date %q issuer %q", ref.Title, ref.Date, ref.Issuer)
	}
}

// A traditional-script, full-width copy folds to the simplified text rune
// for rune, so names are found at the same offsets, while Original keeps
// the file's own characters for evidence.
func TestTraditionalFullWidth(t *testing.T) {
	ref, err := Read("testdata/sample.utf8.txt", Meta{})
	if err != nil {
		t.Fatal(err)
	}
	d, err := Read("testdata/sample.trad.txt", Meta{})
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, d)
	if len(d.Folded) != len(ref.Folded) {
		t.Fatalf("%d runes, want %d", len(d.Folded), len(ref.Folded))
	}
	if got, want := string(d.Folded), string(ref.Folded); got != want {
		diff := 0
		for i := range d.Folded {
			if d.Folded[i] != ref.Folded[i] {
				diff++
				if diff < 5 {
					t.Errorf("Folded[%d] = %q, want %q (Original %q)", i, d.Folded[i], ref.Folded[i], []rune(d.Original)[i])
				}
			}
		}
		t.Errorf("%d of %d runes fold differently", diff, len(d.Folded))
	}
	// "發揮處於Ｇ６０科創大走廊" reads as G60科创大走廊 in Folded.
	at := strings.Index(string(ref.Folded), "G60科创大走廊")
	runeAt := utf8.RuneCountInString(string(ref.Folded)[:at])
	if got := string(d.Folded[runeAt : runeAt+8]); got != "G60科创大走廊" {
		t.Errorf("Folded at %d = %q", runeAt, got)
	}
	if got := string([]rune(d.Original)[runeAt : runeAt+8]); got != "Ｇ６０科創大走廊" {
		t.Errorf("Original at %d = %q", runeAt, got)
	}
	if len(d.Sentences) != len(ref.Sentences) || d.Title != "臨平區“十四五”科技創新發展規劃" || d.Date != "2021-12-10" || d.Issuer != "临平区" {
		t.Errorf("%d sentences (want %d), title %q date %q issuer %q", len(d.Sentences), len(ref.Sentences), d.Title, d.Date, d.Issuer)
	}
}

func TestBadFiles(t *testing.T) {
	tests := []struct {
		file   string
		want   error
		offset int
	}{
		{"empty.txt", ErrEmpty, -1},
		{"bom-only.txt", ErrEmpty, -1},
		{"binary.png", ErrBinary, -1},  // known by its signature, not by its first NUL
		{"latin1.txt", ErrEncoding, 3}, // "Caf\xe9"
		// One stray 0xFF before "各镇" on line 2 (byte 76): damaged UTF-8,
		// refused rather than read as GBK mojibake.
		{"damaged-utf8.txt", ErrEncoding, 76},
		// Big5 is none of the accepted encodings; decoded as GBK it would be
		// kana and symbols, and the common-text ratio refuses it.
		{"sample.big5.txt", ErrEncoding, 0},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", tt.file)
			_, err := Read(path, Meta{})
			var e *Error
			if !errors.As(err, &e) || !errors.Is(err, tt.want) {
				t.Fatalf("err %v, want *Error wrapping %v", err, tt.want)
			}
			if e.File != path || e.Offset != tt.offset {
				t.Errorf("File %q Offset %d, want %q %d", e.File, e.Offset, path, tt.offset)
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("message %q does not name the file", err)
			}
		})
	}
}

func TestTruncatedUTF8(t *testing.T) {
	d, err := Read("testdata/truncated.txt", Meta{})
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, d)
	// The last character, cut in half, becomes U+FFFD; everything before it stands.
	want, _ := os.ReadFile("testdata/sample.utf8.txt")
	w := []rune(strings.TrimRight(string(want), "\n"))
	got := []rune(d.Original)
	if len(got) != len(w) || string(got[:len(got)-1]) != string(w[:len(w)-1]) || got[len(got)-1] != utf8.RuneError {
		t.Errorf("tail %q, want %q then U+FFFD", string(got[max(0, len(got)-5):]), string(w[len(w)-5:len(w)-1]))
	}
}

func TestTooLarge(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.txt")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	// A sparse file: MaxSize+1 bytes on paper, nothing on disk.
	if err := f.Truncate(MaxSize + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err = Read(path, Meta{})
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err %v, want *Error wrapping ErrTooLarge", err)
	}
}

func TestDecodeHeuristics(t *testing.T) {
	gbk, err := os.ReadFile("testdata/sample.gbk.txt")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"utf8", []byte("临平区 G60"), nil},
		{"gbk", gbk, nil},
		{"odd utf16", []byte{0xFF, 0xFE, 'a', 0, 'b'}, ErrEncoding},
		{"utf16 bom only", []byte{0xFE, 0xFF}, ErrEmpty},
		{"nul", []byte("abc\x00def"), ErrBinary},
		{"controls", []byte(strings.Repeat("\x01\x02\x03abc", 100)), ErrBinary},
		{"one stray control", []byte(strings.Repeat("临平区科技创新。", 200) + "\x07"), nil},
		{"random high bytes", []byte{0x81, 0x20, 0xFE, 0x21, 0x80, 0x80}, ErrEncoding},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := decode(tt.data)
			if !errors.Is(err, tt.want) {
				t.Errorf("err %v, want %v", err, tt.want)
			}
		})
	}
}
