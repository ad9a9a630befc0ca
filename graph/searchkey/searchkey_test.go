package searchkey

import "testing"

func TestMatch(t *testing.T) {
	cases := []struct {
		name  string
		query string
		names []string
		want  bool
	}{
		{"full pinyin", "xinchang", []string{"新昌县"}, true},
		{"initials", "xcx", []string{"新昌县"}, true},
		{"traditional query", "臨平", []string{"临平区"}, true},
		{"full width letters", "Ｇ６０", []string{"G60科创走廊"}, true},
		{"alias", "浙大", []string{"浙江大学", "浙大"}, true},
		{"no match", "西湖大学", []string{"西湖区"}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Match(c.query, Keys(c.names...)); got != c.want {
				t.Errorf("Match(%q, Keys(%q)) = %v, want %v; keys %q", c.query, c.names, got, c.want, Keys(c.names...))
			}
		})
	}
}
