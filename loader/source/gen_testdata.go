//go:build ignore

// gen_testdata writes testdata/: one sample text taken from the seeds (the
// notice that opens 001 and the 区域协同开放合作工程 section of 000) in every
// encoding Read accepts, a traditional-script and full-width copy, and the
// broken files Read must refuse. Run: go run gen_testdata.go
package main

import (
	"bytes"
	"log"
	"os"
	"path/filepath"
	"strings"

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
}
