package web

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"planx/extract/block"
	"planx/extract/normalize"
)

func gb(t *testing.T, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecode(t *testing.T) {
	body := "<p>第一章 基础环境 𠀀</p>" // 𠀀 needs four bytes in GB18030
	tests := []struct {
		name string
		in   []byte
		enc  string
	}{
		{"gb2312 label, GB18030 bytes", gb(t, `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>`+body), "gb18030"},
		{"gbk label", gb(t, `<meta charset="GBK"><body>`+body), "gb18030"},
		{"no label, GBK bytes", gb(t, `<html><body>`+body), "gb18030"},
		{"no label, UTF-8", []byte(`<html><body>` + body), "utf-8"},
		{"utf-8 label", []byte(`<meta charset="utf-8">` + body), "utf-8"},
		{"BOM", append([]byte("\xef\xbb\xbf"), []byte(`<meta charset="gbk">`+body)...), "utf-8"},
	}
	for _, tt := range tests {
		got, enc, err := Decode(tt.in)
		if err != nil || enc != tt.enc || !strings.Contains(got, "第一章 基础环境 𠀀") {
			t.Errorf("%s: enc %q err %v text %q", tt.name, enc, err, got)
		}
	}
}

// A page shaped like a government site: navigation, an information table,
// the article with bold headings, a data table with colspan and rowspan, a
// one-cell 专栏 table and <sup> markers, then share links and a footer.
const page = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>规划</title><script>var x = "第九章 不是标题";</script></head><body>
<div class="nav"><a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a></div>
<table class="info"><tr><td>发布机构：</td><td>某市人民政府办公厅</td><td>成文日期：</td><td>2022-05-18</td></tr>
<tr><td>文号：</td><td>某府办〔2022〕1号</td></tr></table>
<div class="article">
<p><strong>第一章　基础环境</strong></p>
<p>公共服务体系逐步完善。推进基本公共服务<sup>1</sup>均等化，全市民生投入持续加大，基本公共服务领域主要指标均达到全省平均水平。</p>
<p>第二行<br>第三行</p>
<table border="1"><tr><th>类别</th><th>指标</th><th>2025年</th><th>属性</th></tr>
<tr><td rowspan="2">经济发展</td><td>地区生产总值增长（%）</td><td>6左右</td><td>预期性</td></tr>
<tr><td>全员劳动生产率增长（%）</td><td>6.5</td><td>预期性</td></tr>
<tr><td colspan="4">合计</td></tr></table>
<table border="1"><tr><td><p><strong>专栏1 重大工程</strong></p><p>甲工程、乙工程。</p></td></tr></table>
</div>
<div class="share">分享到：<a href="#">微信</a></div><div class="footer">主办：某市人民政府办公厅 网站标识码</div>
</body></html>`

func TestRead(t *testing.T) {
	pg, err := Read([]byte(page))
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, b := range pg.Blocks {
		texts = append(texts, b.Text)
	}
	want := []string{
		"第一章 基础环境",
		"公共服务体系逐步完善。推进基本公共服务¹均等化，全市民生投入持续加大，基本公共服务领域主要指标均达到全省平均水平。",
		"第二行", "第三行",
		"类别 指标 2025年 属性",
		"经济发展 地区生产总值增长（%） 6左右 预期性",
		"全员劳动生产率增长（%） 6.5 预期性",
		"合计",
		"专栏1 重大工程", "甲工程、乙工程。",
	}
	if strings.Join(texts, "\n") != strings.Join(want, "\n") {
		t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(texts, "\n"), strings.Join(want, "\n"))
	}
	if got := pg.Blocks[6].Cells; strings.Join(got, "|") != "|全员劳动生产率增长（%）|6.5|预期性" {
		t.Errorf("row under a rowspan = %q, want the merged cell empty", got)
	}
	if got := pg.Blocks[7].Cells; strings.Join(got, "|") != "合计|||" {
		t.Errorf("colspan row = %q", got)
	}
	if pg.Blocks[8].Role != block.Box || !pg.Blocks[8].Title || pg.Blocks[9].Role != block.Box {
		t.Errorf("the one-cell table is not box text: %+v", pg.Blocks[8:])
	}
	if pg.Info["文号"] != "某府办〔2022〕1号" || pg.Info["成文日期"] != "2022-05-18" || pg.Info["发布机构"] != "某市人民政府办公厅" {
		t.Errorf("info = %v", pg.Info)
	}
}

func TestReadJunk(t *testing.T) {
	deep := strings.Repeat("<div>", 10000) + "<p>" + strings.Repeat("深层嵌套的正文。", 20) + "</p>" + strings.Repeat("</div>", 10000)
	for name, in := range map[string]string{
		"10,000-deep nesting": deep,
		"no article":          "<html><body><a href=/>首页</a></body></html>",
		"empty":               "",
		"broken tags":         "<p>第一章<table><tr><td rowspan=999999>甲<td colspan=-3>乙</p></table",
	} {
		pg, err := Read([]byte(in))
		if err == nil && len(pg.Blocks) == 0 {
			t.Errorf("%s: no error and no blocks", name)
		}
	}
	if _, err := Read([]byte("<html><body><a href=/>首页</a></body></html>")); err != ErrNoArticle {
		t.Errorf("a page with no article: err = %v, want ErrNoArticle", err)
	}
}

// A 专栏 printed as a one-cell table holding an indicator table.
func TestBoxWithTable(t *testing.T) {
	pg, err := Read([]byte(`<html><body><div>
<p>第一章 总体要求</p><p>到2025年，文物安全形势明显好转，文物保护水平全面提升，文物科技创新能力实现跃升。</p>
<table border="1"><tr><td><p>专栏1 “十四五”时期文物事业发展主要指标</p>
<table border="1"><tr><th>类型</th><th>指标</th><th>2020年</th><th>2025年</th><th>属性</th></tr>
<tr><td rowspan="2">文物安全</td><td>国家级文物保护单位“四有”工作完成率（%）</td><td>95</td><td>100</td><td>约束性</td></tr>
<tr><td>省级文物保护单位“四有”工作完成率（%）</td><td>85</td><td>100</td><td>约束性</td></tr></table>
</td></tr></table>
<p>第二章 主要任务</p></div></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range pg.Blocks {
		s := b.Text
		if b.Cells != nil {
			s = "[" + strings.Join(b.Cells, "|") + "]"
		}
		if b.Role == block.Box {
			s = "box:" + s
		}
		got = append(got, s)
	}
	want := "第一章 总体要求|到2025年，文物安全形势明显好转，文物保护水平全面提升，文物科技创新能力实现跃升。|box:专栏1 “十四五”时期文物事业发展主要指标|" +
		"[类型|指标|2020年|2025年|属性]|[文物安全|国家级文物保护单位“四有”工作完成率（%）|95|100|约束性]|[|省级文物保护单位“四有”工作完成率（%）|85|100|约束性]|第二章 主要任务"
	if strings.Join(got, "|") != want {
		t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(got, "|"), want)
	}
}

// rendered prints blocks as the tests compare them: table rows as [a|b],
// box text as box:…
func rendered(blocks []block.Block) []string {
	var out []string
	for _, b := range blocks {
		s := b.Text
		if b.Cells != nil {
			s = "[" + strings.Join(b.Cells, "|") + "]"
		}
		if b.Role == block.Box {
			s = "box:" + s
		}
		out = append(out, s)
	}
	return out
}

func readFile(t *testing.T, name string) *block.Layout {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	pg, err := Read(data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return pg
}

// A saved gkmlpt page of the 广州市卫生健康委员会 site (the corpus file
// guangzhou-family-doctor-contract-service-implementation-plan-2023.html,
// cut to its chrome, the first paragraphs and the first rows of both annex
// tables). The article is one HTML line; item numbers are split over
// <strong> runs; each annex's label and title stand in its table's first
// row, one <td> across the grid holding two <p>. Expected texts are from the
// answer key.
func TestGovPageAnnexTables(t *testing.T) {
	pg := readFile(t, "gz-family-doctor-2023-excerpt.html")
	got := rendered(pg.Blocks)
	has := func(want string) int {
		for i, g := range got {
			if g == want {
				return i
			}
		}
		t.Errorf("no block %q in\n%s", want, strings.Join(got, "\n"))
		return -1
	}
	t.Run("chrome", func(t *testing.T) {
		if got[0] != "穗卫函〔2023〕1930号" {
			t.Errorf("first block %q, want the notice's number (no navigation, no <h1> notice title)", got[0])
		}
		for _, g := range got {
			if strings.Contains(g, "浏览次数") || strings.Contains(g, "索引号") || strings.Contains(g, "分享") {
				t.Errorf("page chrome in the article: %q", g)
			}
		}
	})
	t.Run("split strong runs", func(t *testing.T) {
		for _, b := range got {
			if strings.HasPrefix(b, "2.不断") {
				if !strings.HasPrefix(b, "2.不断优化签约服务团队。家庭医生可以") {
					t.Errorf("item heading = %.40q", b)
				}
				return
			}
		}
		t.Error("no item 2.不断优化签约服务团队")
	})
	t.Run("annex 1", func(t *testing.T) {
		i := has("附件1")
		if i < 0 || i+3 >= len(got) {
			return
		}
		if got[i+1] != "广州市家庭医生签约服务质量监测指标体系（2023年版）" {
			t.Errorf("annex title = %q", got[i+1])
		}
		if got[i+2] != "[一级指标|二级指标|评价标准|指标含义|数据来源]" {
			t.Errorf("header = %q", got[i+2])
		}
		want := "[|2.签约服务覆盖率|每年增加1-3个百分点。2035年达到75%。|家庭医生签约服务覆盖率=签约居民人数/辖区内常住人口数*100%。统计年度内获得家庭医生签约服务的居民人数占各区域住人口数的比例。具体根据国家口径调整。|国家统计年报结合市家庭平台或现场抽查核实：统计数据*抽查真实率。]"
		if got[i+4] != want {
			t.Errorf("row under the rowspan:\n got %s\nwant %s", got[i+4], want)
		}
	})
	t.Run("annex 2", func(t *testing.T) {
		i := has("附件2")
		if i < 0 || i+4 >= len(got) {
			return
		}
		if got[i+1] != "关于推进广州市家庭医生签约服务高质量发展工作的任务分工表" {
			t.Errorf("annex title = %q", got[i+1])
		}
		if got[i+2] != "[序号|工作事项|主要内容|牵头单位|配合单位|市卫健委内牵头处室|市卫健委内配合处室]" {
			t.Errorf("header = %q", got[i+2])
		}
		want := "[||根据服务人口、功能定位等因素,推动人才资源向基层医疗卫生机构倾斜；加大公开招聘力度，优先保障基层医疗卫生机构用人需求，力争2025年每千常住人口基层卫生人员数不低于3.5人。|各区政府|市卫生健康委、市人社局|人事处|基层处]"
		if got[i+4] != want {
			t.Errorf("row under two rowspans:\n got %s\nwant %s", got[i+4], want)
		}
	})
	t.Run("info table", func(t *testing.T) {
		if pg.Info["文号"] != "穗卫函〔2023〕1930号" || pg.Info["成文日期"] != "2023-10-19" || pg.Info["发布机构"] != "广州市卫生健康委员会" {
			t.Errorf("info = %v", pg.Info)
		}
	})
}

// A report pasted from Word into a web editor and stored as a fragment (no
// <html>, no <body>): <o:p>, mso- attributes, text cut into <span>s at every
// digit, an <h2> whose number stands in a supportLists conditional, a 表
// caption paragraph before a <table> without <th>, and a caption wrapped by
// the editor in the middle of a line. Cut from the 菏泽市环境空气质量日分析报告
// template in github.com/HoPGoldy/my-little-toys, src/components/content.js.
func TestWordFragment(t *testing.T) {
	got := rendered(readFile(t, "heze-air-quality-word-fragment.html").Blocks)
	want := []string{
		"菏泽市环境空气质量日分析报告",
		"一、 冬防目标完成情况",
		"2018年10月1日至12月13日，细颗粒物PM2.5平均浓度为76µg/m³，较去年同期变化率为+5.6%（目标变化率为-4.0%），暂时完成目标，若要完成冬防目标，则未来108天PM2.5日均浓度需要控制在79µg/m³，PM2.5浓度冬防目标完成率在“2+26”城市中位列第9名。",
		"表1-1 菏泽市冬防目标达成情况",
		"[|累计达到浓度（μg/m³）|冬防目标（μg/m³）|剩余108天日均控制值（μg/m³）]",
		"[PM2.5|76|78|79]",
		"二、全年目标完成情况",
		"图3-1 菏泽市AQI、PM2.5和PM10的一周趋势图",
		"四、 国控点空气质量",
		"菏泽市昨日，国控站点菏泽学院的PM2.5和PM10的浓度较另外两个站点高，因此可重点排查菏泽学院周边的工地扬尘、尾气排放以及燃煤情况。",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Source line breaks are white space: dropped between Chinese characters
// (Word wraps its HTML at 76 columns, in the middle of words), one space
// between Latin words, and kept as breaks in <pre>.
func TestSourceLineBreaks(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		// the wrap of a MsoNormal paragraph as Word saves it
		{"cjk", "<p class=MsoNormal style='text-indent:32.0pt'><span style='font-size:16.0pt;\nfont-family:仿宋'>加快推进基本公共服务均等化，健全\n基本公共服务标准体系。</span></p>", "加快推进基本公共服务均等化，健全基本公共服务标准体系。"},
		{"latin", "<p>加快推进<span lang=EN-US>5G\nnetwork</span>基础设施建设，到2025年实现全市城区和重点乡镇连续覆盖。</p>", "加快推进5G network基础设施建设，到2025年实现全市城区和重点乡镇连续覆盖。"},
		{"pre", "<pre>第一章　发展基础与面临形势\n第二章　总体要求与发展目标</pre>", "第一章 发展基础与面临形势|第二章 总体要求与发展目标"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			pg, err := Read([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(rendered(pg.Blocks), "|"); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// A gov.cn policy page: the information table (发文机关：, 标　　题：,
// 发文字号：, labels padded with spaces), the article laid out in a one-cell
// table (table.pages_content), a share bar, a 相关文章 list of links and a
// footer. The text is the first paragraphs of the corpus plan
// national-digital-economy-14th-fyp (gov.cn content_5667817); the markup
// follows the gov.cn zhengce template as crawlers of it select it (table.bd1,
// table.border-table.noneBorder.pages_content, ul.jiedu_list). Expected
// metadata is from the answer key.
func TestGovCnLayoutTable(t *testing.T) {
	pg := readFile(t, "govcn-zhengce-layout-table.html")
	got := rendered(pg.Blocks)
	t.Run("article", func(t *testing.T) {
		if len(got) != 17 || got[0] != "国务院关于印发" || got[10] != "一、发展现状和形势" || !strings.HasPrefix(got[16], "数字政府建设成效显著。") {
			t.Errorf("blocks:\n%s", strings.Join(got, "\n"))
		}
		for _, g := range got {
			if strings.HasPrefix(g, "box:") || strings.HasPrefix(g, "[") {
				t.Errorf("the layout table or the information table read as a box or rows: %.30q", g)
			}
			if strings.Contains(g, "相关文章") || strings.Contains(g, "分享") || strings.Contains(g, "答记者问") {
				t.Errorf("page chrome in the article: %.30q", g)
			}
		}
	})
	t.Run("info", func(t *testing.T) {
		for k, want := range map[string]string{"文号": "国发〔2021〕29号", "发布机构": "国务院", "成文日期": "2021年12月12日", "标题": "国务院关于印发“十四五”数字经济发展规划的通知"} {
			if pg.Info[k] != want {
				t.Errorf("Info[%s] = %q, want %q", k, pg.Info[k], want)
			}
		}
	})
}

// A heading — <h2>, or a paragraph centred or bold throughout, as Word and
// editors set titles — is never joined to a paragraph that a page break
// left without its final 。, nor is the next paragraph joined to it. The text
// is the opening of the corpus plan jiangmen-public-services-14th-fyp, its
// first paragraph cut where its print's page break cut it.
func TestHeadingsAreNotJoined(t *testing.T) {
	cut := "<p>公共服务体系逐步完善。深入推进实施《江门市推进基本公共服务均等化实施方案（2009-2020 年）》，完善基本公共服务均等化推进机制，民生投入持续加大</p>"
	for _, tt := range []struct{ name, heading string }{
		{"h2", "<h2>主要问题</h2>"},
		{"centred", `<p style="text-align: center;">主要问题</p>`},
		{"bold", "<p><strong>主要</strong><b>问题</b></p>"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			pg, err := Read([]byte("<body><div>" + cut + tt.heading + "</div></body>"))
			if err != nil {
				t.Fatal(err)
			}
			normalize.Layout(pg)
			got := rendered(pg.Blocks)
			if len(got) != 2 || got[1] != "主要问题" {
				t.Errorf("blocks = %q, want the paragraph and the heading apart", got)
			}
		})
	}
	// a paragraph that is only partly bold is no heading: the cut
	// paragraph goes on in it
	pg, err := Read([]byte("<body><div>" + cut + "<p>。<b>“十三五”</b>期间，各级财政投入民生事业累计达 1304 亿元。</p></div></body>"))
	if err != nil {
		t.Fatal(err)
	}
	normalize.Layout(pg)
	if got := rendered(pg.Blocks); len(got) != 1 {
		t.Errorf("blocks = %q, want one joined paragraph", got)
	}
}

// A 专栏 drawn as a bordered <div> of paragraphs, as sites that do not paste
// from Word draw it, is box text like a one-cell table's; the paragraphs
// after the div are body again, and a div that only wraps the article is
// no box.
func TestDivBox(t *testing.T) {
	pg, err := Read([]byte(`<div class="TRS_Editor"><p>第三章 全面提升基本公共服务水平</p>
<p>推进基本公共服务标准化。</p>
<p style="text-indent:2em;">健全基本公共服务标准体系，明确国家标准、行业标准、地方标准之间的关系，推动基本公共服务标准水平与经济社会发展水平相适应，逐步缩小城乡、区域、人群之间基本公共服务差距。</p>
<div style="border:1px solid #000;padding:8px 12px;"><p style="text-align:center;"><strong>专栏 2：“十四五”时期江门市实施孕育照护主要行动</strong></p><p style="text-indent:2em;">1.妇幼健康保护工程。实施消除艾滋病、梅毒和乙肝母婴传播项目。</p><p style="text-indent:2em;">2.托育服务增量提质工程。加快发展多种形式的婴幼儿照护服务。</p></div>
<p style="text-indent:2em;">推动义务教育均衡优质发展。</p></div>`))
	if err != nil {
		t.Fatal(err)
	}
	got := rendered(pg.Blocks)
	want := []string{
		"第三章 全面提升基本公共服务水平",
		"推进基本公共服务标准化。",
		"健全基本公共服务标准体系，明确国家标准、行业标准、地方标准之间的关系，推动基本公共服务标准水平与经济社会发展水平相适应，逐步缩小城乡、区域、人群之间基本公共服务差距。",
		"box:专栏 2：“十四五”时期江门市实施孕育照护主要行动",
		"box:1.妇幼健康保护工程。实施消除艾滋病、梅毒和乙肝母婴传播项目。",
		"box:2.托育服务增量提质工程。加快发展多种形式的婴幼儿照护服务。",
		"推动义务教育均衡优质发展。",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !pg.Blocks[3].Title {
		t.Errorf("the box's label line is not its title")
	}
}
