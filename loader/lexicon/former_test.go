package lexicon

import (
	"strings"
	"testing"
)

// TestFormerRegions checks divisions that documents of the 2000s and 2010s
// name but today's gazetteer no longer has. Each case gives the change file
// of yescallop/areacodes that records it (diff/Y-1-Y.diff, Y the year it
// ended) and, in brief, the approval it quotes.
func TestFormerRegions(t *testing.T) {
	tests := []struct {
		name, code, level, parent string
		from, to                  int
		aliases, successors       string
	}{
		// diff/2020-2021.diff: 下城区>拱墅区, 江干区>上城区,钱塘区 (Hangzhou, 2021).
		{"江干区", "330104", "district", "330100", 0, 2021, "江干", "330102|330114"},
		{"下城区", "330103", "district", "330100", 0, 2021, "下城", "330105"},
		// diff/2000-2001.diff, 国函〔2001〕13号: 撤销县级萧山市、余杭市, 设立萧山区、余杭区.
		// 萧山 and 余杭 stay with today's districts.
		{"萧山市", "330181", "county-level city", "330100", 0, 2001, "", "330109"},
		{"余杭市", "330184", "county-level city", "330100", 0, 2001, "", "330110"},
		{"富阳市", "330183", "county-level city", "330100", 0, 2014, "", "330111"}, // diff/2013-2014.diff
		{"临安市", "330185", "county-level city", "330100", 0, 2017, "", "330112"}, // 国函〔2017〕102号
		// diff/2008-2009.diff: 南汇区>浦东新区; it was 南汇县 until 国函〔2001〕3号.
		{"南汇区", "310119", "district", "310000", 2001, 2009, "南汇", "310115"},
		{"南汇县", "310225", "county", "310000", 0, 2001, "", "310119"},
		{"卢湾区", "310103", "district", "310000", 0, 2011, "卢湾", "310101"}, // 国函〔2011〕59号
		{"闸北区", "310108", "district", "310000", 0, 2015, "闸北", "310106"}, // 国函〔2015〕183号
		{"崇明县", "310230", "county", "310000", 0, 2016, "", "310151"},     // 国函〔2016〕97号
		// diff/2011-2012.diff: 沧浪区, 平江区, 金阊区>姑苏区; 吴江市>吴江区.
		{"沧浪区", "320502", "district", "320500", 0, 2012, "沧浪", "320508"},
		{"平江区", "320503", "district", "320500", 0, 2012, "", "320508"}, // 平江 is also Hunan's 平江县
		{"金阊区", "320504", "district", "320500", 0, 2012, "金阊", "320508"},
		{"吴江市", "320584", "county-level city", "320500", 0, 2012, "", "320509"},
		// diff/2012-2013.diff: 白下区>秦淮区, 下关区>鼓楼区; 下关 is also Dali's, and reads inside 以下关于.
		{"白下区", "320103", "district", "320100", 0, 2013, "白下", "320104"},
		{"下关区", "320107", "district", "320100", 0, 2013, "", "320106"},
		// 国函〔2015〕184号: 撤销崇安区、南长区、北塘区, 设立梁溪区.
		{"崇安区", "320202", "district", "320200", 0, 2015, "", "320213"},
		{"南长区", "320203", "district", "320200", 0, 2015, "", "320213"},
		{"北塘区", "320204", "district", "320200", 0, 2015, "", "320213"},
		// 国函〔2016〕158号: 撤销江东区 (into 鄞州区); 撤销县级奉化市, 设立奉化区.
		{"江东区", "330204", "district", "330200", 0, 2016, "", "330212"},
		{"奉化市", "330283", "county-level city", "330200", 0, 2016, "", "330213"},
		// diff/2012-2013.diff: 绍兴县>柯桥区,越城区; 上虞市>上虞区.
		{"绍兴县", "330621", "county", "330600", 0, 2013, "", "330603|330602"},
		{"上虞市", "330682", "county-level city", "330600", 0, 2013, "", "330604"},
		// diff/2010-2011.diff, 国函〔2011〕84号: 撤销地级巢湖市; its counties went to 合肥, 芜湖, 马鞍山.
		// 巢湖 is today's county-level 巢湖市 (340181).
		{"居巢区", "341402", "district", "341400", 0, 2011, "居巢", "340181"},
		// diff/1999-2000.diff: 丽水地区>丽水市 (a prefecture, under its new code).
		{"丽水地区", "332500", "city", "330000", 0, 2000, "", "331100"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := formerByName(t, tt.name, tt.code)
			got := []string{f.Level, f.Parent, strings.Join(f.Aliases, "|"), strings.Join(f.Successors, "|")}
			want := []string{tt.level, tt.parent, tt.aliases, tt.successors}
			if strings.Join(got, " ") != strings.Join(want, " ") || f.ValidFrom != tt.from || f.ValidTo != tt.to {
				t.Errorf("got %+v, want level %s parent %s aliases %q successors %s years %d-%d", f, tt.level, tt.parent, tt.aliases, tt.successors, tt.from, tt.to)
			}
		})
	}
	t.Run("巢湖市", func(t *testing.T) {
		f := formerByName(t, "巢湖市", "341400")
		if f.Level != "city" || f.Parent != "340000" || f.ValidFrom != 0 || f.ValidTo != 2011 || len(f.Aliases) != 0 {
			t.Errorf("got %+v, want the prefecture 巢湖市, 340000's, until 2011, without the short form 巢湖", f)
		}
	})
	t.Run("existed in", func(t *testing.T) {
		// A document of 2018 that writes 江干区 means 江干区 as it was then.
		f := formerByName(t, "江干区", "330104")
		if !f.ExistedIn(2018) || !f.ExistedIn(2021) || f.ExistedIn(2022) {
			t.Errorf("江干区: ExistedIn(2018, 2021, 2022) = %v, %v, %v", f.ExistedIn(2018), f.ExistedIn(2021), f.ExistedIn(2022))
		}
		f = formerByName(t, "南汇区", "310119")
		if f.ExistedIn(2000) || !f.ExistedIn(2005) || f.ExistedIn(2010) {
			t.Errorf("南汇区: ExistedIn(2000, 2005, 2010) = %v, %v, %v", f.ExistedIn(2000), f.ExistedIn(2005), f.ExistedIn(2010))
		}
	})
}

func formerByName(t *testing.T, name, code string) FormerRegion {
	t.Helper()
	var found []FormerRegion
	for _, f := range FormerRegions() {
		if f.Name == name && f.Code == code {
			found = append(found, f)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d rows %s %s in former.tsv, want 1", len(found), code, name)
	}
	return found[0]
}

// TestFormerConsistent checks former.tsv against regions.tsv: it adds only
// what today's gazetteer lacks, every code it points to exists, and its
// short forms stand for one division.
func TestFormerConsistent(t *testing.T) {
	list := FormerRegions()
	if len(list) < 100 {
		t.Fatalf("former.tsv has %d rows", len(list))
	}
	current := map[string]bool{}      // code+name
	codes := map[string]bool{}        // regions.tsv and former.tsv codes
	aliasOwner := map[string]string{} // today's aliases and names
	for _, r := range Regions() {
		current[r.Code+"\t"+r.Name] = true
		codes[r.Code] = true
		aliasOwner[r.Name] = r.Name
		for _, a := range r.Aliases {
			aliasOwner[a] = r.Name
		}
	}
	seen := map[string]bool{}
	for _, f := range list {
		key := f.Code + "\t" + f.Name
		if current[key] {
			t.Errorf("%s %s is in regions.tsv under the same code and name", f.Code, f.Name)
		}
		if seen[key] {
			t.Errorf("%s %s listed twice", f.Code, f.Name)
		}
		seen[key] = true
		codes[f.Code] = true
		if p := f.Code[:2]; p != "31" && p != "32" && p != "33" && p != "34" {
			t.Errorf("%s %s is outside the four provinces", f.Code, f.Name)
		}
	}
	for _, f := range list {
		for _, c := range append([]string{f.Parent}, f.Successors...) {
			if !codes[c] {
				t.Errorf("%s %s: %s is no code of regions.tsv or former.tsv", f.Code, f.Name, c)
			}
		}
		for _, a := range f.Aliases {
			if other, dup := aliasOwner[a]; dup {
				t.Errorf("%s %s: short form %s already stands for %s", f.Code, f.Name, a, other)
			}
			aliasOwner[a] = f.Name
		}
		if f.Source == "" {
			t.Errorf("%s %s: no source", f.Code, f.Name)
		}
	}
}

// TestParseFormer checks that a malformed row is refused, with the reason.
func TestParseFormer(t *testing.T) {
	ok := []string{"330104", "江干区", "district", "330100", "江干", "", "2021", "330102|330114", "src"}
	tests := []struct {
		name string
		col  int
		val  string
		want string // in the error; "" for no error
	}{
		{"valid", 0, "330104", ""},
		{"valid from", 5, "2001", ""},
		{"short code", 0, "33010", "not six digits"},
		{"letters in parent", 3, "3301AA", "not six digits"},
		{"bad successor", 7, "330102|x", "not six digits"},
		{"no successor", 7, "", "no successor"},
		{"unknown level", 2, "town", "level"},
		{"no name", 1, "", "no name"},
		{"valid_to not a year", 6, "21", "not a year"},
		{"valid_to before 2000", 6, "1999", "before 2000"},
		{"valid_from after valid_to", 5, "2022", "valid_from 2022"},
		{"valid_from before 2000", 5, "1995", "valid_from 1995"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := append([]string(nil), ok...)
			r[tt.col] = tt.val
			_, err := parseFormer(r)
			if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
				t.Errorf("parseFormer: err %v, want %q", err, tt.want)
			}
		})
	}
}
