package memstore_test

import (
	"context"
	"fmt"

	"github.com/collabgraph/collabgraph/graph"
	"github.com/collabgraph/collabgraph/graph/memstore"
	"github.com/collabgraph/collabgraph/graph/storetest"
)

// Two regions tied through the enclave one runs in the other, and through
// a university that sits in one and cooperates with the other.
func ExampleStore_Cooperation() {
	ctx := context.Background()
	s := memstore.New()
	if err := s.Replace(ctx, storetest.Fixture()); err != nil {
		panic(err)
	}
	ties, err := s.Cooperation(ctx, graph.CooperationQuery{Regions: []string{storetest.ID("新昌县"), storetest.ID("西湖区")}})
	if err != nil {
		panic(err)
	}
	for _, t := range ties {
		fmt.Printf("%s–%s via %s (%s)\n", t.A.Name, t.B.Name, t.Via.Name, t.Via.Kind)
		for _, r := range t.Relations {
			fmt.Printf("  %s: %s\n", r.Kind, r.Evidence[0].Text)
		}
	}
	// Output:
	// 新昌县–西湖区 via 新昌县科创飞地(西湖区) (ENCLAVE)
	//   LOCATED_IN: 已在杭州西湖区建成科创飞地
	//   OPERATES: 已在杭州西湖区建成科创飞地
	// 新昌县–西湖区 via 浙江大学 (INSTITUTION)
	//   COOPERATES_WITH: 与浙江大学签订全面战略合作协议
	//   LOCATED_IN: 位于西湖区的浙江大学
}

func ExampleStore_Paths() {
	ctx := context.Background()
	s := memstore.New()
	if err := s.Replace(ctx, storetest.Fixture()); err != nil {
		panic(err)
	}
	paths, err := s.Paths(ctx, graph.PathQuery{From: storetest.ID("临平区"), To: storetest.ID("上海市"), MaxHops: 3})
	if err != nil {
		panic(err)
	}
	for _, p := range paths {
		for i, e := range p.Entities {
			if i > 0 {
				fmt.Printf(" -%s- ", p.Relations[i-1].Kind)
			}
			fmt.Print(e.Name)
		}
		fmt.Println()
	}
	// Output:
	// 临平区 -JOINS- G60科创走廊 -JOINS- 上海市
	// 临平区 -PART_OF- 杭州市 -COOPERATES_WITH- 上海市
}
