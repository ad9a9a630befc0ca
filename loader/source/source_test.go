package source

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

const seeds = "../../seeds"

func seed(t testing.TB, name string) *Document {
	t.Helper()
	d, err := Read(filepath.Join(seeds, name), Meta{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// sentenceAt returns the sentence that starts at start, or fails.
func sentenceAt(t *testing.T, d *Document, start int) (int, Sentence) {
	t.Helper()
	for i, s := range d.Sentences {
		if s.Start == start {
			return i, s
		}
	}
	t.Fatalf("%s: no sentence starts at %d", d.File, start)
	return -1, Sentence{}
}

// checkInvariants asserts what every caller of Read relies on.
func checkInvariants(t testing.TB, d *Document) {
	t.Helper()
	orig := []rune(d.Original)
	if len(d.Folded) != len(orig) || len(orig) != utf8.RuneCountInString(d.Original) {
		t.Fatalf("%s: len(Folded)=%d, runes in Original=%d", d.File, len(d.Folded), len(orig))
	}
	prevEnd := 0
	for i, s := range d.Sentences {
		if s.Start < prevEnd || s.End <= s.Start || s.End > len(orig) {
			t.Fatalf("%s: sentence %d span [%d,%d) out of order or range (previous end %d, text %d)", d.File, i, s.Start, s.End, prevEnd, len(orig))
		}
		prevEnd = s.End
		text := string(orig[s.Start:s.End])
		if strings.TrimSpace(text) != text {
			t.Errorf("%s: sentence %d %q not trimmed", d.File, i, text)
		}
		if s.RepeatOf >= i || s.RepeatOf < -1 {
			t.Errorf("%s: sentence %d RepeatOf %d", d.File, i, s.RepeatOf)
		}
		if d.Text(s) != text {
			t.Errorf("%s: Text(%d) = %q, want %q", d.File, i, d.Text(s), text)
		}
	}
}

func TestSeedMetadataInferred(t *testing.T) {
	tests := []struct {
		file                        string
		title, date, source, issuer string
	}{
		// "关于印发《临平区“十四五”科技创新发展规划》的通知" (line 1), the signature
		// "杭州市临平区人民政府办公室" (line 4) and "2021年12月10日" (line 5).
		{file: "001_d3359bdaaf069143.txt", title: "临平区“十四五”科技创新发展规划", date: "2021-12-10", issuer: "临平区"},
		// "发布时间:2023-06-19 16:29" and "信息来源:县科技局" head the page;
		// 全县/县域 say county, and 新昌 is the county it names most.
		{file: "004_e2e9d89b10e5a6e1.txt", date: "2023-06-19", source: "县科技局", issuer: "新昌县"},
		// 000 is a chunk of 临平区's plan: "引领构建全区创新协同新格局" says
		// district; 临平 is the district it names most once 钱塘科学城 counts
		// as a platform, not as 钱塘区.
		{file: "000_1e65ece718b41419.txt", issuer: "临平区"},
		// "市科委将着重贯彻落实…", "市委": a city, and 杭州 is the city named.
		{file: "002_449e9938909a7532.txt", issuer: "杭州市"},
		// Spam replaced the district's name twice, but "区科技局", "区委区政府"
		// say district and "塑造凝聚西湖特色的新产品" names 西湖; 西湖大学 is an
		// institution and does not count.
		{file: "003_f1f9a73089789879.txt", issuer: "西湖区"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			d := seed(t, tt.file)
			checkInvariants(t, d)
			if d.Title != tt.title || d.Date != tt.date || d.Source != tt.source || d.Issuer != tt.issuer {
				t.Errorf("title %q date %q source %q issuer %q, want %q %q %q %q", d.Title, d.Date, d.Source, d.Issuer, tt.title, tt.date, tt.source, tt.issuer)
			}
			if d.ID != strings.TrimSuffix(tt.file, ".txt") {
				t.Errorf("ID %q", d.ID)
			}
		})
	}
}

func TestMetaWins(t *testing.T) {
	m := Meta{Title: "T", Date: "2017", Issuer: "杭州市", Source: "S"}
	d, err := Read(filepath.Join(seeds, "001_d3359bdaaf069143.txt"), m)
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != m.Title || d.Date != m.Date || d.Issuer != m.Issuer || d.Source != m.Source {
		t.Errorf("got %q %q %q %q, want the manifest's", d.Title, d.Date, d.Issuer, d.Source)
	}
	_, err = Read(filepath.Join(seeds, "001_d3359bdaaf069143.txt"), Meta{Date: "2021-13"})
	var e *Error
	if !errors.As(err, &e) || e.Field != "date" {
		t.Errorf("bad manifest date: err %v, want *Error on field date", err)
	}
}

func TestFurnitureDropped(t *testing.T) {
	tests := []struct {
		file   string
		offset int    // code point offset of the furniture in the file
		text   string // as it stands there
	}{
		{"002_449e9938909a7532.txt", 0, "论文部分内容阅读"},
		{"004_e2e9d89b10e5a6e1.txt", 0, "发布时间:2023-06-19 16:29"},
		{"004_e2e9d89b10e5a6e1.txt", 22, "访问次数:"},
		{"004_e2e9d89b10e5a6e1.txt", 34, "信息来源:县科技局"},
		{"001_d3359bdaaf069143.txt", 99, "杭州市临平区人民政府办公室"},
		{"001_d3359bdaaf069143.txt", 113, "2021年12月10日"},
		// The table of contents: its heading, an entry, a sub-entry, "附表".
		{"001_d3359bdaaf069143.txt", 142, "目 录"},
		{"001_d3359bdaaf069143.txt", 146, "一、发展背景 4"},
		{"001_d3359bdaaf069143.txt", 155, "(一)现实基础 4"},
	}
	for _, tt := range tests {
		t.Run(tt.file+"@"+tt.text, func(t *testing.T) {
			d := seed(t, tt.file)
			orig := []rune(d.Original)
			end := tt.offset + utf8.RuneCountInString(tt.text)
			if got := string(orig[tt.offset:end]); got != tt.text {
				t.Fatalf("test is stale: text at %d is %q", tt.offset, got)
			}
			for _, s := range d.Sentences {
				if s.Start < end && tt.offset < s.End {
					t.Errorf("sentence [%d,%d) %q overlaps furniture", s.Start, s.End, d.Text(s))
				}
			}
		})
	}
	// The body's own heading, after the table of contents, is content.
	d := seed(t, "001_d3359bdaaf069143.txt")
	if _, s := sentenceAt(t, d, 785); d.Text(s) != "一、发展背景" {
		t.Errorf("body heading: %q", d.Text(s))
	}
	// So is the last line of 004 before its "分享到" furniture.
	d = seed(t, "004_e2e9d89b10e5a6e1.txt")
	last := d.Text(d.Sentences[len(d.Sentences)-1])
	if !strings.HasSuffix(last, "宽容失败的浓厚社会氛围。") {
		t.Errorf("004 last sentence %q", last)
	}
}

func TestSpamBlanked(t *testing.T) {
	const spam = "365ba_365bet官方体育投注_28365365体育"
	d := seed(t, "003_f1f9a73089789879.txt")
	orig := []rune(d.Original)
	n := utf8.RuneCountInString(spam)
	for _, at := range []int{2963, 3444} {
		if string(orig[at:at+n]) != spam {
			t.Fatalf("test is stale: %q at %d", string(orig[at:at+n]), at)
		}
		for k := at; k < at+n; k++ {
			if d.Folded[k] != Placeholder {
				t.Errorf("Folded[%d] = %q, want the placeholder", k, d.Folded[k])
			}
		}
		// The runes on either side are the document's own: "《" and "飞"/"科".
		if d.Folded[at-1] != '《' || !unicode.Is(unicode.Han, d.Folded[at+n]) {
			t.Errorf("spam run spilled: %q", string(d.Folded[at-1:at+n+1]))
		}
	}
	count := 0
	for _, r := range d.Folded {
		if r == Placeholder {
			count++
		}
	}
	if count != 2*n {
		t.Errorf("%d runes blanked, want %d", count, 2*n)
	}
}

func TestRepeatedBody(t *testing.T) {
	d := seed(t, "002_449e9938909a7532.txt")
	// "深化科技体制改革,激发创新创业活力" heads the body at 190 and its copy at 2531.
	i, _ := sentenceAt(t, d, 190)
	_, s := sentenceAt(t, d, 2531)
	if s.RepeatOf != i {
		t.Errorf("copy at 2531: RepeatOf %d, want %d", s.RepeatOf, i)
	}
	firsts, repeats := 0, 0
	for _, s := range d.Sentences {
		if s.RepeatOf < 0 {
			firsts++
		} else {
			repeats++
		}
	}
	// The intro sentence is not repeated; every sentence of the body is.
	if repeats != firsts-1 {
		t.Errorf("%d first sentences, %d repeats; want the whole body repeated once", firsts, repeats)
	}
}

func TestReadMissing(t *testing.T) {
	_, err := Read(filepath.Join(t.TempDir(), "nope.txt"), Meta{})
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("err %v, want *Error wrapping ErrNotExist", err)
	}
	if !strings.HasPrefix(err.Error(), "loader: ") || !strings.Contains(err.Error(), "nope.txt") {
		t.Errorf("message %q", err)
	}
	if _, err := Read(t.TempDir(), Meta{}); !errors.As(err, &e) || !strings.Contains(err.Error(), "directory") {
		t.Errorf("a directory: err %v", err)
	}
}

func TestSeedManifest(t *testing.T) {
	m, err := ReadManifest(seeds)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(seeds)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if filepath.Ext(e.Name()) != ".txt" {
			continue
		}
		meta, ok := m[e.Name()]
		if !ok {
			t.Errorf("%s: not in the manifest", e.Name())
			continue
		}
		d, err := Read(filepath.Join(seeds, e.Name()), meta)
		if err != nil {
			t.Fatal(err)
		}
		// Inference without the manifest agrees with it on the issuer.
		bare, err := Read(filepath.Join(seeds, e.Name()), Meta{})
		if err != nil {
			t.Fatal(err)
		}
		if d.Issuer == "" || d.Issuer != bare.Issuer || d.Title == "" || d.Date == "" {
			t.Errorf("%s: manifest issuer %q title %q date %q; inferred issuer %q", e.Name(), d.Issuer, d.Title, d.Date, bare.Issuer)
		}
	}
}

// Sentences of the seeds as the splitter must cut them: file, offsets,
// text as it stands in the file.
func TestSeedSentences(t *testing.T) {
	tests := []struct {
		file       string
		start, end int
		text       string
	}{
		// The first line of 000 is a section heading and a sentence of its own.
		{"000_1e65ece718b41419.txt", 0, 13, "(五)企业主体引领培育工程"},
		// 002's content starts after the furniture line 论文部分内容阅读.
		{"002_449e9938909a7532.txt", 190, 207, "深化科技体制改革,激发创新创业活力"},
		// 003 is one line: items joined by spaces before numbered headings.
		{"003_f1f9a73089789879.txt", 82, 93, "一、主要成效及亮点工作"},
		{"003_f1f9a73089789879.txt", 94, 113, "(一)首次夺鼎,区域创新实力全省前列。"},
		{"003_f1f9a73089789879.txt", 309, 350, "与西湖大学签订深化合作协议,与浙大城市学院达成新的战略合作,累计合作高校达12家。"},
		{"003_f1f9a73089789879.txt", 1664, 1680, "一是全力优化“科技八点半”品牌。"},
		// 004's content starts after five lines of page furniture.
		{"004_e2e9d89b10e5a6e1.txt", 44, 57, "创新是引领发展的第一动力。"},
		// A semicolon ends a sentence.
		{"004_e2e9d89b10e5a6e1.txt", 510, 545, "2016年,新昌作为唯一的县市代表在全国科技创新大会上作典型交流发言;"},
		// 001's body after the table of contents.
		{"001_d3359bdaaf069143.txt", 768, 784, "规划期限为2021-2025年。"},
	}
	for _, tt := range tests {
		t.Run(tt.file+"@"+tt.text, func(t *testing.T) {
			d := seed(t, tt.file)
			_, s := sentenceAt(t, d, tt.start)
			if s.End != tt.end || d.Text(s) != tt.text {
				t.Errorf("[%d,%d) %q, want [%d,%d) %q", s.Start, s.End, d.Text(s), tt.start, tt.end, tt.text)
			}
		})
	}
}

// Read is safe for concurrent use: its tables are built once, behind
// sync.Once, and documents share nothing. Run with -race to see it.
func TestConcurrentRead(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(seeds, "*.txt"))
	want := make(map[string]int)
	for _, f := range files {
		want[f] = len(seed(t, filepath.Base(f)).Sentences)
	}
	errs := make(chan error, 4*len(files))
	for i := 0; i < 4; i++ {
		for _, f := range files {
			go func() {
				d, err := Read(f, Meta{})
				if err == nil && len(d.Sentences) != want[f] {
					err = errors.New(f + ": sentence count differs under concurrency")
				}
				errs <- err
			}()
		}
	}
	for i := 0; i < 4*len(files); i++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
