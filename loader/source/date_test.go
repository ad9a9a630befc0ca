package source

import (
	"testing"
)

// Dates read from the text when no manifest gives one. The texts are
// written in the genre's forms: a government page's header table, a
// notice's signature, a news page's date line, a wire dateline, a work
// report's title, a plan's title and its 规划期限 sentence.
func TestInferDate(t *testing.T) {
	tests := []struct {
		name, text string
		title      string // a manifest title, when the case needs one
		date, from string
	}{
		// 1. Labelled fields, in order of preference, whatever their order in the file.
		{"header table", "索引号: | 001008003012/2023-00123 | 公开方式: | 主动公开 |\n发布日期: 2023-04-03\n文号: | 杭科〔2023〕5号 | 成文日期: | 2023年3月31日 |\n为深入实施创新驱动发展战略,现将有关事项通知如下。",
			"", "2023-03-31", "field"},
		{"发布日期 slashes", "发布日期:2023/04/03 来源:市科技局\n全市科技创新大会召开。", "", "2023-04-03", "field"},
		{"日期 dots", "日期:2022.12.30\n区科技局召开年度工作会议。", "", "2022-12-30", "field"},
		{"发布时间 with a time", "【字体:大 中 小】 发布时间:2023-06-19 16:29 访问次数:\n创新是引领发展的第一动力。", "", "2023-06-19", "field"},
		{"full-width", "成文日期：２０２３年０３月３１日\n现将《实施意见》印发给你们。", "", "2023-03-31", "field"},
		{"Chinese numerals", "成文日期:二〇二三年三月三十一日\n现将《实施意见》印发给你们,请认真贯彻执行。", "", "2023-03-31", "field"},
		// 报名日期 is no 日期 field, and an impossible date is no date.
		{"not a field", "报名日期:2023年5月1日至5月10日\n请各单位按时报名。", "", "", ""},
		{"impossible date", "发布日期:2023-02-30\n全市科技创新大会召开。", "", "", ""},
		{"longer number", "编号:12023-03-31\n全市科技创新大会召开。", "", "", ""},

		// 2. Date lines: a notice's signature date, a news page's date and time.
		{"signature date", "关于公布2022年度区级科技项目的通知\n各有关单位:\n现将结果予以公布。\n杭州市临平区科学技术局\n2023年1月16日\n", "", "2023-01-16", "dateline"},
		{"news date line", "首页 > 新闻中心 > 部门动态\n浙江新闻 2023-03-31 10:28\n3月30日,杭州市与嘉兴市签署科技合作协议。", "", "2023-03-31", "dateline"},
		{"date line with weekday", "2023年3月2日 星期四\n本报讯 县委书记调研科创飞地建设。", "", "2023-03-02", "dateline"},
		// A date in a sentence is not the document's.
		{"date in a sentence", "2021年12月10日,区政府召开常务会议,讨论通过了规划。\n会议要求加快建设。", "", "", ""},

		// 3. A wire dateline near the top, with the year written near it.
		{"wire with a year", "新华社杭州3月1日电 (记者 王明) 2023年浙江省将新建一批科创飞地。", "", "2023-03-01", "dateline"},
		{"wire with the title's year", "本报杭州6月12日讯 (记者 余勤) 省政府与上海交通大学签署战略合作协议。", "2020年省校合作签约", "2020-06-12", "dateline"},
		{"wire without a year", "新华社杭州3月1日电 浙江省将新建一批科创飞地。", "", "", ""},

		// 4. The title's year, the latest one.
		{"title year", "西湖区科技局2023年工作总结\n今年以来,我局坚持“科创强区”战略导向。", "", "2023", "title"},
		{"title years", "今年以来,我局坚持“科创强区”战略导向。", "[西湖区科技局2022年工作总结和2023年工作思路]", "2023", "title"},

		// 5. The plan period: in the title, else a 规划期限 near the top.
		{"plan name in the title", "临平区“十四五”科技创新发展规划\n一、发展背景\n“十三五”以来,临平区科技创新取得显著成效。", "", "2021", "plan"},
		{"period in the title", "杭州市科技创新发展规划(2021—2025年)\n一、发展背景", "", "2021", "plan"},
		{"period in the lead", "(五)企业主体引领培育工程\n根据有关要求,特制定本规划。规划期限为2021-2025年。", "", "2021", "plan"},
		// A plan named in a sentence does not date a work report.
		{"plan in a sentence", "近期,市委全会召开,2017年,市科委将贯彻落实“十三五”规划,着力做好以下工作:", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse("x.txt", []byte(tt.text), Meta{Title: tt.title})
			if err != nil {
				t.Fatal(err)
			}
			if d.Date != tt.date || d.DateFrom != tt.from {
				t.Errorf("date %q from %q, want %q from %q", d.Date, d.DateFrom, tt.date, tt.from)
			}
		})
	}
	// The manifest's date wins.
	d, err := Parse("x.txt", []byte("发布日期:2023-04-03\n全市科技创新大会召开。"), Meta{Date: "2023-04"})
	if err != nil {
		t.Fatal(err)
	}
	if d.Date != "2023-04" || d.DateFrom != "manifest" {
		t.Errorf("with a manifest date: %q from %q", d.Date, d.DateFrom)
	}
}

func TestDateNumbers(t *testing.T) {
	dr, err := loadDates()
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]int{"2023": 2023, "二〇二三": 2023, "三": 3, "十": 10, "十二": 12, "二十": 20, "三十一": 31, "零九": 9} {
		if got, ok := dr.number(in); !ok || got != want {
			t.Errorf("number(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"十十", "一二十三", "三十一二", "x"} {
		if got, ok := dr.number(in); ok {
			t.Errorf("number(%q) = %d, want no number", in, got)
		}
	}
}
