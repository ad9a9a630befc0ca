package source

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

func TestHTMLText(t *testing.T) {
	tests := []struct {
		name, markup, want string
	}{
		{"blocks", "<p>创新是引领发展的第一动力。</p><p>“十四五”时期是新昌的关键时期。</p>",
			"创新是引领发展的第一动力。\n“十四五”时期是新昌的关键时期。"},
		{"br and div", "<div>发布时间:2023-06-19 16:29<br>信息来源:县科技局</div><div><div>正文。</div></div>",
			"发布时间:2023-06-19 16:29\n信息来源:县科技局\n正文。"},
		// Head, title, script, style and comments are not text; a "<p>" in a
		// script is no element.
		{"not shown", `<html><head><title>新昌县人民政府</title><meta charset="utf-8"><style>p{color:red}</style></head>` +
			`<body><script>document.write("<p>不是正文</p>");</script><!-- <p>注释</p> --><p>正文。</p><noscript>请启用脚本</noscript></body></html>`,
			"正文。"},
		// Hidden elements, where injected spam hides, are dropped, nested ones too.
		{"hidden", `<p>修订完善《<span style="display: none">365bet<span>官方</span>体育</span>飞天计划实施意见》</p><div hidden>隐藏</div><p>下文。</p>`,
			"修订完善《飞天计划实施意见》\n下文。"},
		// A hidden element that never closes does not hide the rest of the page.
		{"hidden unclosed", `<p>上文。</p><div style="visibility:hidden"><p>下文。</p>`, "上文。\n下文。"},
		{"entities", "<p>R&amp;D&nbsp;经费 &lt;3% &#x4e2d;&#22269; &quot;G60&quot;</p>", "R&D\u00a0经费 <3% 中国 \"G60\""},
		// A source line break between Chinese characters is no space; between
		// Latin words it is one; runs of space collapse.
		{"white space", "<p>加快推进\n   青山湖科技城   建设，\n引进 Global\nPartners   公司。</p>", "加快推进青山湖科技城 建设，引进 Global Partners 公司。"},
		{"pre", "<pre>指标    2020年\n  研发投入</pre><p>后文</p>", "指标    2020年\n  研发投入\n后文"},
		// Cells are followed by a bar, as the loader's text files write
		// tables; an empty cell adds none.
		{"table", "<table><tr><td>指标名称</td><td>2020年</td><td>2025年</td></tr><tr><th>研发投入</th><td></td><td>3.5%</td></tr></table>",
			"指标名称 | 2020年 | 2025年 |\n研发投入 | 3.5% |"},
		// Navigation is not dropped by tag: the furniture rules see its lines.
		{"nav kept", "<nav><a href=/>首页</a> &gt; <a>政务公开</a></nav><p>正文。</p><footer>分享到:</footer>", "首页 > 政务公开\n正文。\n分享到:"},
		{"case and attributes", `<P CLASS="a>b" data-x='<p>'>临平区</P><IMG SRC="x.png" alt="图片"><BR/>新昌县`, "临平区\n新昌县"},
		// "<" before a letter opens a tag, as in a browser; otherwise it is text.
		{"stray angle", "<p>a < b 且 c <= d,e<f</p>", "a < b 且 c <= d,e"},
		{"select", "<select><option>杭州市</option><option>宁波市</option></select><p>正文。</p>", "正文。"},
		{"unclosed head", "<html><head><title>页面</title><meta charset=utf-8><body><p>正文。</p>", "正文。"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := htmlText(tt.markup); got != tt.want {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// A page's charset comes from its byte-order mark, else its meta tag, else
// the bytes as for a .txt; valid UTF-8 wins over a meta tag that says GBK,
// since a re-encoded page often keeps its original tag.
func TestHTMLCharset(t *testing.T) {
	const body = "<p>临平区推进科技创新,打造“科创飞地”。</p>"
	const want = "临平区推进科技创新,打造“科创飞地”。"
	gbk := func(s string) []byte {
		b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	big5, err := traditionalchinese.Big5.NewEncoder().Bytes([]byte(`<meta charset="big5"><p>臨平區推進科技創新。</p>`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"meta charset gb2312", gbk(`<html><head><meta charset="gb2312"></head><body>` + body), want},
		{"http-equiv gbk", gbk(`<meta http-equiv="Content-Type" content="text/html; charset=GBK">` + body), want},
		{"xhtml xml declaration", gbk(`<?xml version="1.0" encoding="gb18030"?><html xmlns="http://www.w3.org/1999/xhtml"><body>` + body), want},
		{"no declaration, GBK bytes", gbk("<html><body>" + body), want},
		{"says gbk, is UTF-8", []byte(`<meta charset="gb2312">` + body), want},
		{"UTF-8 BOM beats the tag", append([]byte("\xEF\xBB\xBF"), `<meta charset="gbk">`+body...), want},
		// A declared charset the .txt reader refuses is read when declared.
		{"big5 declared", big5, "臨平區推進科技創新。"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse("page.html", tt.data, Meta{})
			if err != nil {
				t.Fatal(err)
			}
			if d.Original != tt.want {
				t.Errorf("Original %q, want %q", d.Original, tt.want)
			}
		})
	}
	// A page that says GBK but holds bytes that are not: an encoding error
	// at the first bad byte.
	bad := append(gbk(`<meta charset="gbk"><p>临平区`), 0x81, 0x20)
	bad = append(bad, gbk("科技</p>")...)
	_, err = Parse("bad.html", bad, Meta{})
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrEncoding) || e.Offset != strings.Index(string(bad), "\x81") || !strings.Contains(err.Error(), "charset=gbk") {
		t.Errorf("err %v (offset %d), want ErrEncoding at %d", err, offsetOf(e), strings.Index(string(bad), "\x81"))
	}
}

func offsetOf(e *Error) int {
	if e == nil {
		return -2
	}
	return e.Offset
}

// A page is read like a text file once its text is out: furniture lines
// (from the navigation, the page's header) are dropped by the same rules,
// the date and source lines give the metadata, offsets are into the text.
func TestHTMLDocument(t *testing.T) {
	page := `<!DOCTYPE html><html><head><title>新昌县“十四五”科技创新规划_新昌县人民政府</title></head><body>
<div class="nav"><a>首页</a> &gt; <a>政务公开</a></div>
<div class="info"><span>发布时间:2023-06-19 16:29</span><br><span>信息来源:县科技局</span></div>
<div class="font">【字体:大 中 小】</div>
<div class="content"><p>创新是引领发展的第一动力。</p>
<p>新昌县在西湖区、滨江区设立了科创飞地。</p></div>
<div class="share">分享到:</div>
</body></html>`
	d, err := Parse("page.html", []byte(page), Meta{})
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, d)
	var got []string
	for _, s := range d.Sentences {
		got = append(got, d.Text(s))
	}
	if strings.Join(got, "|") != "创新是引领发展的第一动力。|新昌县在西湖区、滨江区设立了科创飞地。" {
		t.Errorf("sentences %q", got)
	}
	if d.Date != "2023-06-19" || d.DateFrom != "field" || d.Source != "县科技局" || d.Issuer != "新昌县" {
		t.Errorf("date %q from %q, source %q, issuer %q", d.Date, d.DateFrom, d.Source, d.Issuer)
	}
	if want := "首页 > 政务公开\n发布时间:2023-06-19 16:29\n信息来源:县科技局\n【字体:大 中 小】\n创新是引领发展的第一动力。\n"; !strings.HasPrefix(d.Original, want) {
		t.Errorf("Original %q", d.Original)
	}
}
