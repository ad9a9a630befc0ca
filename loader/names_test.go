package loader_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/collabgraph/collabgraph/graph"
	"github.com/collabgraph/collabgraph/loader"
)

// TestSameNamedRegionsStayApart: two districts of one name are two
// entities, each placed by the parent written before it, with its own
// GB/T 2260 code and the parent in its name.
func TestSameNamedRegionsStayApart(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"putuo.txt":    "上海市普陀区与舟山市普陀区签署战略合作协议。\n",
		"gulou.txt":    "南京市鼓楼区与徐州市鼓楼区开展结对合作。\n",
		"qianyuan.txt": "乾元科技园位于德清县。\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	g, err := loader.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	codes := map[string]string{}
	for _, e := range g.Entities {
		if e.Kind == graph.Region {
			codes[e.Name] = e.Code
		}
	}
	for name, code := range map[string]string{
		"普陀区(上海市)": "310107", "普陀区(舟山市)": "330903",
		"鼓楼区(南京市)": "320106", "鼓楼区(徐州市)": "320302",
	} {
		if codes[name] != code {
			t.Errorf("region %s: code %q, want %q (regions: %v)", name, codes[name], code, codes)
		}
	}
	// A name the gazetteer does not know keeps the characters written:
	// folding alone would show 乾元 as 干元, which search then cannot find.
	found := false
	for _, e := range g.Entities {
		if e.Name == "乾元科技园" {
			found = true
		}
	}
	if !found {
		t.Errorf("乾元科技园 not among the entities %v", g.Entities)
	}
}

// TestQuotedNamesTakenWhole: a name in quotation marks that ends in a head
// is one name, whatever words it holds; a quoted slogan is none.
func TestQuotedNamesTakenWhole(t *testing.T) {
	dir := t.TempDir()
	text := "我校与大厂街道签署“环高校产业创新集聚区”合作共建协议。\n" +
		"着力打造“1+2+X”的科技攻关体系,深化“两中心一队伍”建设。\n"
	if err := os.WriteFile(filepath.Join(dir, "quoted.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	g, err := loader.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]graph.Kind{}
	for _, e := range g.Entities {
		names[e.Name] = e.Kind
	}
	if names["环高校产业创新集聚区"] != graph.Platform {
		t.Errorf("“环高校产业创新集聚区” is not one platform: %v", names)
	}
	for _, slogan := range []string{"1+2+X", "两中心一队伍"} {
		if _, ok := names[slogan]; ok {
			t.Errorf("the slogan “%s” became an entity", slogan)
		}
	}
}

// TestFormerDivisions: a division abolished or renamed since 2000 is the
// region it was, with the code it had.
func TestFormerDivisions(t *testing.T) {
	dir := t.TempDir()
	text := "2018年,江干区与江山市共建科创飞地。萧山市撤市设区前,杭州城区已经东扩。\n"
	if err := os.WriteFile(filepath.Join(dir, "former.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	g, err := loader.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	codes := map[string]string{}
	for _, e := range g.Entities {
		codes[e.Name] = e.Code
	}
	for name, code := range map[string]string{"江干区": "330104", "萧山市": "330181"} {
		if codes[name] != code {
			t.Errorf("%s: code %q, want %q (entities %v)", name, codes[name], code, codes)
		}
	}
	if _, ok := codes["城区"]; ok {
		t.Error("城区 (urban area) was read as the former district of that name")
	}
}
