package storetest

import (
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/collabgraph/collabgraph/graph"
)

// Options adjusts Run for one store.
type Options struct {
	// Skip names checks the store cannot pass, each with the reason, which
	// is printed. A name is a subtest path below Run, such as "Paths" for
	// a whole group or "Paths/no_path" for one check, as `go test -run`
	// prints it. A name that matches no check fails the run, so a renamed
	// check is not skipped silently.
	Skip map[string]string
}

// Run checks that the stores newStore makes keep the graph.Store contract.
// Each group of checks calls newStore once and loads Fixture into it with
// Replace; newStore may hand out stores that share one database, since
// the groups run one after another and never overlap. newStore should
// register its own cleanup with t.Cleanup.
func Run(t *testing.T, newStore func(t *testing.T) graph.Store) {
	RunWith(t, newStore, Options{})
}

// RunWith is Run with options.
func RunWith(t *testing.T, newStore func(t *testing.T) graph.Store, opts Options) {
	s := &suite{root: t.Name(), newStore: newStore, opts: opts, used: map[string]bool{}}
	groups := []struct {
		name  string
		check func(t *testing.T, c *checker)
	}{
		{"Ready", checkReady},
		{"Entity", checkEntity},
		{"Entities", checkEntities},
		{"RelationsOf", checkRelationsOf},
		{"FindEntities", checkFindEntities},
		{"Degrees", checkDegrees},
		{"Relation", checkRelation},
		{"Documents", checkDocuments},
		{"DocumentRelations", checkDocumentRelations},
		{"LoadErrors", checkLoadErrors},
		{"Paths", checkPaths},
		{"Neighborhood", checkNeighborhood},
		{"Cooperation", checkCooperation},
		{"Enclaves", checkEnclaves},
		{"Stats", checkStats},
		{"Replace", checkReplace},
	}
	for _, gr := range groups {
		s.run(t, gr.name, func(t *testing.T) {
			st := newStore(t)
			ctx := context.Background()
			if err := st.Replace(ctx, Fixture()); err != nil {
				t.Fatalf("Replace(Fixture()): %v", err)
			}
			gr.check(t, &checker{suite: s, store: st, ctx: ctx})
		})
	}
	for name := range opts.Skip {
		if !s.known(name) {
			t.Errorf("storetest: Options.Skip names %q, which is no check", name)
		}
	}
}

type suite struct {
	root     string
	newStore func(t *testing.T) graph.Store
	opts     Options
	used     map[string]bool // every check name that ran or was skipped
	skipped  []string        // skipped names, each with a trailing slash
}

// run runs f as subtest name unless the options skip it, and records the
// name so that Skip keys naming no check can be reported.
func (s *suite) run(t *testing.T, name string, f func(t *testing.T)) {
	t.Helper()
	t.Run(name, func(t *testing.T) {
		key := strings.TrimPrefix(t.Name(), s.root+"/")
		s.used[key] = true
		if reason, ok := s.opts.Skip[key]; ok {
			s.skipped = append(s.skipped, key+"/")
			t.Skipf("skipped for this store: %s", reason)
		}
		f(t)
	})
}

// known reports whether key names a check that ran, or one inside a
// skipped group (whose checks never ran to be recorded).
func (s *suite) known(key string) bool {
	if s.used[key] {
		return true
	}
	for _, prefix := range s.skipped {
		if strings.HasPrefix(key, prefix) {
			return true
		}
	}
	return false
}

type checker struct {
	*suite
	store graph.Store
	ctx   context.Context
}

func (c *checker) run(t *testing.T, name string, f func(t *testing.T)) {
	t.Helper()
	c.suite.run(t, name, f)
}

// names maps fixture ids to names, so failures and expectations read in
// the fixture's words.
var names = func() map[string]string {
	m := map[string]string{}
	for _, e := range Fixture().Entities {
		m[e.ID] = e.Name
	}
	return m
}()

func nameOf(id string) string {
	if n, ok := names[id]; ok {
		return n
	}
	return id
}

func entityNames(es []*graph.Entity) []string {
	return describe(es, func(e *graph.Entity) string { return e.Name })
}

// describe names each element of a batch answer, "<nil>" for the absent
// ones, so that an expected list can say where an id was unknown.
func describe[T any](xs []*T, name func(*T) string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		if x == nil {
			out[i] = "<nil>"
		} else {
			out[i] = name(x)
		}
	}
	return out
}

func label(r *graph.Relation) string {
	if r == nil {
		return "<nil>"
	}
	return nameOf(r.From) + " " + string(r.Kind) + " " + nameOf(r.To)
}

func labels(rels []*graph.Relation) []string {
	out := make([]string, len(rels))
	for i, r := range rels {
		out[i] = label(r)
	}
	return out
}

// byID returns the fixture relations written as labels, as the fixture
// stores them (a symmetric one with its ends ordered by id) and ordered by
// relation id, the order the contract promises.
func byID(ls ...string) []string {
	stored := map[string]string{}
	for i := range Fixture().Relations {
		r := &Fixture().Relations[i]
		stored[r.ID] = label(r)
	}
	ids := make([]string, len(ls))
	for i, l := range ls {
		ids[i] = RelationID(l)
	}
	slices.Sort(ids)
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = stored[id]
	}
	return out
}

func ids(ns ...string) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = ID(n)
	}
	return out
}

func same(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s:\n got  %q\n want %q", what, got, want)
	}
}

func notFound(t *testing.T, what string, err error) {
	t.Helper()
	if !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("%s: error %v, want one wrapping graph.ErrNotFound", what, err)
	}
}

func noErr(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func checkReady(t *testing.T, c *checker) {
	noErr(t, "Ready", c.store.Ready(c.ctx))
}

func checkEntity(t *testing.T, c *checker) {
	c.run(t, "every_fixture_entity", func(t *testing.T) {
		for _, want := range Fixture().Entities {
			got, err := c.store.Entity(c.ctx, want.ID)
			noErr(t, "Entity("+want.Name+")", err)
			if got.Aliases == nil {
				got2 := *got
				got2.Aliases = []string{}
				got = &got2
			}
			if !reflect.DeepEqual(*got, want) {
				t.Errorf("Entity(%s) = %+v, want %+v", want.Name, *got, want)
			}
		}
	})
	c.run(t, "fields", func(t *testing.T) {
		e, err := c.store.Entity(c.ctx, ID("浙江大学"))
		noErr(t, "Entity(浙江大学)", err)
		if e.Name != "浙江大学" || e.Kind != graph.Institution || !slices.Equal(e.Aliases, []string{"浙大"}) || e.Level != "" {
			t.Errorf("Entity(浙江大学) = %+v", *e)
		}
		e, err = c.store.Entity(c.ctx, ID("新昌县"))
		noErr(t, "Entity(新昌县)", err)
		if e.Kind != graph.Region || e.Level != "county" || e.Code != "330624" {
			t.Errorf("Entity(新昌县) = %+v, want REGION county 330624", *e)
		}
	})
	c.run(t, "unknown", func(t *testing.T) {
		_, err := c.store.Entity(c.ctx, "region-000000000000")
		notFound(t, "Entity(unknown)", err)
	})
}

func checkEntities(t *testing.T, c *checker) {
	c.run(t, "order_and_nil", func(t *testing.T) {
		got, err := c.store.Entities(c.ctx, []string{ID("西湖区"), "region-000000000000", ID("杭州市"), ID("西湖区")})
		noErr(t, "Entities", err)
		same(t, "Entities(西湖区, unknown, 杭州市, 西湖区)", entityNames(got), []string{"西湖区", "<nil>", "杭州市", "西湖区"})
	})
	c.run(t, "none", func(t *testing.T) {
		got, err := c.store.Entities(c.ctx, nil)
		noErr(t, "Entities(nil)", err)
		if len(got) != 0 {
			t.Errorf("Entities(nil) = %q, want none", entityNames(got))
		}
	})
}

func checkRelationsOf(t *testing.T, c *checker) {
	cases := []struct {
		name   string
		id     string
		filter graph.RelationFilter
		want   []string
	}{
		{"both", "新昌县", graph.RelationFilter{}, byID(
			"新昌县 OPERATES 新昌县科创飞地(西湖区)", "新昌县 OPERATES 新昌县科创飞地(滨江区)",
			"浙江大学 COOPERATES_WITH 新昌县", "新昌县 JOINS 长三角区域校地合作联盟", "新昌县 COOPERATES_WITH 上海市")},
		{"both_explicit", "新昌县", graph.RelationFilter{Direction: graph.Both}, byID(
			"新昌县 OPERATES 新昌县科创飞地(西湖区)", "新昌县 OPERATES 新昌县科创飞地(滨江区)",
			"浙江大学 COOPERATES_WITH 新昌县", "新昌县 JOINS 长三角区域校地合作联盟", "新昌县 COOPERATES_WITH 上海市")},
		// COOPERATES_WITH is symmetric: it matches OUT and IN from either end.
		{"out_with_symmetric", "新昌县", graph.RelationFilter{Direction: graph.Out}, byID(
			"新昌县 OPERATES 新昌县科创飞地(西湖区)", "新昌县 OPERATES 新昌县科创飞地(滨江区)",
			"浙江大学 COOPERATES_WITH 新昌县", "新昌县 JOINS 长三角区域校地合作联盟", "新昌县 COOPERATES_WITH 上海市")},
		{"in_symmetric_only", "新昌县", graph.RelationFilter{Direction: graph.In}, byID(
			"浙江大学 COOPERATES_WITH 新昌县", "新昌县 COOPERATES_WITH 上海市")},
		{"symmetric_in_from_other_end", "上海市", graph.RelationFilter{Direction: graph.In}, byID(
			"杭州市 COOPERATES_WITH 上海市", "新昌县 COOPERATES_WITH 上海市")},
		{"symmetric_out_from_other_end", "上海市", graph.RelationFilter{Direction: graph.Out}, byID(
			"杭州市 COOPERATES_WITH 上海市", "新昌县 COOPERATES_WITH 上海市", "上海市 JOINS G60科创走廊")},
		{"in", "西湖区", graph.RelationFilter{Direction: graph.In}, byID(
			"新昌县科创飞地(西湖区) LOCATED_IN 西湖区", "西湖大学 LOCATED_IN 西湖区",
			"浙江大学 LOCATED_IN 西湖区", "阿里云 LOCATED_IN 西湖区")},
		{"out", "西湖区", graph.RelationFilter{Direction: graph.Out}, byID(
			"西湖区 PART_OF 杭州市", "西湖区 BUILDS 西湖大学")},
		{"kinds", "西湖区", graph.RelationFilter{Kinds: []graph.RelationKind{graph.Builds, graph.PartOf}}, byID(
			"西湖区 PART_OF 杭州市", "西湖区 BUILDS 西湖大学")},
		{"kinds_and_direction", "西湖区", graph.RelationFilter{Kinds: []graph.RelationKind{graph.Builds, graph.LocatedIn}, Direction: graph.Out}, byID(
			"西湖区 BUILDS 西湖大学")},
		{"status", "新昌县", graph.RelationFilter{Status: graph.Planned}, byID(
			"新昌县 OPERATES 新昌县科创飞地(滨江区)", "新昌县 COOPERATES_WITH 上海市")},
		{"status_kinds_direction", "临平区", graph.RelationFilter{Status: graph.Planned, Kinds: []graph.RelationKind{graph.Joins}, Direction: graph.Out}, byID(
			"临平区 JOINS G60科创走廊", "临平区 JOINS 长三角区域校地合作联盟")},
		{"no_match", "临平区", graph.RelationFilter{Direction: graph.In, Kinds: []graph.RelationKind{graph.Joins}}, []string{}},
		{"isolated", "钱塘科学城", graph.RelationFilter{}, []string{}},
	}
	for _, tc := range cases {
		c.run(t, tc.name, func(t *testing.T) {
			got, err := c.store.RelationsOf(c.ctx, []string{ID(tc.id)}, tc.filter)
			noErr(t, "RelationsOf", err)
			if len(got) != 1 {
				t.Fatalf("RelationsOf(1 id) gave %d lists", len(got))
			}
			same(t, fmt.Sprintf("RelationsOf(%s, %+v)", tc.id, tc.filter), labels(got[0]), tc.want)
		})
	}
	c.run(t, "many_ids", func(t *testing.T) {
		got, err := c.store.RelationsOf(c.ctx, []string{ID("余杭区"), "region-000000000000", ID("钱塘科学城"), ID("G60科创走廊")}, graph.RelationFilter{})
		noErr(t, "RelationsOf", err)
		if len(got) != 4 {
			t.Fatalf("RelationsOf(4 ids) gave %d lists", len(got))
		}
		same(t, "RelationsOf(余杭区)", labels(got[0]), byID("余杭区 PART_OF 杭州市", "未来科技城 LOCATED_IN 余杭区"))
		same(t, "RelationsOf(unknown)", labels(got[1]), []string{})
		same(t, "RelationsOf(钱塘科学城)", labels(got[2]), []string{})
		same(t, "RelationsOf(G60科创走廊)", labels(got[3]), byID("临平区 JOINS G60科创走廊", "上海市 JOINS G60科创走廊"))
	})
	c.run(t, "evidence", func(t *testing.T) {
		got, err := c.store.RelationsOf(c.ctx, []string{ID("杭州市")}, graph.RelationFilter{Kinds: []graph.RelationKind{graph.CooperatesWith}})
		noErr(t, "RelationsOf", err)
		if len(got[0]) != 1 {
			t.Fatalf("RelationsOf(杭州市, COOPERATES_WITH) = %q", labels(got[0]))
		}
		checkHangzhouShanghai(t, got[0][0])
	})
}

// checkHangzhouShanghai checks every field of the one relation stated by
// both documents.
func checkHangzhouShanghai(t *testing.T, r *graph.Relation) {
	t.Helper()
	var want *graph.Relation
	for _, fr := range Fixture().Relations {
		if fr.ID == RelationID("杭州市 COOPERATES_WITH 上海市") {
			want = &fr
		}
	}
	if !reflect.DeepEqual(r, want) {
		t.Errorf("relation 杭州市 COOPERATES_WITH 上海市:\n got  %+v\n want %+v", r, want)
	}
	if r.Status != graph.Established || r.Year != 2023 || len(r.Evidence) != 2 ||
		r.Evidence[0].Document != DocLinping || r.Evidence[0].Status != graph.Planned ||
		r.Evidence[1].Text != "杭州与上海已签订科创合作协议" {
		t.Errorf("relation 杭州市 COOPERATES_WITH 上海市 lost its evidence: %+v", r)
	}
}

func checkFindEntities(t *testing.T, c *checker) {
	cases := []struct {
		name   string
		filter graph.EntityFilter
		want   []string // in id order
	}{
		{"all", graph.EntityFilter{}, []string{
			"长三角区域校地合作联盟", "杭州城西科创大走廊", "G60科创走廊", "新昌县科创飞地(滨江区)",
			"新昌县科创飞地(西湖区)", "临平区科创飞地(未来科技城)", "阿里云", "浙江大学", "西湖大学",
			"未来科技城", "钱塘科学城", "余杭区", "新昌县", "杭州市", "临平区", "上海市", "西湖区", "滨江区"}},
		{"kind", graph.EntityFilter{Kinds: []graph.Kind{graph.Enclave}}, []string{
			"新昌县科创飞地(滨江区)", "新昌县科创飞地(西湖区)", "临平区科创飞地(未来科技城)"}},
		{"kinds", graph.EntityFilter{Kinds: []graph.Kind{graph.Institution, graph.Corridor}}, []string{
			"杭州城西科创大走廊", "G60科创走廊", "浙江大学", "西湖大学"}},
		{"level", graph.EntityFilter{Level: "district"}, []string{"余杭区", "临平区", "西湖区", "滨江区"}},
		{"kind_and_level", graph.EntityFilter{Kinds: []graph.Kind{graph.Region}, Level: "county"}, []string{"新昌县"}},
		{"search_name", graph.EntityFilter{Search: "西湖"}, []string{"新昌县科创飞地(西湖区)", "西湖大学", "西湖区"}},
		{"search_alias", graph.EntityFilter{Search: "浙大"}, []string{"浙江大学"}},
		{"search_alias_hangzhou", graph.EntityFilter{Search: "杭州"}, []string{"杭州城西科创大走廊", "未来科技城", "杭州市"}},
		{"search_traditional", graph.EntityFilter{Search: "臨平"}, []string{"临平区科创飞地(未来科技城)", "临平区"}},
		{"search_pinyin", graph.EntityFilter{Search: "xinchang"}, []string{"新昌县科创飞地(滨江区)", "新昌县科创飞地(西湖区)", "新昌县"}},
		{"search_pinyin_alias", graph.EntityFilter{Search: "HangZhou"}, []string{"杭州城西科创大走廊", "未来科技城", "杭州市"}},
		{"search_initials", graph.EntityFilter{Search: "xcx"}, []string{"新昌县科创飞地(滨江区)", "新昌县科创飞地(西湖区)", "新昌县"}},
		{"search_full_width", graph.EntityFilter{Search: "Ｇ６０"}, []string{"G60科创走廊"}},
		{"search_and_kind", graph.EntityFilter{Search: "xinchang", Kinds: []graph.Kind{graph.Region}}, []string{"新昌县"}},
		{"search_no_match", graph.EntityFilter{Search: "北京"}, []string{}},
	}
	for _, tc := range cases {
		c.run(t, tc.name, func(t *testing.T) {
			page, err := c.store.FindEntities(c.ctx, tc.filter, 0, "")
			noErr(t, "FindEntities", err)
			same(t, fmt.Sprintf("FindEntities(%+v)", tc.filter), entityNames(page.Entities), tc.want)
			if page.TotalCount != len(tc.want) || page.HasNext {
				t.Errorf("FindEntities(%+v): TotalCount %d HasNext %v, want %d false", tc.filter, page.TotalCount, page.HasNext, len(tc.want))
			}
		})
	}
	c.run(t, "paging", func(t *testing.T) {
		regions := graph.EntityFilter{Kinds: []graph.Kind{graph.Region}}
		pages := []struct {
			after   string
			want    []string
			hasNext bool
		}{
			{"", []string{"余杭区", "新昌县", "杭州市"}, true},
			{"杭州市", []string{"临平区", "上海市", "西湖区"}, true},
			{"西湖区", []string{"滨江区"}, false},
			{"滨江区", []string{}, false},
		}
		for _, p := range pages {
			after := ""
			if p.after != "" {
				after = ID(p.after)
			}
			page, err := c.store.FindEntities(c.ctx, regions, 3, after)
			noErr(t, "FindEntities", err)
			same(t, "FindEntities(REGION, 3, after "+p.after+")", entityNames(page.Entities), p.want)
			if page.TotalCount != 7 || page.HasNext != p.hasNext {
				t.Errorf("FindEntities(REGION, 3, after %s): TotalCount %d HasNext %v, want 7 %v", p.after, page.TotalCount, page.HasNext, p.hasNext)
			}
		}
	})
	c.run(t, "paging_exact_fit", func(t *testing.T) {
		page, err := c.store.FindEntities(c.ctx, graph.EntityFilter{Kinds: []graph.Kind{graph.Enclave}}, 3, "")
		noErr(t, "FindEntities", err)
		if len(page.Entities) != 3 || page.HasNext || page.TotalCount != 3 {
			t.Errorf("FindEntities(ENCLAVE, 3): %d entities, HasNext %v, TotalCount %d; want 3 false 3", len(page.Entities), page.HasNext, page.TotalCount)
		}
	})
	c.run(t, "after_unknown_id", func(t *testing.T) {
		// after is a position in id order, not necessarily a stored id.
		page, err := c.store.FindEntities(c.ctx, graph.EntityFilter{Kinds: []graph.Kind{graph.Region}}, 2, "region-5")
		noErr(t, "FindEntities", err)
		same(t, "FindEntities(REGION, 2, after region-5)", entityNames(page.Entities), []string{"上海市", "西湖区"})
		if !page.HasNext || page.TotalCount != 7 {
			t.Errorf("HasNext %v TotalCount %d, want true 7", page.HasNext, page.TotalCount)
		}
	})
}

func checkDegrees(t *testing.T, c *checker) {
	got, err := c.store.Degrees(c.ctx, []string{ID("杭州市"), ID("钱塘科学城"), "region-000000000000", ID("新昌县"), ID("杭州城西科创大走廊")})
	noErr(t, "Degrees", err)
	if want := []int{6, 0, 0, 5, 1}; !slices.Equal(got, want) {
		t.Errorf("Degrees(杭州市, 钱塘科学城, unknown, 新昌县, 杭州城西科创大走廊) = %v, want %v", got, want)
	}
}

func checkRelation(t *testing.T, c *checker) {
	c.run(t, "stated_twice", func(t *testing.T) {
		r, err := c.store.Relation(c.ctx, RelationID("上海市 COOPERATES_WITH 杭州市"))
		noErr(t, "Relation", err)
		checkHangzhouShanghai(t, r)
	})
	c.run(t, "every_fixture_relation", func(t *testing.T) {
		for _, want := range Fixture().Relations {
			got, err := c.store.Relation(c.ctx, want.ID)
			noErr(t, "Relation("+label(&want)+")", err)
			if !reflect.DeepEqual(*got, want) {
				t.Errorf("Relation(%s):\n got  %+v\n want %+v", label(&want), *got, want)
			}
		}
	})
	c.run(t, "unknown", func(t *testing.T) {
		_, err := c.store.Relation(c.ctx, "rel-000000000000")
		notFound(t, "Relation(unknown)", err)
	})
}

func docIDs(ds []*graph.Document) []string {
	return describe(ds, func(d *graph.Document) string { return d.ID })
}

func checkDocuments(t *testing.T, c *checker) {
	c.run(t, "all", func(t *testing.T) {
		got, err := c.store.Documents(c.ctx, nil)
		noErr(t, "Documents()", err)
		same(t, "Documents()", docIDs(got), []string{DocLinping, DocXinchang})
		if len(got) == 2 && !reflect.DeepEqual(*got[0], Fixture().Documents[0]) {
			t.Errorf("Documents()[0] = %+v, want %+v", *got[0], Fixture().Documents[0])
		}
		if len(got) == 2 && got[1].Year() != 2023 {
			t.Errorf("Documents()[1].Year() = %d, want 2023", got[1].Year())
		}
	})
	c.run(t, "by_ids", func(t *testing.T) {
		got, err := c.store.Documents(c.ctx, []string{DocXinchang, "999_missing", DocLinping})
		noErr(t, "Documents(ids)", err)
		same(t, "Documents(004, missing, 001)", docIDs(got), []string{DocXinchang, "<nil>", DocLinping})
	})
}

func checkDocumentRelations(t *testing.T, c *checker) {
	c.run(t, "linping", func(t *testing.T) {
		got, err := c.store.DocumentRelations(c.ctx, DocLinping)
		noErr(t, "DocumentRelations", err)
		same(t, "DocumentRelations(001)", labels(got), byID(
			"临平区 PART_OF 杭州市", "余杭区 PART_OF 杭州市", "临平区 OPERATES 临平区科创飞地(未来科技城)",
			"临平区科创飞地(未来科技城) LOCATED_IN 未来科技城", "未来科技城 PART_OF 杭州城西科创大走廊",
			"未来科技城 LOCATED_IN 余杭区", "杭州市 BUILDS 未来科技城", "临平区 JOINS G60科创走廊",
			"上海市 JOINS G60科创走廊", "阿里云 LOCATED_IN 西湖区", "阿里云 COOPERATES_WITH 临平区",
			"临平区 JOINS 长三角区域校地合作联盟", "杭州市 COOPERATES_WITH 上海市"))
	})
	c.run(t, "xinchang", func(t *testing.T) {
		got, err := c.store.DocumentRelations(c.ctx, DocXinchang)
		noErr(t, "DocumentRelations", err)
		same(t, "DocumentRelations(004)", labels(got), byID(
			"西湖区 PART_OF 杭州市", "滨江区 PART_OF 杭州市", "新昌县 OPERATES 新昌县科创飞地(西湖区)",
			"新昌县科创飞地(西湖区) LOCATED_IN 西湖区", "新昌县 OPERATES 新昌县科创飞地(滨江区)",
			"新昌县科创飞地(滨江区) LOCATED_IN 滨江区", "西湖大学 LOCATED_IN 西湖区", "西湖区 BUILDS 西湖大学",
			"浙江大学 COOPERATES_WITH 新昌县", "浙江大学 LOCATED_IN 西湖区", "新昌县 JOINS 长三角区域校地合作联盟",
			"杭州市 COOPERATES_WITH 上海市", "新昌县 COOPERATES_WITH 上海市"))
	})
	c.run(t, "unknown", func(t *testing.T) {
		_, err := c.store.DocumentRelations(c.ctx, "999_missing")
		notFound(t, "DocumentRelations(unknown)", err)
	})
}

func checkLoadErrors(t *testing.T, c *checker) {
	got, err := c.store.LoadErrors(c.ctx)
	noErr(t, "LoadErrors", err)
	if !reflect.DeepEqual(got, Fixture().Errors) {
		t.Errorf("LoadErrors() = %+v, want %+v", got, Fixture().Errors)
	}
}

// pathString writes a path as names and relation kinds with arrows that
// show each relation's own direction: 新昌县 -OPERATES-> X <-LOCATED_IN- Y.
func pathString(p graph.Path) string {
	if len(p.Entities) == 0 {
		return "<empty>"
	}
	var b strings.Builder
	b.WriteString(p.Entities[0].Name)
	for i, r := range p.Relations {
		if i+1 >= len(p.Entities) {
			b.WriteString(" <missing entity>")
			break
		}
		from, to := p.Entities[i], p.Entities[i+1]
		switch {
		case r.From == from.ID && r.To == to.ID:
			fmt.Fprintf(&b, " -%s-> %s", r.Kind, to.Name)
		case r.From == to.ID && r.To == from.ID:
			fmt.Fprintf(&b, " <-%s- %s", r.Kind, to.Name)
		default:
			fmt.Fprintf(&b, " -%s(does not join %s and %s)- %s", r.Kind, from.Name, to.Name, to.Name)
		}
	}
	if len(p.Entities) != len(p.Relations)+1 {
		b.WriteString(" <entity count does not match>")
	}
	return b.String()
}

func pathStrings(ps []graph.Path) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = pathString(p)
	}
	return out
}

func checkPaths(t *testing.T, c *checker) {
	cases := []struct {
		name string
		q    graph.PathQuery
		want []string // in path order: by the ids of the entities after From
	}{
		{"two_shortest", graph.PathQuery{From: ID("新昌县"), To: ID("西湖区"), MaxHops: 4}, []string{
			"新昌县 -OPERATES-> 新昌县科创飞地(西湖区) -LOCATED_IN-> 西湖区",
			"新昌县 <-COOPERATES_WITH- 浙江大学 -LOCATED_IN-> 西湖区",
		}},
		{"two_shortest_reverse", graph.PathQuery{From: ID("西湖区"), To: ID("新昌县"), MaxHops: 4}, []string{
			"西湖区 <-LOCATED_IN- 新昌县科创飞地(西湖区) <-OPERATES- 新昌县",
			"西湖区 <-LOCATED_IN- 浙江大学 -COOPERATES_WITH-> 新昌县",
		}},
		{"two_via_regions_and_corridor", graph.PathQuery{From: ID("临平区"), To: ID("上海市"), MaxHops: 3}, []string{
			"临平区 -JOINS-> G60科创走廊 <-JOINS- 上海市",
			"临平区 -PART_OF-> 杭州市 -COOPERATES_WITH-> 上海市",
		}},
		{"kinds", graph.PathQuery{From: ID("新昌县"), To: ID("西湖区"), MaxHops: 4, Kinds: []graph.RelationKind{graph.Operates, graph.LocatedIn}}, []string{
			"新昌县 -OPERATES-> 新昌县科创飞地(西湖区) -LOCATED_IN-> 西湖区",
		}},
		{"longer", graph.PathQuery{From: ID("临平区科创飞地(未来科技城)"), To: ID("西湖大学"), MaxHops: 6}, []string{
			// 未来科技城 (platform-…) sorts before 临平区 (region-…), and
			// 阿里云 (enterprise-…) before 杭州市; the last step has two
			// relations, BUILDS and LOCATED_IN, in relation id order.
			"临平区科创飞地(未来科技城) -LOCATED_IN-> 未来科技城 <-BUILDS- 杭州市 <-PART_OF- 西湖区 -BUILDS-> 西湖大学",
			"临平区科创飞地(未来科技城) -LOCATED_IN-> 未来科技城 <-BUILDS- 杭州市 <-PART_OF- 西湖区 <-LOCATED_IN- 西湖大学",
			"临平区科创飞地(未来科技城) <-OPERATES- 临平区 <-COOPERATES_WITH- 阿里云 -LOCATED_IN-> 西湖区 -BUILDS-> 西湖大学",
			"临平区科创飞地(未来科技城) <-OPERATES- 临平区 <-COOPERATES_WITH- 阿里云 -LOCATED_IN-> 西湖区 <-LOCATED_IN- 西湖大学",
			"临平区科创飞地(未来科技城) <-OPERATES- 临平区 -PART_OF-> 杭州市 <-PART_OF- 西湖区 -BUILDS-> 西湖大学",
			"临平区科创飞地(未来科技城) <-OPERATES- 临平区 -PART_OF-> 杭州市 <-PART_OF- 西湖区 <-LOCATED_IN- 西湖大学",
		}},
		{"max_hops_too_small", graph.PathQuery{From: ID("新昌县"), To: ID("西湖区"), MaxHops: 1}, []string{}},
		{"no_path", graph.PathQuery{From: ID("新昌县"), To: ID("钱塘科学城"), MaxHops: 6}, []string{}},
		{"no_path_with_kinds", graph.PathQuery{From: ID("新昌县"), To: ID("西湖区"), MaxHops: 6, Kinds: []graph.RelationKind{graph.Builds}}, []string{}},
		{"same_entity", graph.PathQuery{From: ID("新昌县"), To: ID("新昌县"), MaxHops: 2}, []string{"新昌县"}},
	}
	for _, tc := range cases {
		c.run(t, tc.name, func(t *testing.T) {
			got, err := c.store.Paths(c.ctx, tc.q)
			noErr(t, "Paths", err)
			same(t, fmt.Sprintf("Paths(%s → %s, %d hops, %v)", nameOf(tc.q.From), nameOf(tc.q.To), tc.q.MaxHops, tc.q.Kinds), pathStrings(got), tc.want)
		})
	}
	c.run(t, "order", func(t *testing.T) {
		// The longer case lists its paths by the ids of the entities after
		// the start, then the relations: check that rule directly.
		got, err := c.store.Paths(c.ctx, graph.PathQuery{From: ID("临平区科创飞地(未来科技城)"), To: ID("西湖大学"), MaxHops: 6})
		noErr(t, "Paths", err)
		key := func(p graph.Path) []string {
			var k []string
			for i, r := range p.Relations {
				k = append(k, p.Entities[i+1].ID, r.ID)
			}
			return k
		}
		for i := 1; i < len(got); i++ {
			if slices.Compare(key(got[i-1]), key(got[i])) >= 0 {
				t.Errorf("paths %d and %d out of order:\n %s\n %s", i-1, i, pathString(got[i-1]), pathString(got[i]))
			}
		}
	})
	c.run(t, "unknown_end", func(t *testing.T) {
		_, err := c.store.Paths(c.ctx, graph.PathQuery{From: ID("新昌县"), To: "region-000000000000", MaxHops: 3})
		notFound(t, "Paths(新昌县 → unknown)", err)
		_, err = c.store.Paths(c.ctx, graph.PathQuery{From: "region-000000000000", To: ID("新昌县"), MaxHops: 3})
		notFound(t, "Paths(unknown → 新昌县)", err)
	})
}

func checkNeighborhood(t *testing.T, c *checker) {
	xinchang1 := []string{"新昌县", "长三角区域校地合作联盟", "新昌县科创飞地(滨江区)", "新昌县科创飞地(西湖区)", "浙江大学", "上海市"}
	cases := []struct {
		name      string
		q         graph.NeighborhoodQuery
		entities  []string // center first, then by depth and id
		relations []string
		truncated bool
	}{
		{"depth_0", graph.NeighborhoodQuery{Center: ID("新昌县")}, []string{"新昌县"}, []string{}, false},
		{"depth_1", graph.NeighborhoodQuery{Center: ID("新昌县"), Depth: 1}, xinchang1, byID(
			"新昌县 OPERATES 新昌县科创飞地(西湖区)", "新昌县 OPERATES 新昌县科创飞地(滨江区)",
			"浙江大学 COOPERATES_WITH 新昌县", "新昌县 JOINS 长三角区域校地合作联盟", "新昌县 COOPERATES_WITH 上海市"), false},
		{"depth_2", graph.NeighborhoodQuery{Center: ID("新昌县"), Depth: 2},
			append(slices.Clone(xinchang1), "G60科创走廊", "杭州市", "临平区", "西湖区", "滨江区"), byID(
				"新昌县 OPERATES 新昌县科创飞地(西湖区)", "新昌县 OPERATES 新昌县科创飞地(滨江区)",
				"浙江大学 COOPERATES_WITH 新昌县", "新昌县 JOINS 长三角区域校地合作联盟", "新昌县 COOPERATES_WITH 上海市",
				"新昌县科创飞地(西湖区) LOCATED_IN 西湖区", "新昌县科创飞地(滨江区) LOCATED_IN 滨江区",
				"浙江大学 LOCATED_IN 西湖区", "临平区 JOINS 长三角区域校地合作联盟", "上海市 JOINS G60科创走廊",
				"杭州市 COOPERATES_WITH 上海市",
				// Relations between two entities at depth 2 are included.
				"西湖区 PART_OF 杭州市", "滨江区 PART_OF 杭州市", "临平区 PART_OF 杭州市", "临平区 JOINS G60科创走廊"), false},
		{"entity_kinds", graph.NeighborhoodQuery{Center: ID("新昌县"), Depth: 2, EntityKinds: []graph.Kind{graph.Enclave}},
			[]string{"新昌县", "新昌县科创飞地(滨江区)", "新昌县科创飞地(西湖区)"}, byID(
				"新昌县 OPERATES 新昌县科创飞地(西湖区)", "新昌县 OPERATES 新昌县科创飞地(滨江区)"), false},
		// The center is returned whatever its kind; the walk does not pass
		// through the enclaves, so the regions behind them are not reached.
		{"entity_kinds_center_excluded", graph.NeighborhoodQuery{Center: ID("新昌县"), Depth: 2, EntityKinds: []graph.Kind{graph.Institution, graph.Corridor}},
			[]string{"新昌县", "浙江大学"}, byID("浙江大学 COOPERATES_WITH 新昌县"), false},
		{"relation_kinds", graph.NeighborhoodQuery{Center: ID("新昌县"), Depth: 2, RelationKinds: []graph.RelationKind{graph.Operates, graph.LocatedIn}},
			[]string{"新昌县", "新昌县科创飞地(滨江区)", "新昌县科创飞地(西湖区)", "西湖区", "滨江区"}, byID(
				"新昌县 OPERATES 新昌县科创飞地(西湖区)", "新昌县 OPERATES 新昌县科创飞地(滨江区)",
				"新昌县科创飞地(西湖区) LOCATED_IN 西湖区", "新昌县科创飞地(滨江区) LOCATED_IN 滨江区"), false},
		{"status", graph.NeighborhoodQuery{Center: ID("新昌县"), Depth: 2, Status: graph.Planned},
			[]string{"新昌县", "新昌县科创飞地(滨江区)", "上海市", "滨江区"}, byID(
				"新昌县 OPERATES 新昌县科创飞地(滨江区)", "新昌县 COOPERATES_WITH 上海市", "新昌县科创飞地(滨江区) LOCATED_IN 滨江区"), false},
		{"limit_truncates", graph.NeighborhoodQuery{Center: ID("新昌县"), Depth: 1, Limit: 3},
			[]string{"新昌县", "长三角区域校地合作联盟", "新昌县科创飞地(滨江区)"}, byID(
				"新昌县 JOINS 长三角区域校地合作联盟", "新昌县 OPERATES 新昌县科创飞地(滨江区)"), true},
		{"limit_exact", graph.NeighborhoodQuery{Center: ID("新昌县"), Depth: 1, Limit: 6}, xinchang1, byID(
			"新昌县 OPERATES 新昌县科创飞地(西湖区)", "新昌县 OPERATES 新昌县科创飞地(滨江区)",
			"浙江大学 COOPERATES_WITH 新昌县", "新昌县 JOINS 长三角区域校地合作联盟", "新昌县 COOPERATES_WITH 上海市"), false},
		{"limit_cuts_next_depth", graph.NeighborhoodQuery{Center: ID("新昌县"), Depth: 2, Limit: 6}, xinchang1, byID(
			"新昌县 OPERATES 新昌县科创飞地(西湖区)", "新昌县 OPERATES 新昌县科创飞地(滨江区)",
			"浙江大学 COOPERATES_WITH 新昌县", "新昌县 JOINS 长三角区域校地合作联盟", "新昌县 COOPERATES_WITH 上海市"), true},
		{"limit_kind_filtered_not_counted", graph.NeighborhoodQuery{Center: ID("新昌县"), Depth: 1, Limit: 3, EntityKinds: []graph.Kind{graph.Enclave}},
			[]string{"新昌县", "新昌县科创飞地(滨江区)", "新昌县科创飞地(西湖区)"}, byID(
				"新昌县 OPERATES 新昌县科创飞地(西湖区)", "新昌县 OPERATES 新昌县科创飞地(滨江区)"), false},
		{"isolated", graph.NeighborhoodQuery{Center: ID("钱塘科学城"), Depth: 3}, []string{"钱塘科学城"}, []string{}, false},
	}
	for _, tc := range cases {
		c.run(t, tc.name, func(t *testing.T) {
			sg, err := c.store.Neighborhood(c.ctx, tc.q)
			noErr(t, "Neighborhood", err)
			same(t, "Neighborhood entities", entityNames(sg.Entities), tc.entities)
			same(t, "Neighborhood relations", labels(sg.Relations), tc.relations)
			if sg.Truncated != tc.truncated {
				t.Errorf("Neighborhood Truncated = %v, want %v", sg.Truncated, tc.truncated)
			}
		})
	}
	c.run(t, "unknown_center", func(t *testing.T) {
		_, err := c.store.Neighborhood(c.ctx, graph.NeighborhoodQuery{Center: "region-000000000000", Depth: 1})
		notFound(t, "Neighborhood(unknown)", err)
	})
}

func tieString(co graph.Cooperation) string {
	via := "direct"
	if co.Via != nil {
		via = "via " + co.Via.Name
	}
	return fmt.Sprintf("%s–%s %s: %s", co.A.Name, co.B.Name, via, strings.Join(labels(co.Relations), "; "))
}

func tie(a, b, via string, rels ...string) string {
	v := "direct"
	if via != "" {
		v = "via " + via
	}
	return fmt.Sprintf("%s–%s %s: %s", a, b, v, strings.Join(byID(rels...), "; "))
}

func checkCooperation(t *testing.T, c *checker) {
	cases := []struct {
		name    string
		regions []string
		via     []graph.Kind
		want    []string // ordered by A, B, Via id
	}{
		{"direct", []string{"杭州市", "上海市"}, nil, []string{
			tie("杭州市", "上海市", "", "杭州市 COOPERATES_WITH 上海市")}},
		{"via_enclave_and_institution", []string{"西湖区", "新昌县"}, nil, []string{
			tie("新昌县", "西湖区", "新昌县科创飞地(西湖区)", "新昌县 OPERATES 新昌县科创飞地(西湖区)", "新昌县科创飞地(西湖区) LOCATED_IN 西湖区"),
			tie("新昌县", "西湖区", "浙江大学", "浙江大学 COOPERATES_WITH 新昌县", "浙江大学 LOCATED_IN 西湖区")}},
		{"via_enclave", []string{"新昌县", "西湖区"}, []graph.Kind{graph.Enclave}, []string{
			tie("新昌县", "西湖区", "新昌县科创飞地(西湖区)", "新昌县 OPERATES 新昌县科创飞地(西湖区)", "新昌县科创飞地(西湖区) LOCATED_IN 西湖区")}},
		{"via_institution", []string{"新昌县", "西湖区"}, []graph.Kind{graph.Institution}, []string{
			tie("新昌县", "西湖区", "浙江大学", "浙江大学 COOPERATES_WITH 新昌县", "浙江大学 LOCATED_IN 西湖区")}},
		{"via_corridor", []string{"临平区", "上海市"}, nil, []string{
			tie("临平区", "上海市", "G60科创走廊", "临平区 JOINS G60科创走廊", "上海市 JOINS G60科创走廊")}},
		{"via_platform", []string{"余杭区", "杭州市"}, nil, []string{
			tie("余杭区", "杭州市", "未来科技城", "未来科技城 LOCATED_IN 余杭区", "杭州市 BUILDS 未来科技城")}},
		{"via_enterprise", []string{"临平区", "西湖区"}, nil, []string{
			tie("临平区", "西湖区", "阿里云", "阿里云 COOPERATES_WITH 临平区", "阿里云 LOCATED_IN 西湖区")}},
		{"via_alliance", []string{"临平区", "新昌县"}, nil, []string{
			tie("新昌县", "临平区", "长三角区域校地合作联盟", "临平区 JOINS 长三角区域校地合作联盟", "新昌县 JOINS 长三角区域校地合作联盟")}},
		{"via_region", []string{"杭州市", "新昌县"}, nil, []string{
			tie("新昌县", "杭州市", "上海市", "杭州市 COOPERATES_WITH 上海市", "新昌县 COOPERATES_WITH 上海市")}},
		{"via_filtered_out", []string{"临平区", "上海市"}, []graph.Kind{graph.Enclave}, []string{}},
		// PART_OF is hierarchy, not cooperation: neither a direct tie nor a leg.
		{"part_of_not_a_tie", []string{"临平区", "杭州市", "西湖区"}, []graph.Kind{graph.Region}, []string{}},
		{"three_regions", []string{"临平区", "新昌县", "上海市"}, nil, []string{
			tie("新昌县", "临平区", "长三角区域校地合作联盟", "临平区 JOINS 长三角区域校地合作联盟", "新昌县 JOINS 长三角区域校地合作联盟"),
			tie("新昌县", "上海市", "", "新昌县 COOPERATES_WITH 上海市"),
			tie("临平区", "上海市", "G60科创走廊", "临平区 JOINS G60科创走廊", "上海市 JOINS G60科创走廊")}},
		{"one_region", []string{"新昌县"}, nil, []string{
			tie("新昌县", "杭州市", "上海市", "杭州市 COOPERATES_WITH 上海市", "新昌县 COOPERATES_WITH 上海市"),
			tie("新昌县", "临平区", "长三角区域校地合作联盟", "临平区 JOINS 长三角区域校地合作联盟", "新昌县 JOINS 长三角区域校地合作联盟"),
			tie("新昌县", "上海市", "", "新昌县 COOPERATES_WITH 上海市"),
			tie("新昌县", "西湖区", "新昌县科创飞地(西湖区)", "新昌县 OPERATES 新昌县科创飞地(西湖区)", "新昌县科创飞地(西湖区) LOCATED_IN 西湖区"),
			tie("新昌县", "西湖区", "浙江大学", "浙江大学 COOPERATES_WITH 新昌县", "浙江大学 LOCATED_IN 西湖区"),
			tie("新昌县", "滨江区", "新昌县科创飞地(滨江区)", "新昌县 OPERATES 新昌县科创飞地(滨江区)", "新昌县科创飞地(滨江区) LOCATED_IN 滨江区")}},
		// With one region, A is that region even when B's id is smaller;
		// direct ties come whatever Via says.
		{"one_region_is_a", []string{"上海市"}, []graph.Kind{graph.Corridor}, []string{
			tie("上海市", "新昌县", "", "新昌县 COOPERATES_WITH 上海市"),
			tie("上海市", "杭州市", "", "杭州市 COOPERATES_WITH 上海市"),
			tie("上海市", "临平区", "G60科创走廊", "临平区 JOINS G60科创走廊", "上海市 JOINS G60科创走廊"),
		}},
		{"repeated_region", []string{"杭州市", "上海市", "杭州市"}, nil, []string{
			tie("杭州市", "上海市", "", "杭州市 COOPERATES_WITH 上海市")}},
	}
	for _, tc := range cases {
		c.run(t, tc.name, func(t *testing.T) {
			got, err := c.store.Cooperation(c.ctx, graph.CooperationQuery{Regions: ids(tc.regions...), Via: tc.via})
			noErr(t, "Cooperation", err)
			ss := make([]string, len(got))
			for i, co := range got {
				ss[i] = tieString(co)
			}
			same(t, fmt.Sprintf("Cooperation(%v, via %v)", tc.regions, tc.via), ss, tc.want)
		})
	}
	c.run(t, "unknown_region", func(t *testing.T) {
		_, err := c.store.Cooperation(c.ctx, graph.CooperationQuery{Regions: []string{ID("新昌县"), "region-000000000000"}})
		notFound(t, "Cooperation(新昌县, unknown)", err)
	})
	c.run(t, "not_a_region", func(t *testing.T) {
		_, err := c.store.Cooperation(c.ctx, graph.CooperationQuery{Regions: []string{ID("新昌县"), ID("西湖大学")}})
		if err == nil || errors.Is(err, graph.ErrNotFound) {
			t.Errorf("Cooperation(新昌县, 西湖大学): error %v, want one saying 西湖大学 is not a region", err)
		}
	})
	c.run(t, "no_regions", func(t *testing.T) {
		if _, err := c.store.Cooperation(c.ctx, graph.CooperationQuery{}); err == nil {
			t.Error("Cooperation() with no regions: no error")
		}
	})
}

func checkEnclaves(t *testing.T, c *checker) {
	cases := []struct {
		name, owner, host string
		want              []string
	}{
		{"owner", "新昌县", "", []string{"新昌县科创飞地(滨江区)", "新昌县科创飞地(西湖区)"}},
		{"host", "", "西湖区", []string{"新昌县科创飞地(西湖区)"}},
		{"host_platform", "", "未来科技城", []string{"临平区科创飞地(未来科技城)"}},
		{"both", "新昌县", "滨江区", []string{"新昌县科创飞地(滨江区)"}},
		{"both_no_match", "临平区", "西湖区", []string{}},
		{"neither", "", "", []string{"新昌县科创飞地(滨江区)", "新昌县科创飞地(西湖区)", "临平区科创飞地(未来科技城)"}},
		// Only direct hosts count: 未来科技城 sits in 余杭区, its enclave does not.
		{"host_not_transitive", "", "余杭区", []string{}},
	}
	for _, tc := range cases {
		c.run(t, tc.name, func(t *testing.T) {
			owner, host := "", ""
			if tc.owner != "" {
				owner = ID(tc.owner)
			}
			if tc.host != "" {
				host = ID(tc.host)
			}
			got, err := c.store.Enclaves(c.ctx, owner, host)
			noErr(t, "Enclaves", err)
			same(t, fmt.Sprintf("Enclaves(%q, %q)", tc.owner, tc.host), entityNames(got), tc.want)
		})
	}
	c.run(t, "unknown_owner", func(t *testing.T) {
		got, err := c.store.Enclaves(c.ctx, "region-000000000000", "")
		noErr(t, "Enclaves", err)
		same(t, "Enclaves(unknown, \"\")", entityNames(got), []string{})
	})
}

func ranked(rs []graph.Ranked) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Entity.Name
	}
	return out
}

func checkStats(t *testing.T, c *checker) {
	st, err := c.store.Stats(c.ctx)
	noErr(t, "Stats", err)
	c.run(t, "counts", func(t *testing.T) {
		if st.Documents != 2 {
			t.Errorf("Stats.Documents = %d, want 2", st.Documents)
		}
		wantE := []graph.KindCount{{Kind: graph.Region, Count: 7}, {Kind: graph.Corridor, Count: 2}, {Kind: graph.Platform, Count: 2}, {Kind: graph.Enclave, Count: 3},
			{Kind: graph.Institution, Count: 2}, {Kind: graph.Enterprise, Count: 1}, {Kind: graph.Alliance, Count: 1}}
		if !reflect.DeepEqual(st.Entities, wantE) {
			t.Errorf("Stats.Entities = %v, want %v", st.Entities, wantE)
		}
		wantR := []graph.RelationKindCount{{Kind: graph.PartOf, Count: 5}, {Kind: graph.LocatedIn, Count: 7}, {Kind: graph.Joins, Count: 4},
			{Kind: graph.Operates, Count: 3}, {Kind: graph.CooperatesWith, Count: 4}, {Kind: graph.Builds, Count: 2}}
		if !reflect.DeepEqual(st.Relations, wantR) {
			t.Errorf("Stats.Relations = %v, want %v", st.Relations, wantR)
		}
	})
	c.run(t, "top_by_degree", func(t *testing.T) {
		// Most first, ties by id.
		same(t, "Stats.TopByDegree", ranked(st.TopByDegree), []string{
			"杭州市", "西湖区", "新昌县", "临平区", "未来科技城", "上海市",
			"长三角区域校地合作联盟", "G60科创走廊", "新昌县科创飞地(滨江区)", "新昌县科创飞地(西湖区)"})
		scores := make([]float64, len(st.TopByDegree))
		for i, r := range st.TopByDegree {
			scores[i] = r.Score
		}
		if want := []float64{6, 6, 5, 5, 4, 3, 2, 2, 2, 2}; !slices.Equal(scores, want) {
			t.Errorf("Stats.TopByDegree scores = %v, want %v", scores, want)
		}
	})
	c.run(t, "top_by_betweenness", func(t *testing.T) {
		same(t, "Stats.TopByBetweenness", ranked(st.TopByBetweenness), []string{
			"杭州市", "西湖区", "临平区", "新昌县", "未来科技城", "上海市", "滨江区",
			"长三角区域校地合作联盟", "阿里云", "临平区科创飞地(未来科技城)"})
		if len(st.TopByBetweenness) > 0 {
			// 杭州市 lies on 39.8 of the 136 shortest-path pairs of the others.
			if got := st.TopByBetweenness[0].Score; math.Abs(got-0.390196) > 1e-5 {
				t.Errorf("betweenness of 杭州市 = %v, want 0.390196", got)
			}
		}
	})
}

func checkReplace(t *testing.T, c *checker) {
	second := &graph.Graph{
		Documents: []graph.Document{{ID: "005_jiaxing", File: "seeds/005_jiaxing.txt", Title: "嘉兴市科技创新工作报告", Date: "2024"}},
		Entities: []graph.Entity{
			{ID: graph.EntityID(graph.Region, "嘉兴市"), Name: "嘉兴市", Kind: graph.Region, Aliases: []string{}, Level: "city", Code: "330400"},
			{ID: graph.EntityID(graph.Corridor, "G60科创走廊"), Name: "G60科创走廊", Kind: graph.Corridor, Aliases: []string{}},
		},
		Errors: []graph.LoadError{},
	}
	join := graph.Relation{
		ID: graph.RelationID(graph.Joins, second.Entities[0].ID, second.Entities[1].ID), Kind: graph.Joins,
		From: second.Entities[0].ID, To: second.Entities[1].ID, Status: graph.Established, Year: 2024,
		Evidence: []graph.Evidence{{Document: "005_jiaxing", Text: "嘉兴市已全面融入G60科创走廊", Start: 10, End: 24, Status: graph.Established}},
	}
	second.Relations = []graph.Relation{join}

	c.run(t, "second_graph_replaces_first", func(t *testing.T) {
		noErr(t, "Replace(second)", c.store.Replace(c.ctx, second))
		if _, err := c.store.Entity(c.ctx, ID("新昌县")); !errors.Is(err, graph.ErrNotFound) {
			t.Errorf("after Replace, Entity(新昌县) error = %v, want ErrNotFound", err)
		}
		if _, err := c.store.Relation(c.ctx, RelationID("新昌县 OPERATES 新昌县科创飞地(西湖区)")); !errors.Is(err, graph.ErrNotFound) {
			t.Errorf("after Replace, old relation error = %v, want ErrNotFound", err)
		}
		// G60科创走廊 is in both graphs: it keeps only the new relation.
		rels, err := c.store.RelationsOf(c.ctx, []string{ID("G60科创走廊")}, graph.RelationFilter{})
		noErr(t, "RelationsOf", err)
		if len(rels[0]) != 1 || rels[0][0].ID != join.ID {
			t.Errorf("after Replace, RelationsOf(G60科创走廊) = %q, want only 嘉兴市 JOINS G60科创走廊", labels(rels[0]))
		}
		page, err := c.store.FindEntities(c.ctx, graph.EntityFilter{}, 0, "")
		noErr(t, "FindEntities", err)
		if page.TotalCount != 2 {
			t.Errorf("after Replace, %d entities, want 2", page.TotalCount)
		}
		docs, err := c.store.Documents(c.ctx, nil)
		noErr(t, "Documents", err)
		same(t, "after Replace, Documents()", docIDs(docs), []string{"005_jiaxing"})
		if _, err := c.store.DocumentRelations(c.ctx, DocLinping); !errors.Is(err, graph.ErrNotFound) {
			t.Errorf("after Replace, DocumentRelations(001) error = %v, want ErrNotFound", err)
		}
		errs, err := c.store.LoadErrors(c.ctx)
		noErr(t, "LoadErrors", err)
		if len(errs) != 0 {
			t.Errorf("after Replace, LoadErrors() = %v, want none", errs)
		}
		st, err := c.store.Stats(c.ctx)
		noErr(t, "Stats", err)
		if st.Documents != 1 || st.Entities[0].Count != 1 || st.Relations[2].Count != 1 || len(st.TopByDegree) != 2 {
			t.Errorf("after Replace, Stats = %+v", st)
		}
		enclaves, err := c.store.Enclaves(c.ctx, "", "")
		noErr(t, "Enclaves", err)
		same(t, "after Replace, Enclaves()", entityNames(enclaves), []string{})
	})
	c.run(t, "idempotent", func(t *testing.T) {
		for range 2 {
			noErr(t, "Replace(Fixture())", c.store.Replace(c.ctx, Fixture()))
		}
		page, err := c.store.FindEntities(c.ctx, graph.EntityFilter{}, 0, "")
		noErr(t, "FindEntities", err)
		if page.TotalCount != 18 {
			t.Errorf("after Replace twice, %d entities, want 18", page.TotalCount)
		}
		deg, err := c.store.Degrees(c.ctx, []string{ID("杭州市"), ID("G60科创走廊")})
		noErr(t, "Degrees", err)
		if !slices.Equal(deg, []int{6, 2}) {
			t.Errorf("after Replace twice, Degrees(杭州市, G60科创走廊) = %v, want [6 2]", deg)
		}
		docs, err := c.store.DocumentRelations(c.ctx, DocXinchang)
		noErr(t, "DocumentRelations", err)
		if len(docs) != 13 {
			t.Errorf("after Replace twice, DocumentRelations(004) has %d relations, want 13", len(docs))
		}
		st, err := c.store.Stats(c.ctx)
		noErr(t, "Stats", err)
		if st.Documents != 2 || st.Relations[1].Count != 7 {
			t.Errorf("after Replace twice, Stats = %+v", st)
		}
	})
	c.run(t, "empty", func(t *testing.T) {
		noErr(t, "Replace(empty)", c.store.Replace(c.ctx, &graph.Graph{}))
		page, err := c.store.FindEntities(c.ctx, graph.EntityFilter{}, 10, "")
		noErr(t, "FindEntities", err)
		if page.TotalCount != 0 || len(page.Entities) != 0 || page.HasNext {
			t.Errorf("empty store: FindEntities = %+v", page)
		}
		docs, err := c.store.Documents(c.ctx, nil)
		noErr(t, "Documents", err)
		if len(docs) != 0 {
			t.Errorf("empty store: %d documents", len(docs))
		}
		st, err := c.store.Stats(c.ctx)
		noErr(t, "Stats", err)
		if st.Documents != 0 || len(st.TopByDegree) != 0 || len(st.Entities) != len(graph.Kinds) {
			t.Errorf("empty store: Stats = %+v, want zero counts of every kind and no ranking", st)
		}
		noErr(t, "Ready", c.store.Ready(c.ctx))
	})
}
