// Package storetest holds the contract checks every graph.Store passes, as
// gonum's testgraph does for graph implementations: a store's own test
// calls Run with a function that makes an empty store, and the checks load
// Fixture into it and compare every answer with one written out by hand.
package storetest

import (
	"fmt"
	"strings"

	"github.com/collabgraph/collabgraph/graph"
)

// The two documents of the fixture, after seeds/001 (临平区's plan, dated
// 2021) and seeds/004 (新昌县's report, dated 2023).
const (
	DocLinping  = "001_d3359bdaaf069143"
	DocXinchang = "004_e2e9d89b10e5a6e1"
)

type fixtureEntity struct {
	name, level, code string
	kind              graph.Kind
	aliases           []string
}

var fixtureEntities = []fixtureEntity{
	{name: "杭州市", kind: graph.Region, level: "city", code: "330100"},
	{name: "临平区", kind: graph.Region, level: "district", code: "330113"},
	{name: "西湖区", kind: graph.Region, level: "district", code: "330106"},
	{name: "滨江区", kind: graph.Region, level: "district", code: "330108"},
	{name: "余杭区", kind: graph.Region, level: "district", code: "330110"},
	{name: "新昌县", kind: graph.Region, level: "county", code: "330624"},
	{name: "上海市", kind: graph.Region, level: "province", code: "310000", aliases: []string{"上海"}},
	{name: "G60科创走廊", kind: graph.Corridor, aliases: []string{"G60科创大走廊"}},
	{name: "杭州城西科创大走廊", kind: graph.Corridor, aliases: []string{"城西科创大走廊"}},
	{name: "未来科技城", kind: graph.Platform, aliases: []string{"杭州未来科技城"}},
	{name: "钱塘科学城", kind: graph.Platform}, // no relations at all
	{name: "新昌县科创飞地(西湖区)", kind: graph.Enclave},
	{name: "新昌县科创飞地(滨江区)", kind: graph.Enclave},
	{name: "临平区科创飞地(未来科技城)", kind: graph.Enclave},
	{name: "西湖大学", kind: graph.Institution},
	{name: "浙江大学", kind: graph.Institution, aliases: []string{"浙大"}},
	{name: "阿里云", kind: graph.Enterprise},
	{name: "长三角区域校地合作联盟", kind: graph.Alliance},
}

type fixtureEvidence struct {
	doc, text string
	status    graph.Status
}

type fixtureRelation struct {
	label    string // "from KIND to", by entity names
	status   graph.Status
	year     int
	evidence []fixtureEvidence
}

var (
	e = graph.Established
	p = graph.Planned
)

func ev(doc string, s graph.Status, text string) fixtureEvidence {
	return fixtureEvidence{doc: doc, text: text, status: s}
}

var fixtureRelations = []fixtureRelation{
	{"临平区 PART_OF 杭州市", e, 2021, []fixtureEvidence{ev(DocLinping, e, "杭州市临平区")}},
	{"西湖区 PART_OF 杭州市", e, 2023, []fixtureEvidence{ev(DocXinchang, e, "杭州市西湖区")}},
	{"滨江区 PART_OF 杭州市", e, 2023, []fixtureEvidence{ev(DocXinchang, e, "杭州市滨江区")}},
	{"余杭区 PART_OF 杭州市", e, 2021, []fixtureEvidence{ev(DocLinping, e, "杭州市余杭区")}},
	{"新昌县 OPERATES 新昌县科创飞地(西湖区)", e, 2023, []fixtureEvidence{ev(DocXinchang, e, "已在杭州西湖区建成科创飞地")}},
	{"新昌县科创飞地(西湖区) LOCATED_IN 西湖区", e, 2023, []fixtureEvidence{ev(DocXinchang, e, "已在杭州西湖区建成科创飞地")}},
	{"新昌县 OPERATES 新昌县科创飞地(滨江区)", p, 2023, []fixtureEvidence{ev(DocXinchang, p, "谋划在滨江区设立科创飞地")}},
	{"新昌县科创飞地(滨江区) LOCATED_IN 滨江区", p, 2023, []fixtureEvidence{ev(DocXinchang, p, "谋划在滨江区设立科创飞地")}},
	{"临平区 OPERATES 临平区科创飞地(未来科技城)", e, 2021, []fixtureEvidence{ev(DocLinping, e, "在未来科技城设立科创飞地")}},
	{"临平区科创飞地(未来科技城) LOCATED_IN 未来科技城", e, 2021, []fixtureEvidence{ev(DocLinping, e, "在未来科技城设立科创飞地")}},
	{"未来科技城 PART_OF 杭州城西科创大走廊", e, 2021, []fixtureEvidence{ev(DocLinping, e, "城西科创大走廊的未来科技城")}},
	{"未来科技城 LOCATED_IN 余杭区", e, 2021, []fixtureEvidence{ev(DocLinping, e, "位于余杭区的未来科技城")}},
	{"杭州市 BUILDS 未来科技城", e, 2021, []fixtureEvidence{ev(DocLinping, e, "杭州市建成未来科技城")}},
	{"西湖大学 LOCATED_IN 西湖区", e, 2023, []fixtureEvidence{ev(DocXinchang, e, "坐落于西湖区的西湖大学")}},
	{"西湖区 BUILDS 西湖大学", e, 2023, []fixtureEvidence{ev(DocXinchang, e, "西湖区已建成西湖大学")}},
	{"浙江大学 COOPERATES_WITH 新昌县", e, 2023, []fixtureEvidence{ev(DocXinchang, e, "与浙江大学签订全面战略合作协议")}},
	{"浙江大学 LOCATED_IN 西湖区", e, 2023, []fixtureEvidence{ev(DocXinchang, e, "位于西湖区的浙江大学")}},
	{"临平区 JOINS G60科创走廊", p, 2021, []fixtureEvidence{ev(DocLinping, p, "共建G60科创走廊")}},
	{"上海市 JOINS G60科创走廊", e, 2021, []fixtureEvidence{ev(DocLinping, e, "上海已融入G60科创走廊")}},
	{"阿里云 LOCATED_IN 西湖区", e, 2021, []fixtureEvidence{ev(DocLinping, e, "落户西湖区的阿里云")}},
	{"阿里云 COOPERATES_WITH 临平区", e, 2021, []fixtureEvidence{ev(DocLinping, e, "与阿里云签订战略合作协议")}},
	{"临平区 JOINS 长三角区域校地合作联盟", p, 2021, []fixtureEvidence{ev(DocLinping, p, "积极加入长三角区域校地合作联盟")}},
	{"新昌县 JOINS 长三角区域校地合作联盟", e, 2023, []fixtureEvidence{ev(DocXinchang, e, "已加入长三角区域校地合作联盟")}},
	// Stated by both documents, first as an aim and later as done.
	{"杭州市 COOPERATES_WITH 上海市", e, 2023, []fixtureEvidence{
		ev(DocLinping, p, "推动沪杭创新合作"),
		ev(DocXinchang, e, "杭州与上海已签订科创合作协议"),
	}},
	{"新昌县 COOPERATES_WITH 上海市", p, 2023, []fixtureEvidence{ev(DocXinchang, p, "积极推进与上海合作")}},
}

// Fixture returns a new copy of the graph every check runs on: 18
// entities of every kind, 25 relations of every kind and both statuses,
// two dated documents, and one load error. Names and clauses follow the
// seeds. Entity and relation ids are made by graph.EntityID and
// graph.RelationID, so ID and RelationID find them.
func Fixture() *graph.Graph {
	g := &graph.Graph{
		Documents: []graph.Document{
			{ID: DocLinping, File: "seeds/" + DocLinping + ".txt", Title: "临平区“十四五”科技创新发展规划", Issuer: ID("临平区"), Date: "2021-12-10"},
			{ID: DocXinchang, File: "seeds/" + DocXinchang + ".txt", Title: "新昌县科技局2023年工作总结", Issuer: ID("新昌县"), Date: "2023-06-19"},
		},
		Errors: []graph.LoadError{{File: "seeds/999_broken.txt", Message: "loader: seeds/999_broken.txt: not UTF-8, GB18030 or UTF-16"}},
	}
	for _, fe := range fixtureEntities {
		g.Entities = append(g.Entities, graph.Entity{
			ID: graph.EntityID(fe.kind, fe.name), Name: fe.name, Kind: fe.kind,
			Aliases: append([]string{}, fe.aliases...), Level: fe.level, Code: fe.code,
		})
	}
	offset := 100
	for _, fr := range fixtureRelations {
		kind, from, to := parseLabel(fr.label)
		r := graph.Relation{ID: graph.RelationID(kind, from, to), Kind: kind, From: from, To: to, Status: fr.status, Year: fr.year}
		if kind.Symmetric() && to < from {
			r.From, r.To = to, from
		}
		for _, fv := range fr.evidence {
			n := len([]rune(fv.text))
			r.Evidence = append(r.Evidence, graph.Evidence{Document: fv.doc, Text: fv.text, Start: offset, End: offset + n, Status: fv.status})
			offset += n + 7
		}
		g.Relations = append(g.Relations, r)
	}
	return g
}

// ID returns the id of the fixture entity named name. It panics on a name
// the fixture does not have: that is a mistake in a test.
func ID(name string) string {
	for _, fe := range fixtureEntities {
		if fe.name == name {
			return graph.EntityID(fe.kind, fe.name)
		}
	}
	panic(fmt.Sprintf("storetest: no fixture entity %q", name))
}

// RelationID returns the id of the fixture relation written as label,
// "from KIND to" by entity names, such as "新昌县 OPERATES 新昌县科创飞地(西湖区)".
// A symmetric relation may be written either way round.
func RelationID(label string) string {
	kind, from, to := parseLabel(label)
	return graph.RelationID(kind, from, to)
}

func parseLabel(label string) (graph.RelationKind, string, string) {
	f := strings.Fields(label)
	if len(f) != 3 || !graph.RelationKind(f[1]).Valid() {
		panic(fmt.Sprintf("storetest: bad relation label %q", label))
	}
	return graph.RelationKind(f[1]), ID(f[0]), ID(f[2])
}
