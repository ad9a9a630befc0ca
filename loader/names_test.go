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
