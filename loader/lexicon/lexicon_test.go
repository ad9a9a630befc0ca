package lexicon

import (
	"regexp"
	"strings"
	"testing"

	"github.com/collabgraph/collabgraph/graph"
)

func regionByName(t *testing.T, name string) Region {
	t.Helper()
	var found []Region
	for _, r := range Regions() {
		if r.Name == name {
			found = append(found, r)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d regions named %s, want 1", len(found), name)
	}
	return found[0]
}

func TestRegions(t *testing.T) {
	tests := []struct {
		name, code, level, parent string
		aliases                   []string
	}{
		// Hangzhou's 2021 redistricting: 临平区 and 钱塘区 exist, 江干区 does not.
		{"临平区", "330113", "district", "330100", []string{"临平"}},
		{"钱塘区", "330114", "district", "330100", []string{"钱塘"}},
		{"西湖区", "330106", "district", "330100", []string{"西湖"}},
		{"新昌县", "330624", "county", "330600", []string{"新昌"}},
		{"海宁市", "330481", "county-level city", "330400", []string{"海宁"}},
		{"杭州市", "330100", "city", "330000", []string{"杭州"}},
		{"上海市", "310000", "province", "CN", []string{"上海"}},
		{"浙江省", "330000", "province", "CN", []string{"浙江"}},
		// A Shanghai district's parent is the municipality itself.
		{"浦东新区", "310115", "district", "310000", []string{"浦东"}},
		{"景宁畲族自治县", "331127", "county", "331100", []string{"景宁"}},
		{"乔司街道", "330113005", "street", "330113", []string{"乔司"}}, // from alias-extra.tsv
		{"长江三角洲", "", "macro", "CN", []string{"长三角", "长三角地区", "长江三角洲地区"}},
		{"美国硅谷", "", "foreign", "US", []string{"硅谷"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := regionByName(t, tt.name)
			if r.Code != tt.code || r.Level != tt.level || r.Parent != tt.parent || strings.Join(r.Aliases, "|") != strings.Join(tt.aliases, "|") {
				t.Errorf("got %+v, want code %s level %s parent %s aliases %v", r, tt.code, tt.level, tt.parent, tt.aliases)
			}
		})
	}
	for _, r := range Regions() {
		if r.Name == "江干区" {
			t.Errorf("江干区 was abolished in 2021 but is listed: %+v", r)
		}
	}
}

func TestRegionsConsistent(t *testing.T) {
	codes := make(map[string]Region)
	for _, r := range Regions() {
		if r.Code == "" {
			continue
		}
		if prev, dup := codes[r.Code]; dup {
			t.Errorf("code %s: %s and %s", r.Code, prev.Name, r.Name)
		}
		codes[r.Code] = r
	}
	levels := map[string]bool{"province": true, "city": true, "district": true, "county": true, "county-level city": true, "town": true, "street": true, "macro": true, "country": true, "foreign": true}
	aliasOwner := make(map[string]string)
	for _, r := range Regions() {
		if !levels[r.Level] {
			t.Errorf("%s: level %q", r.Name, r.Level)
		}
		if r.Parent != "" {
			if _, ok := codes[r.Parent]; !ok {
				t.Errorf("%s: parent %s is not a listed code", r.Name, r.Parent)
			}
		}
		for _, a := range r.Aliases {
			if prev, dup := aliasOwner[a]; dup {
				t.Errorf("alias %s stands for both %s and %s", a, prev, r.Name)
			}
			aliasOwner[a] = r.Name
		}
	}
	// The four Yangtze River Delta provinces are covered down to towns.
	for _, p := range []string{"31", "32", "33", "34"} {
		n := 0
		for c, r := range codes {
			if strings.HasPrefix(c, p) && (r.Level == "town" || r.Level == "street") {
				n++
			}
		}
		if n < 200 {
			t.Errorf("province %s: %d towns and streets", p, n)
		}
	}
}

func TestKnown(t *testing.T) {
	byName := make(map[string]Entity)
	for _, k := range Known() {
		if _, dup := byName[k.Name]; dup {
			t.Errorf("%s listed twice", k.Name)
		}
		byName[k.Name] = k
	}
	tests := []struct {
		name   string
		kind   graph.Kind
		alias  string
		parent string
	}{
		{"G60科创走廊", graph.Corridor, "G60", ""},
		{"杭州城西科创大走廊", graph.Corridor, "城西科创大走廊", ""},
		{"宁波甬江科创大走廊", graph.Corridor, "宁波甬江", ""},
		{"未来科技城", graph.Platform, "", "杭州城西科创大走廊"},
		{"浙江大学", graph.Institution, "浙大", ""},
		{"杭州电子科技大学", graph.Institution, "杭电", ""},
		{"浙江工业大学", graph.Institution, "浙工大", ""},
		{"中国科学院软件研究所", graph.Institution, "中科院软件所", ""},
		{"万丰奥特", graph.Enterprise, "", ""},
		{"长三角区域校地合作联盟", graph.Alliance, "", ""},
	}
	for _, tt := range tests {
		k, ok := byName[tt.name]
		if !ok {
			t.Errorf("%s missing", tt.name)
			continue
		}
		if k.Kind != tt.kind || k.Parent != tt.parent || (tt.alias != "" && !contains(k.Aliases, tt.alias)) {
			t.Errorf("%s: got %+v, want kind %s alias %q parent %q", tt.name, k, tt.kind, tt.alias, tt.parent)
		}
	}
	// A parent must itself be listed; an alias must not be another entity's name.
	for _, k := range Known() {
		if k.Parent != "" {
			if _, ok := byName[k.Parent]; !ok {
				t.Errorf("%s: parent %s not listed", k.Name, k.Parent)
			}
		}
		for _, a := range k.Aliases {
			if other, ok := byName[a]; ok {
				t.Errorf("%s: alias %s is the name of %s", k.Name, a, other.Name)
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func TestPatternsCompile(t *testing.T) {
	roles := map[string]map[string]bool{
		"furniture.tsv": {"drop": true, "date": true, "source": true, "issuer": true, "title": true, "toc-heading": true, "toc-entry": true, "level-hint": true, "heading": true, "byline": true},
		"spam.tsv":      {"keyword": true, "extend": true},
		"dates.tsv":     {"date": true, "numeral": true, "field": true, "after": true, "wire": true, "year": true, "period": true, "plan": true},
	}
	literal := map[string]bool{"keyword": true, "numeral": true, "field": true, "plan": true}
	for file, list := range map[string][]Pattern{"furniture.tsv": Furniture(), "spam.tsv": Spam(), "dates.tsv": Dates()} {
		if len(list) == 0 {
			t.Errorf("%s is empty", file)
		}
		for _, p := range list {
			if !roles[file][p.Role] {
				t.Errorf("%s: unknown role %q", file, p.Role)
			}
			if literal[p.Role] {
				continue
			}
			if _, err := regexp.Compile(p.Expr); err != nil {
				t.Errorf("%s: %s %q: %v", file, p.Role, p.Expr, err)
			}
		}
	}
}

func TestReadTSV(t *testing.T) {
	rows, err := ReadTSV("regions.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(Regions()) {
		t.Errorf("%d rows, %d regions", len(rows), len(Regions()))
	}
	for _, r := range rows {
		if strings.HasPrefix(r[0], "#") {
			t.Fatalf("comment line returned: %v", r)
		}
	}
	if _, err := ReadTSV("nope.tsv"); err == nil || !strings.HasPrefix(err.Error(), "lexicon: ") {
		t.Errorf("missing file: err %v", err)
	}
	got := parseTSV([]byte("# header\n\na\t b \t\r\n#x\nc\n"))
	if len(got) != 2 || strings.Join(got[0], ",") != "a,b," || got[1][0] != "c" {
		t.Errorf("parseTSV: %q", got)
	}
}

func BenchmarkRegions(b *testing.B) {
	for i := 0; i < b.N; i++ {
		_ = parseTSV(mustFile("regions.tsv"))
	}
}

func mustFile(name string) []byte {
	data, err := files.ReadFile(name)
	if err != nil {
		panic(err)
	}
	return data
}
