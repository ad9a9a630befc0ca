package learn

import (
	"bytes"
	"testing"
)

// TestPerceptronLearnsAndRoundTrips trains on a separable toy problem (the
// class is the first feature's value) and checks that the averaged model
// predicts it, that the file format returns the same scores, and that two
// trainings give the same bytes.
func TestPerceptronLearnsAndRoundTrips(t *testing.T) {
	classes := []string{"A", "B", "C"}
	type ex struct {
		fs   []Feature
		gold int
	}
	var data []ex
	for i := 0; i < 300; i++ {
		c := i % 3
		data = append(data, ex{[]Feature{Template(1).Int(c), Template(2).Int(i % 7), Template(3)}, c})
	}
	train := func() *Bundle {
		tr := NewTrainer(classes)
		var scratch []int64
		for epoch := uint64(0); epoch < 5; epoch++ {
			for _, i := range Order(len(data), 42, epoch) {
				_, scratch = tr.Learn(data[i].fs, data[i].gold, scratch)
			}
		}
		return &Bundle{Notes: map[string]string{"corpus": "toy"}, Models: map[string]*Model{"toy": tr.Model()}}
	}
	b := train()
	m := b.Models["toy"]
	for _, e := range data[:9] {
		scores := m.Scores(e.fs, nil)
		if c, p := Argmax(scores), Softmax(scores, nil)[Argmax(scores)]; c != e.gold || p <= 0.34 {
			t.Fatalf("predicted %s (%.2f), want %s", classes[c], p, classes[e.gold])
		}
	}
	raw := b.Bytes()
	if again := train().Bytes(); !bytes.Equal(raw, again) {
		t.Fatal("two trainings on the same data wrote different bytes")
	}
	back, err := Read(raw)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(back.Bytes(), raw) || back.Notes["corpus"] != "toy" {
		t.Fatal("read then written again differs")
	}
	if _, err := Read(raw[:len(raw)-3]); err == nil {
		t.Fatal("a truncated file was read without error")
	}
	if _, err := Read([]byte("something else")); err == nil {
		t.Fatal("a foreign file was read without error")
	}
}

// TestFeatureHashKeepsValuesApart: the same values under two templates, or
// in another order, are different features.
func TestFeatureHashKeepsValuesApart(t *testing.T) {
	a := Template(1).Rune('与').Rune('共')
	b := Template(2).Rune('与').Rune('共')
	c := Template(1).Rune('共').Rune('与')
	d := Template(1).Str("与").Str("共")
	if a == b || a == c || a == d || Template(1).Str("ab").Str("c") == Template(1).Str("a").Str("bc") {
		t.Fatal("feature hashes collide on distinct values")
	}
}
