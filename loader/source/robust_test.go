package source

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// An enormous single line (megabytes, no line break) is read in linear
// time: furniture rules skip long lines, spam extension looks through a
// bounded window, and inference reads a bounded prefix.
func TestEnormousLine(t *testing.T) {
	para := "推进临平在城西科创大走廊核心区未来科技城设立“科创飞地”,推动两地统一市场建设。"
	tests := []struct {
		name string
		line string
		want int // sentences
	}{
		{"sentences", strings.Repeat(para, 100000), 100000},                // 4.2 M code points, 12 MB
		{"no punctuation", strings.Repeat("科创飞地", 1000000), 1},             // one 4 M code point sentence
		{"spam run", "修订《" + strings.Repeat("365bet_", 500000) + "体育》", 1}, // one 3.5 M code point spam run
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			d, err := Parse("huge.txt", []byte(tt.line), Meta{})
			if err != nil {
				t.Fatal(err)
			}
			elapsed := time.Since(start)
			if len(d.Sentences) != tt.want {
				t.Errorf("%d sentences, want %d", len(d.Sentences), tt.want)
			}
			for i, s := range d.Sentences {
				if s.End > len(d.Folded) || s.Start >= s.End {
					t.Fatalf("sentence %d: [%d,%d)", i, s.Start, s.End)
				}
			}
			// Quadratic work on megabytes would take minutes; linear takes well
			// under a second even on a loaded machine.
			if elapsed > 20*time.Second {
				t.Errorf("took %v for %d bytes", elapsed, len(tt.line))
			}
			t.Logf("%d bytes in %v (%.0f MB/s)", len(tt.line), elapsed, float64(len(tt.line))/elapsed.Seconds()/1e6)
		})
	}
	// The long spam run is blanked whole, and the document's own runes around it stay.
	spam := strings.Repeat("365bet_", 1000) + "体育"
	d, err := Parse("huge.txt", []byte("修订《"+spam+"》"), Meta{})
	if err != nil {
		t.Fatal(err)
	}
	want := "修订《" + strings.Repeat(string(Placeholder), utf8.RuneCountInString(spam)) + "》"
	if string(d.Folded) != want {
		t.Errorf("Folded %q…", string(d.Folded[:20]))
	}
}

// Line breaks of every convention end a paragraph; spaces between Chinese
// items on one line (003 is a single line) break sentences.
func TestSplitting(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
		para []int
	}{
		{"crlf", "甲乙丙。\r\n丁戊己\r庚辛\n", []string{"甲乙丙。", "丁戊己", "庚辛"}, []int{0, 1, 2}},
		{"unicode breaks", "甲乙\u2028丙丁\u2029戊己", []string{"甲乙", "丙丁", "戊己"}, []int{0, 1, 2}},
		// 003: "…全省前列。 一、主要成效及亮点工作 (一)首次夺鼎,区域创新实力全省前列。"
		{"003 items on one line", "区域整体创新实力位列全省前列。 一、主要成效及亮点工作 (一)首次夺鼎,区域创新实力全省前列。",
			[]string{"区域整体创新实力位列全省前列。", "一、主要成效及亮点工作", "(一)首次夺鼎,区域创新实力全省前列。"}, []int{0, 0, 0}},
		// Closing quotes stay with their sentence; terminators split.
		{"closers", "实现“不求所有、但求所用。”新格局!好?是;", []string{"实现“不求所有、但求所用。”", "新格局!", "好?", "是;"}, []int{0, 0, 0, 0}},
		// Spaces beside Latin letters and digits do not split.
		{"latin", "全社会R&D 经费投入达 26.92亿元。", []string{"全社会R&D 经费投入达 26.92亿元。"}, []int{0}},
		// Table cells (004) split on "|"; a row of nothing but bars is no sentence.
		{"table", "指标名称 | 2020年 | 2025年 |\n| |", []string{"指标名称 |", "2020年 |", "2025年 |"}, []int{0, 0, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse(tt.name+".txt", []byte(tt.text), Meta{})
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, d)
			var got []string
			var para []int
			for _, s := range d.Sentences {
				got = append(got, d.Text(s))
				para = append(para, s.Paragraph)
			}
			if strings.Join(got, "\x00") != strings.Join(tt.want, "\x00") || !equalInts(para, tt.para) {
				t.Errorf("got %q %v, want %q %v", got, para, tt.want, tt.para)
			}
		})
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestSpamRules(t *testing.T) {
	tests := []struct {
		name, text, spam string // spam: the part that must be blanked
	}{
		{"003", "修订完善《365ba_365bet官方体育投注_28365365体育飞天计划实施意见》", "365ba_365bet官方体育投注_28365365体育"},
		{"url", "详见http://www.example.com/a?b=1页面", "http://www.example.com/a?b=1"},
		{"case", "《BET365体育》科技", "BET365体育"},
		{"contact", "欢迎加微信abc123咨询", "加微信abc123"},
		{"none", "全心全意当好科技“店小二”,体育中心建设。", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse("spam.txt", []byte(tt.text), Meta{})
			if err != nil {
				t.Fatal(err)
			}
			var blank []rune
			orig := []rune(d.Original)
			for i, r := range d.Folded {
				if r == Placeholder {
					blank = append(blank, orig[i])
				}
			}
			if string(blank) != tt.spam {
				t.Errorf("blanked %q, want %q", string(blank), tt.spam)
			}
		})
	}
	// A sentence that is only spam is dropped.
	d, err := Parse("spam.txt", []byte("临平区科技创新。365bet官方体育投注。新昌县。"), Meta{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range d.Sentences {
		if strings.Contains(d.Text(s), "365") {
			t.Errorf("spam-only sentence kept: %q", d.Text(s))
		}
	}
	if len(d.Sentences) != 2 {
		t.Errorf("%d sentences, want 2", len(d.Sentences))
	}
}

func TestManifest(t *testing.T) {
	write := func(t *testing.T, body string) string {
		dir := t.TempDir()
		if body != "" {
			if err := os.WriteFile(filepath.Join(dir, ManifestName), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return dir
	}
	t.Run("absent", func(t *testing.T) {
		m, err := ReadManifest(write(t, ""))
		if err != nil || m == nil || len(m) != 0 {
			t.Errorf("got %v, %v; want an empty map", m, err)
		}
	})
	t.Run("ok", func(t *testing.T) {
		m, err := ReadManifest(write(t, "# c\na.txt:\n  title: T\n  date: \"2017\"\n  issuer: 杭州市\nb.txt: {date: 2021-12-10, issuer: 临平}\nold/:\n  skip: true\n"))
		if err != nil {
			t.Fatal(err)
		}
		// An alias is accepted and stands for the full name.
		if m["a.txt"] != (Meta{Title: "T", Date: "2017", Issuer: "杭州市"}) || m["b.txt"] != (Meta{Date: "2021-12-10", Issuer: "临平区"}) || m["old/"] != (Meta{Skip: true}) {
			t.Errorf("got %+v", m)
		}
	})
	bad := []struct{ name, body, field, msg string }{
		{"unknown field", "a.txt:\n  isuer: x\n", "a.txt", "line 2"},
		{"bad date", "a.txt:\n  date: 2021/12/10\n", "a.txt: date", "line 2"},
		{"bad month", "a.txt:\n  date: 2021-13\n", "a.txt: date", "month 13"},
		{"not a mapping", "- a.txt\n", "", "line 1"},
		{"nested value", "a.txt:\n  title: [x, y]\n", "a.txt", "line 2"},
		{"syntax", "a.txt: [\n", "", "yaml"},
		{"unknown issuer", "a.txt:\n  issuer: 临平县\n", "a.txt: issuer", "line 2"},
		{"skip not a bool", "a.txt:\n  skip: maybe\n", "a.txt", "line 2: skip: want true or false"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadManifest(write(t, tt.body))
			var e *Error
			if !errors.As(err, &e) || e.Field != tt.field || !strings.Contains(err.Error(), tt.msg) || !strings.Contains(err.Error(), ManifestName) {
				t.Errorf("err %v (field %q), want *Error on field %q mentioning %q", err, fieldOf(e), tt.field, tt.msg)
			}
		})
	}
}

func fieldOf(e *Error) string {
	if e == nil {
		return ""
	}
	return e.Field
}

// A page of nothing but furniture says nothing: ErrEmpty, not an empty document.
func TestOnlyFurniture(t *testing.T) {
	_, err := Parse("page.txt", []byte("发布时间:2023-06-19 16:29\n访问次数:\n分享到:\n《365bet官方体育投注》\n"), Meta{})
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrEmpty) || e.Field != "content" {
		t.Errorf("err %v, want *Error on field content wrapping ErrEmpty", err)
	}
}

// Inference works without a manifest on text it has never seen: a county's
// notice, signed.
func TestInferIssuerSignature(t *testing.T) {
	text := "关于印发《新昌县科技创新发展规划》的通知\n各乡镇人民政府:\n现印发给你们。\n新昌县人民政府办公室\n2021年12月1日\n"
	d, err := Parse("x.txt", []byte(text), Meta{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Issuer != "新昌县" || d.Date != "2021-12-01" || d.Title != "新昌县科技创新发展规划" {
		t.Errorf("issuer %q date %q title %q", d.Issuer, d.Date, d.Title)
	}
	if len(d.Sentences) != 3 {
		t.Errorf("%d sentences, want 3 (the signature and date are not content)", len(d.Sentences))
	}
}

func TestFoldString(t *testing.T) {
	for in, want := range map[string]string{
		"Ｇ６０科創走廊":    "G60科创走廊",
		"臨平區，杭州（浙江）": "临平区,杭州(浙江)",
		"\u3000浙大":   " 浙大",
		"abc":        "abc",
	} {
		if got := FoldString(in); got != want || utf8.RuneCountInString(got) != utf8.RuneCountInString(in) {
			t.Errorf("FoldString(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzRead: Read never panics, errors are *Error, and every span is in range.
func FuzzRead(f *testing.F) {
	for _, name := range []string{"sample.utf8.txt", "sample.gbk.txt", "sample.utf16le.txt", "sample.trad.txt", "truncated.txt", "binary.png"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	seedFiles, _ := filepath.Glob(filepath.Join(seeds, "*.txt"))
	for _, p := range seedFiles {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data[:min(len(data), 3000)])
	}
	f.Add([]byte("目 录\n一、发展背景 4\n(一)现实基础 4\n附表\n1.平台 34\n正文。"))
	f.Add([]byte("《365ba_365bet官方体育投注_28365365体育》"))
	f.Add([]byte{0xFF, 0xFE, 0x00, 0xD8})
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Parse("fuzz.txt", data, Meta{})
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is not *Error", err)
			}
			return
		}
		checkInvariants(t, d)
		if !utf8.ValidString(d.Original) {
			t.Fatalf("Original is not valid UTF-8")
		}
		if bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) && strings.HasPrefix(d.Original, "\uFEFF") {
			t.Fatalf("BOM kept")
		}
	})
}

// Web-page furniture in the forms policy sites print it, full width as
// they usually are; each line alone on its line is dropped, content stays.
func TestFurnitureLines(t *testing.T) {
	tests := []struct {
		line string
		drop bool
	}{
		{"发布时间：2023-06-19 16:29", true},
		{"发布日期:2021年12月10日", true},
		{"访问次数：", true},
		{"访问次数: 1024", true},
		{"信息来源：县科技局", true},
		{"分享到：", true},
		{"分享到: | 【打印本页】【关闭本页】 |", true},
		{"【打印本页】 【关闭窗口】", true},
		{"【字体：大 中 小】", true},
		{"字号:【大】【中】【小】", true},
		{"论文部分内容阅读", true},
		{"上一篇：关于公布2022年度科技项目的通知", true},
		{"2021年12月10日", true},
		{"杭州市临平区人民政府办公室", true},
		{"发布单位: 新昌县科技局", true},
		// A navigation bar: six or more short words between spaces
		// (testdata/external/xihu_zust_2021.txt line 2, taizhouwan_kczl_2022.txt line 2).
		{"最新原创 专题 新经济 曝光台 中国访谈 中国三分钟 冲浪特殊资产 潮评社 温州 绍兴 衢州 淳安 岱山 桐庐 文娱 元宇宙", true},
		// A government page's header table (linhai_kjfz_14th.txt lines 1-3).
		{"索引号: | LH331082-042/2022-126224 | 公开方式: | 主动公开 |", true},
		{"文号: | 临发改规划〔2022〕13号 | 成文日期: | 2022-10-20 |", true},
		{"发布单位: | 市科技局 |", true},
		// Image captions and file names (nantong_kjgtt_2023.txt line 1, xihu_zust_2021.txt line 10).
		{"【资料图】", true},
		{"图片 1.png", true},
		{"> 政务公开  > 政府信息公开目录  > 市政府办公室  > 法定主动公开内容  > 政策文件及解读  > 其他文件  > 市政府文件", true},
		// Content that mentions the same words is not furniture.
		{"信息来源多样,分享到各地。", false},
		{"打印本页的做法在2021年12月10日之后停止。", false},
		{"一、发展背景", false},
		{"(一) 首次夺鼎 浙江省 科技进步奖", false}, // four short words are no bar
		{"松江 嘉兴 杭州 金华 苏州 湖州 签署 战略合作协议。", false},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			text := "临平区推进科技创新。\n" + tt.line + "\n新昌县建设科创走廊。\n"
			d, err := Parse("page.txt", []byte(text), Meta{})
			if err != nil {
				t.Fatal(err)
			}
			kept := false
			for _, s := range d.Sentences {
				if s.Paragraph == 1 {
					kept = true
				}
			}
			if kept == tt.drop {
				t.Errorf("line %q kept=%v, want drop=%v", tt.line, kept, tt.drop)
			}
			if len(d.Sentences) < 2 || d.Sentences[0].Paragraph != 0 || d.Sentences[len(d.Sentences)-1].Paragraph != 2 {
				t.Errorf("content around it lost: %+v", d.Sentences)
			}
		})
	}
}

// A table of contents is dropped from its heading, or from a run of three
// entries ending in page numbers, to its last entry; a single line ending
// in a number is content.
func TestTableOfContents(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"headed", "规划\n目 录\n一、发展背景 4\n(一)现实基础 4\n附表\n1.重大科创平台 34\n正文开始。\n",
			[]string{"规划", "正文开始。"}},
		{"unheaded run", "一、发展背景 4\n二、总体思路 9\n三、创新领域 13\n正文。\n", []string{"正文。"}},
		{"single number line", "建设孵化器 18\n正文。\n", []string{"建设孵化器 18", "正文。"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse("toc.txt", []byte(tt.text), Meta{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range d.Sentences {
				got = append(got, d.Text(s))
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// A repeated paragraph, even with different spacing or width, repeats
// sentence by sentence; a sentence met only once is not a repeat.
func TestRepeatedParagraph(t *testing.T) {
	text := "加快推进青山湖科技城、未来科技城建设。吸引资源集聚。\n其他内容。\n加快推进 青山湖科技城、未来科技城建设。吸引资源集聚。\n"
	d, err := Parse("rep.txt", []byte(text), Meta{})
	if err != nil {
		t.Fatal(err)
	}
	var reps []int
	for _, s := range d.Sentences {
		reps = append(reps, s.RepeatOf)
	}
	if !equalInts(reps, []int{-1, -1, -1, 0, 1}) {
		t.Errorf("RepeatOf %v, want [-1 -1 -1 0 1]", reps)
	}
}

// A press report carries a byline and no signature: no region issued it, so
// the issuer is none (Report), not the region it mentions most.
func TestInferIssuerReport(t *testing.T) {
	for _, tc := range []struct {
		name, file string
		report     bool
		issuer     string
	}{
		// offset 58: "本报杭州6月12日讯 (记者 余勤) 12日上午,省长袁家军与上海交通大学校长林忠钦,见证省校战略合作框架协议签约。"
		{"newspaper byline in the first paragraph", "../testdata/external/zjrb_sjtu_2020.txt", true, ""},
		// offset 116: "中国网 · 丁萨 通讯员 金晶 唐英 | 发布时间2021-09-18 15:56:36"
		{"news site byline line", "../testdata/external/xihu_zust_2021.txt", true, ""},
		{"seed work plan", "../../seeds/002_449e9938909a7532.txt", false, "杭州市"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Read(tc.file, Meta{})
			if err != nil {
				t.Fatal(err)
			}
			if d.Report != tc.report || d.Issuer != tc.issuer {
				t.Errorf("Report %v, Issuer %q; want %v, %q", d.Report, d.Issuer, tc.report, tc.issuer)
			}
		})
	}
	// A manifest issuer wins, and then the document is not a report without one.
	d, err := Read("../testdata/external/zjrb_sjtu_2020.txt", Meta{Issuer: "浙江省"})
	if err != nil {
		t.Fatal(err)
	}
	if d.Report || d.Issuer != "浙江省" {
		t.Errorf("with a manifest issuer: Report %v, Issuer %q", d.Report, d.Issuer)
	}
}

// The manifest's title is the document's title: a file whose opening has no
// title line still gets the issuer its title names.
func TestInferIssuerManifestTitle(t *testing.T) {
	// A notice line with its issuing offices before 关于印发, broken before 知
	// (linhai_kjfz_14th.txt line 4), still gives the title.
	d, err := Read("../testdata/external/linhai_kjfz_14th.txt", Meta{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "临海市科学技术“十四五”发展规划" || d.Issuer != "临海市" {
		t.Errorf("linhai without a manifest: title %q issuer %q", d.Title, d.Issuer)
	}
	for _, tc := range []struct {
		file, title, want string
	}{
		// The text names 杭州 more than 龙泉; the title says whose visit it was.
		{"../testdata/external/longquan_feidi_2025.txt", "龙泉市领导赴浙大科技园·萧龙科创中心调研“科创飞地”工作", "龙泉市"},
	} {
		d, err := Read(tc.file, Meta{Title: tc.title})
		if err != nil {
			t.Fatal(err)
		}
		if d.Issuer != tc.want || d.Title != tc.title {
			t.Errorf("%s: issuer %q title %q, want %q", tc.file, d.Issuer, d.Title, tc.want)
		}
	}
}

// A government page's 发布单位 header names the issuing office, as a
// signature does (linhai_kjfz_14th.txt line 3 has "发布单位: | 市科技局 |",
// which names no region and so leaves the choice to the title).
func TestInferIssuerHeader(t *testing.T) {
	text := "发布单位: | 新昌县科技局 |\n杭州市、绍兴市、杭州市与新昌县共建科创走廊。\n"
	d, err := Parse("x.txt", []byte(text), Meta{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Issuer != "新昌县" || d.IssuerFrom != "signature" || len(d.Sentences) != 1 {
		t.Errorf("issuer %q from %q, %d sentences; want 新昌县 from signature, 1", d.Issuer, d.IssuerFrom, len(d.Sentences))
	}
	d, err = Read("../testdata/external/linhai_kjfz_14th.txt", Meta{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Issuer != "临海市" || d.IssuerFrom != "title" {
		t.Errorf("linhai: issuer %q from %q; want 临海市 from title", d.Issuer, d.IssuerFrom)
	}
}

// A title in the administrative form names the child region after its
// parent: the issuer is the child. 001's signature line,
// "杭州市临平区人民政府办公室", written before its plan's title as a title is.
func TestInferIssuerTitleAdministrative(t *testing.T) {
	for _, tc := range []struct{ title, want string }{
		{"杭州市临平区“十四五”科技创新发展规划", "临平区"},
		{"临平区“十四五”科技创新发展规划", "临平区"},
		{"[杭州市科委2017年科技工作要点]", "杭州市"},
		// Regions in a list, not in that form: the first (000, offset 1215).
		{"开展与上海、嘉兴海宁、桐乡等科创对接", "上海市"},
	} {
		d, err := Read("../../seeds/000_1e65ece718b41419.txt", Meta{Title: tc.title})
		if err != nil {
			t.Fatal(err)
		}
		if d.Issuer != tc.want || d.IssuerFrom != "title" {
			t.Errorf("title %q: issuer %q from %q, want %q from title", tc.title, d.Issuer, d.IssuerFrom, tc.want)
		}
	}
}
