package source

import (
	"strings"
	"testing"
)

// docxOf returns a .docx whose body is the given WordprocessingML.
func docxOf(t testing.TB, body string) []byte {
	t.Helper()
	return zipOf(t,
		[2]string{"[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`},
		[2]string{"_rels/.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="` + relOfficeDocument + `" Target="word/document.xml"/></Relationships>`},
		[2]string{"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<w:document xmlns:w="` + nsW + `" xmlns:mc="` + nsMC + `"><w:body>` + body + `</w:body></w:document>`},
	)
}

func TestDocxText(t *testing.T) {
	run := func(s string) string { return "<w:r><w:t>" + s + "</w:t></w:r>" }
	tests := []struct {
		name, body, want string
	}{
		{"paragraphs", "<w:p>" + run("关于印发《临平区“十四五”科技创新发展规划》的通知") + "</w:p><w:p>" + run("各镇人民政府、街道办事处:") + "</w:p>",
			"关于印发《临平区“十四五”科技创新发展规划》的通知\n各镇人民政府、街道办事处:"},
		// Runs join without a space; Word splits a sentence into runs freely.
		{"runs", "<w:p>" + run("推进临平在城西科创大走廊") + `<w:r><w:rPr><w:b/></w:rPr><w:t>核心区</w:t></w:r>` + run("设立“科创飞地”。") + "</w:p>",
			"推进临平在城西科创大走廊核心区设立“科创飞地”。"},
		// Tabs and breaks are spaces; a tab stop's definition is not a tab.
		{"tabs and breaks", `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>` + run("指标") + "<w:r><w:tab/><w:t>2025年</w:t><w:br/><w:t>目标</w:t><w:cr/></w:r></w:p>",
			"指标 2025年 目标 "},
		// Empty paragraphs stay lines, so a line number is a paragraph number.
		{"empty paragraph", "<w:p>" + run("一、发展背景") + "</w:p><w:p/><w:p>" + run("(一)现实基础") + "</w:p>",
			"一、发展背景\n\n(一)现实基础"},
		// Deleted text, field codes and the fallback copy of a text box are not the text.
		{"not text", "<w:p>" + run("与西湖大学") + `<w:del w:id="1"><w:r><w:delText>和浙江大学</w:delText></w:r></w:del>` +
			`<w:r><w:instrText> PAGE </w:instrText></w:r>` + run("签订协议。") + "</w:p>",
			"与西湖大学签订协议。"},
		{"text box", "<w:p>" + run("正文前") + `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p>` + run("框内文字") +
			`</w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p>` + run("框内文字") + `</w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>` +
			run("正文后") + "</w:p>",
			"框内文字\n正文前正文后"},
		// Table cells are paragraphs, one line each.
		{"table", "<w:tbl><w:tr><w:tc><w:p>" + run("指标名称") + "</w:p></w:tc><w:tc><w:p>" + run("2020年") + "</w:p></w:tc></w:tr></w:tbl>",
			"指标名称\n2020年"},
		// A line break inside w:t is a space too; entities are decoded.
		{"entities", "<w:p><w:r><w:t xml:space=\"preserve\">R&amp;D 经费\n投入 &lt;3%</w:t></w:r></w:p>", "R&D 经费 投入 <3%"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sn, err := sniff("x.docx", docxOf(t, tt.body))
			if err != nil || sn.format != formatDocx {
				t.Fatalf("sniff: %v, format %d", err, sn.format)
			}
			got, err := docxText(sn.zip, sn.part)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// The main part is the one _rels/.rels names, whatever it is called.
func TestDocxMainPart(t *testing.T) {
	data := zipOf(t,
		[2]string{"_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r" Type="` + relOfficeDocument + `" Target="/word/document2.xml"/></Relationships>`},
		[2]string{"word/document2.xml", `<w:document xmlns:w="` + nsW + `"><w:body><w:p><w:r><w:t>新昌县建设科创走廊。</w:t></w:r></w:p></w:body></w:document>`},
	)
	d, err := Parse("plan.docx", data, Meta{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Original != "新昌县建设科创走廊。" || d.ID != "plan" {
		t.Errorf("Original %q ID %q", d.Original, d.ID)
	}
}

// A .docx is read like a text file with its paragraphs as lines: furniture,
// metadata and sentences, with offsets into the extracted text.
func TestDocxDocument(t *testing.T) {
	paras := []string{
		"关于印发《新昌县科技创新发展规划》的通知",
		"各乡镇人民政府:",
		"现印发给你们,请认真贯彻实施。",
		"新昌县人民政府办公室",
		"2021年12月1日",
		"在西湖区、滨江区设立了科创飞地。",
	}
	var body strings.Builder
	for _, p := range paras {
		body.WriteString("<w:p><w:r><w:t>" + p + "</w:t></w:r></w:p>")
	}
	d, err := Parse("notice.docx", docxOf(t, body.String()), Meta{})
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, d)
	if d.Title != "新昌县科技创新发展规划" || d.Issuer != "新昌县" || d.Date != "2021-12-01" {
		t.Errorf("title %q issuer %q date %q", d.Title, d.Issuer, d.Date)
	}
	last := d.Sentences[len(d.Sentences)-1]
	if d.Text(last) != paras[5] || last.Paragraph != 5 || last.Start != len([]rune(strings.Join(paras[:5], "\n")))+1 {
		t.Errorf("last sentence %q [%d,%d) paragraph %d", d.Text(last), last.Start, last.End, last.Paragraph)
	}
}
