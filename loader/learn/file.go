package learn

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
)

// magic opens a weights file; the digit is the format's version.
const magic = "collabgraph-weights-1\n"

// Bundle is the named models of one weights file, plus free-form notes
// (what they were trained on), all written in a fixed order.
type Bundle struct {
	Notes  map[string]string
	Models map[string]*Model
}

// Write writes b: the magic line, the notes, then each model by name with
// its classes and its rows of little-endian float32 weights, keys ascending.
// Equal bundles give equal bytes.
func (b *Bundle) Write(w io.Writer) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(magic)
	str := func(s string) {
		binary.Write(bw, binary.LittleEndian, uint32(len(s)))
		bw.WriteString(s)
	}
	u32 := func(v uint32) { binary.Write(bw, binary.LittleEndian, v) }
	notes := sortedNames(b.Notes)
	u32(uint32(len(notes)))
	for _, k := range notes {
		str(k)
		str(b.Notes[k])
	}
	names := sortedNames(b.Models)
	u32(uint32(len(names)))
	for _, name := range names {
		m := b.Models[name]
		str(name)
		u32(uint32(len(m.Classes)))
		for _, c := range m.Classes {
			str(c)
		}
		u32(uint32(len(m.keys)))
		for i, k := range m.keys {
			binary.Write(bw, binary.LittleEndian, uint64(k))
			for _, v := range m.w[i*len(m.Classes) : (i+1)*len(m.Classes)] {
				u32(math.Float32bits(v))
			}
		}
	}
	return bw.Flush()
}

// Bytes returns b as written by Write.
func (b *Bundle) Bytes() []byte {
	var buf bytes.Buffer
	b.Write(&buf) // a bytes.Buffer does not fail
	return buf.Bytes()
}

// ErrFormat says a weights file is not one this package writes.
var ErrFormat = errors.New("learn: not a weights file of this version")

// Read reads a bundle written by Write.
func Read(data []byte) (*Bundle, error) {
	if !bytes.HasPrefix(data, []byte(magic)) {
		return nil, ErrFormat
	}
	r := bytes.NewReader(data[len(magic):])
	var err error
	u32 := func() uint32 {
		var v uint32
		if err == nil {
			err = binary.Read(r, binary.LittleEndian, &v)
		}
		return v
	}
	str := func() string {
		n := u32()
		if err != nil || int64(n) > int64(r.Len()) {
			if err == nil {
				err = io.ErrUnexpectedEOF
			}
			return ""
		}
		b := make([]byte, n)
		_, err = io.ReadFull(r, b)
		return string(b)
	}
	b := &Bundle{Notes: map[string]string{}, Models: map[string]*Model{}}
	for n := u32(); err == nil && n > 0; n-- {
		k := str()
		b.Notes[k] = str()
	}
	for n := u32(); err == nil && n > 0; n-- {
		name := str()
		m := &Model{}
		for c := u32(); err == nil && c > 0; c-- {
			m.Classes = append(m.Classes, str())
		}
		rows := u32()
		if err == nil && int64(rows)*int64(8+4*len(m.Classes)) > int64(r.Len()) {
			err = io.ErrUnexpectedEOF
		}
		if err != nil {
			break
		}
		m.keys = make([]Feature, rows)
		m.w = make([]float32, int(rows)*len(m.Classes))
		for i := range m.keys {
			var k uint64
			binary.Read(r, binary.LittleEndian, &k)
			m.keys[i] = Feature(k)
			for c := range m.Classes {
				m.w[i*len(m.Classes)+c] = math.Float32frombits(u32())
			}
		}
		m.buildIndex()
		b.Models[name] = m
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	return b, nil
}

func sortedNames[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
