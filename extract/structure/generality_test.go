package structure

import (
	"strings"
	"testing"

	"planx/extract/block"
	"planx/extract/doc"
)

// Excerpts of real plans that planx was not built with: each test holds one
// rule about how plans are written (or scraped) to the lines that show it.

// A crawler's Markdown information block before the document: its fields are
// not the document's (the 发布机构 here is a phrase of the text), and the
// document's own release line names the issuers and the title.
// From a scrape of the gov.cn release of 扩大内需战略规划纲要（2022－2035年）.
func TestWrapperAndRelease(t *testing.T) {
	bs := blocks(
		"扩大内需战略规玥纲要(2022-2035年)",
		"**发布日期**: 2022年12月",
		"**发布机构**: 加快布局",
		"**来源**: https://www.gov.cn/zhengce/2022-12/14/content_5732067.htm",
		"---",
		"政策全文",
		"新华社北京12月14日电 近日，中共中央、国务院印发了《扩大内需战略规划纲要（2022－2035年）》，并发出通知，要求各地区各部门结合实际认真贯彻落实。",
		"《扩大内需战略规划纲要（2022－2035年）》主要内容如下。",
		"一、规划背景",
		"（一）我国扩大内需已取得显著成效",
		"消费基础性作用持续强化。最终消费支出占国内生产总值的比重连续11年保持在50%以上。",
	)
	if got := wrapperEnd(bs); got != 6 {
		t.Errorf("wrapperEnd = %d, want 6 (the document starts at the release line)", got)
	}
	d := Parse(bs)
	m := d.Meta
	if m.Title != "扩大内需战略规划纲要（2022－2035年）" || m.Issuer != "中共中央、国务院" || m.Region != "全国" || m.PeriodStart != 2022 || m.PeriodEnd != 2035 {
		t.Errorf("meta = %+v", m)
	}
	for _, p := range d.Paragraphs {
		if p.Text == "政策全文" || p.Text == "---" {
			t.Errorf("wrapper line %q stored as a paragraph", p.Text)
		}
	}
	// no block of fields: nothing is cut
	if got := wrapperEnd(blocks("某某市养老服务体系建设“十四五”规划", "一、总体要求")); got != 0 {
		t.Errorf("wrapperEnd of a plain document = %d", got)
	}
}

// 附件 before any heading marks the plan as a notice's attachment: the plan
// is the document, not an annex of it; its period printed under the title
// belongs to the title. From a scrape of 上海市北斗产业高质量发展三年行动计划.
func TestAttachedPlan(t *testing.T) {
	d := Parse(blocks(
		"附件",
		"上海市北斗产业高质量发展三年行动计划",
		"（2021-2023年）",
		"为加快推动上海北斗产业高质量发展，打造全国北斗产业创新发展高地，特制定本行动计划。",
		"一、总体思路",
		"（一）指导思想",
		"以习近平新时代中国特色社会主义思想为指导，深入贯彻党的十九届五中全会精神。",
		"（二）基本原则",
		"1.统筹规划，协调推进。服务国家北斗重大任务，加强北斗产业规划引领。",
		"二、发展目标",
		"以北斗全产业链发展为导向，瞄准高精度卫星导航市场需求。",
	))
	sameOutline(t, d, []heading{
		{1, 1, "总体思路", ""},
		{2, 1, "指导思想", "总体思路"},
		{2, 2, "基本原则", "总体思路"},
		{3, 1, "统筹规划，协调推进", "基本原则"},
		{1, 2, "发展目标", ""},
	})
	m := d.Meta
	if m.Title != "上海市北斗产业高质量发展三年行动计划（2021-2023年）" || m.PeriodStart != 2021 || m.PeriodEnd != 2023 || m.Region != "上海市" {
		t.Errorf("meta = %+v", m)
	}
	// 附件 after the plan's headings is an annex
	d = Parse(blocks("一、总体要求", "坚持统筹推进。", "附件", "省推进工业互联网创新发展专项工作组名单"))
	if n := len(d.Sections); n != 2 || d.Sections[1].Title != "省推进工业互联网创新发展专项工作组名单" || d.Sections[1].Level != 1 {
		t.Errorf("annex after the plan: %v", outline(d))
	}
}

// Issuers named jointly are joined with 、; a 和 inside one body's name stays.
func TestJoinIssuers(t *testing.T) {
	for in, want := range map[string]string{
		"中共中央、国务院":         "中共中央、国务院",
		"中共中央和国务院":         "中共中央、国务院",
		"住房和城乡建设部、国家发展改革委": "住房和城乡建设部、国家发展改革委",
		"中共中央国务院":          "中共中央、国务院",
		"中共中央办公厅国务院办公厅":    "中共中央办公厅、国务院办公厅",
	} {
		if got := joinIssuers(in); got != want {
			t.Errorf("joinIssuers(%q) = %q, want %q", in, got, want)
		}
	}
}

// A —— bullet's headline may have two longer clauses; an ordinary
// paragraph's two clauses must be short to be a lead.
func TestBulletLead(t *testing.T) {
	for in, want := range map[string]string{
		"——促进消费投资，内需规模实现新突破。消费的基础性作用和投资的关键作用进一步增强。": "促进消费投资，内需规模实现新突破",
		"促进消费投资，内需规模实现新突破。消费的基础性作用和投资的关键作用进一步增强。":   "",
	} {
		got, _ := LeadSentence(in)
		if got != want {
			t.Errorf("LeadSentence(%q) = %q, want %q", in, got, want)
		}
	}
}

// A notice signed by several bodies prints them above its date, two to a
// line: every one of them is an issuer, in the order printed. The place of a
// 关于推进… title is the place after the verb. From a notice of four
// departments of a city issuing an implementation plan.
func TestSignatureAndRegion(t *testing.T) {
	m := Meta(blocks(
		"穗卫函〔2023〕1930号",
		"各区卫生健康局、财政局、人力资源社会保障局，市医保中心：",
		"现将《关于推进广州市家庭医生签约服务高质量发展实施方案》印发给你们，请认真贯彻执行。",
		"广州市卫生健康委员会\u00a0\u00a0 广州市财政局",
		"广州市人力资源和社会保障局 广州市医疗保障局",
		"2023年10月19日",
		"关于推进广州市家庭医生签约服务高质量发展实施方案",
		"一、主要目标",
	))
	if m.Issuer != "广州市卫生健康委员会、广州市财政局、广州市人力资源和社会保障局、广州市医疗保障局" {
		t.Errorf("issuer = %q", m.Issuer)
	}
	if m.Region != "广州市" || m.IssuedDate != "2023-10-19" || m.DocNumber != "穗卫函〔2023〕1930号" || m.Title != "关于推进广州市家庭医生签约服务高质量发展实施方案" {
		t.Errorf("meta = %+v", m)
	}
	// a line of prose above the date is no signature
	if s := signature(blocks("请各单位认真贯彻落实。")); s != nil {
		t.Errorf("signature of prose = %q", s)
	}
}

// A region is an administrative area: a historic quarter or a park named
// with 区 is not one; a plan for a site says where the site lies.
func TestRegionIsAdministrative(t *testing.T) {
	for _, tc := range []struct {
		lines []string
		want  string
	}{
		{[]string{"《伪满皇宫历史文化街区保护规划（2023-2035年）》", "一、总则", "伪满皇宫历史文化街区位于长春市宽城区，是全国重点文物保护单位。"}, "长春市"},
		{[]string{"广西壮族自治区养老服务体系建设“十四五”规划"}, "广西壮族自治区"},
		{[]string{"乌鲁木齐市公共服务“十四五”规划"}, "乌鲁木齐市"},
		{[]string{"上海市浦东新区卫生健康发展“十四五”规划"}, "上海市"},
		{[]string{"中关村科技园区发展规划"}, ""},
	} {
		t.Run(tc.lines[0], func(t *testing.T) {
			if got := Meta(blocks(tc.lines...)).Region; got != tc.want {
				t.Errorf("region of %q = %q, want %q", tc.lines[0], got, tc.want)
			}
		})
	}
}

// The Party's recommendations for a five-year plan: the title names the
// issuer, the bracketed line under it the date of adoption. From the
// 十五五 recommendations as gov.cn prints them.
func TestRecommendationsMeta(t *testing.T) {
	m := Meta(blocks(
		"中共中央关于制定国民经济和",
		"社会发展第十五个五年规划的建议",
		"（二〇二五年十月二十三日中国共产党第二十届",
		"中央委员会第四次全体会议通过）",
		"中国共产党第二十届中央委员会第四次全体会议深入分析国际国内形势，就制定国民经济和社会发展第十五个五年规划提出以下建议。",
		"一、“十五五”时期是基本实现社会主义现代化夯实基础、全面发力的关键时期",
	))
	if m.Title != "中共中央关于制定国民经济和社会发展第十五个五年规划的建议" || m.Issuer != "中共中央" || m.Region != "全国" ||
		m.IssuedDate != "2025-10-23" || m.PeriodStart != 2026 || m.PeriodEnd != 2030 {
		t.Errorf("meta = %+v", m)
	}
	if r := Meta(blocks("中共广东省委关于制定广东省国民经济和社会发展第十四个五年规划的建议")).Region; r != "广东省" {
		t.Errorf("region of a provincial committee's recommendations = %q", r)
	}
}

// Dates printed with ○ for 〇, a single body signing above the date, and
// an opinion (关于…的意见) as the document's title; a document that only
// mentions “十四五” in passing states no period. From a transmittal of a
// city's preschool plan and a Party opinion on skilled workers.
func TestOpinionAndSigner(t *testing.T) {
	m := Meta(blocks(
		"关于加强新时代高技能人才队伍建设的意见",
		"到“十四五”时期末，高技能人才制度政策更加健全。",
		"上海市人民政府办公厅",
		"二○一一年五月十八日",
	))
	if m.Title != "关于加强新时代高技能人才队伍建设的意见" || m.IssuedDate != "2011-05-18" || m.Issuer != "上海市人民政府办公厅" || m.PeriodStart != 0 {
		t.Errorf("meta = %+v", m)
	}
}

// 第X部分 divides many programmes as 篇 does: the top level, with 一、 under
// it, even where the label stands on a line of its own.
func TestParts(t *testing.T) {
	d := Parse(blocks(
		"某某市卫生健康事业发展“十四五”规划",
		"第一部分",
		"发展基础",
		"一、主要成就",
		"全市卫生健康事业发展取得显著成效。",
		"第二部分 总体要求",
		"一、指导思想",
		"以习近平新时代中国特色社会主义思想为指导。",
	))
	want := []heading{{1, 1, "发展基础", ""}, {2, 1, "主要成就", "发展基础"}, {1, 2, "总体要求", ""}, {2, 1, "指导思想", "总体要求"}}
	sameOutline(t, d, want)
}

// Items numbered on from an item heading are its siblings, even where each
// is one long sentence. From a city's preschool action plan (2011—2013).
func TestSiblingItems(t *testing.T) {
	d := Parse(blocks(
		"上海市学前教育三年行动计划（2011—2013年）",
		"二、发展目标与任务",
		"（二）总体目标",
		"1.进一步强化政府职能，构建和完善学前教育公共服务体系。",
		"2.进一步推进学前教育事业发展，实现对适龄儿童学前教育和看护服务的全覆盖。",
		"3.进一步加强学前教育管理，保障幼儿园安全，确保在园（看护点）幼儿身心健康、快乐成长。",
		"4.进一步加大幼儿园建设力度，促进学前教育内涵发展，提升学前教育保教质量。",
	))
	var items []int
	for _, s := range d.Sections {
		if s.Level == 3 {
			items = append(items, s.Number)
		}
	}
	if len(items) != 4 || items[3] != 4 {
		t.Errorf("items under 总体目标: %v, want 1 2 3 4 (%v)", items, outline(d))
	}
	// a numbered sentence that does not go on from a heading stays prose
	d = Parse(blocks("某某市养老服务体系建设规划", "一、主要任务", "3.进一步加大幼儿园建设力度，促进学前教育内涵发展，提升学前教育保教质量。"))
	if len(d.Sections) != 1 {
		t.Errorf("a lone numbered sentence became a heading: %v", outline(d))
	}
}

// A part's introduction, above its first sub-heading, states a premise; its
// opening sentence is no lead, while the items under it keep theirs.
func TestIntroductionHasNoLead(t *testing.T) {
	d := Parse(blocks(
		"中共中央关于制定国民经济和社会发展第十五个五年规划的建议",
		"三、建设现代化产业体系，巩固壮大实体经济根基",
		"现代化产业体系是中国式现代化的物质技术基础。必须把发展经济的着力点放在实体经济上。",
		"（7）优化提升传统产业。推动重点产业提质升级。",
		"二、发展目标",
		"——高质量发展取得显著成效。经济增长保持在合理区间。",
	))
	var titles []string
	for _, m := range d.Measures {
		titles = append(titles, m.Title)
	}
	want := []string{"优化提升传统产业", "高质量发展取得显著成效"}
	if len(titles) != len(want) || titles[0] != want[0] || titles[1] != want[1] {
		t.Errorf("measures = %q, want %q", titles, want)
	}
}

// The list of attachments that closes a notice names the annexes; its
// entries are no headings. From a city's implementation plan.
func TestAttachmentList(t *testing.T) {
	d := Parse(blocks(
		"关于推进广州市家庭医生签约服务高质量发展实施方案",
		"三、组织实施",
		"（一）加强组织领导。各区、各部门要从推动健康广州建设的高度出发。",
		"附件：1.广州市家庭医生签约服务质量监测指标体系（2023年）",
		"2.关于推进广州市家庭医生签约服务高质量发展工作的任务分工表",
	))
	if n := len(d.Sections); n != 2 {
		t.Errorf("outline = %v, want 三、 and （一） only", outline(d))
	}
}

// A 专栏 laid out as a grid (类别 | 细分 | 重点任务): the header gives no
// entry, the entries of a row stand under its innermost label, and a label
// merged over rows is carried down. From a ministry's industry plan
// (2016-2020) as its CMS stores it.
func TestBoxGrid(t *testing.T) {
	row := func(cells ...string) block.Block { return block.Block{Cells: cells, Text: strings.Join(cells, " ")} }
	bs := append(blocks("民用爆炸物品行业发展规划（2016-2020年）", "一、主要任务", "专栏1 实施行业科技水平提升专项行动"),
		row("类别", "细分", "重点任务"),
		row("产品", "工业炸药", "安全环保型系列工业炸药研发；井下现场混装技术研发。"),
		row("", "炸药制品", "安全环保型震源药柱产品研发。"),
		row("", "", "安全高效型石油射孔器材产品研发。"),
	)
	got := oneBoxProjects(t, Parse(bs))
	want := []string{"工业炸药|安全环保型系列工业炸药研发", "工业炸药|井下现场混装技术研发", "炸药制品|安全环保型震源药柱产品研发", "炸药制品|安全高效型石油射孔器材产品研发"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("projects:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A unit in brackets after the name is the unit where the table has no
// unit column; other brackets stay part of the name.
func TestNameUnit(t *testing.T) {
	for in, want := range map[string][2]string{
		"现场混装炸药占工业炸药比重（%）":    {"现场混装炸药占工业炸药比重", "%"},
		"每千人口拥有3岁以下婴幼儿托位数（个）": {"每千人口拥有3岁以下婴幼儿托位数", "个"},
		"孕产妇死亡率（1/10万）":       {"孕产妇死亡率", "1/10万"},
		"PM2.5平均浓度(微克/立方米)":   {"PM2.5平均浓度", "微克/立方米"},
		"普惠性幼儿园覆盖率（含民办）":      {"普惠性幼儿园覆盖率（含民办）", ""},
		"人均预期寿命":              {"人均预期寿命", ""},
	} {
		if n, u := nameUnit(in); n != want[0] || u != want[1] {
			t.Errorf("nameUnit(%q) = %q, %q; want %q, %q", in, n, u, want[0], want[1])
		}
	}
}

// Text extraction that reads a page's label column before its title column
// prints a run of labels, then their titles in order. From pdftotext's
// reading of a city's 十四五 plan printed by LibreOffice.
func TestLabelsThenTitles(t *testing.T) {
	d := Parse(blocks(
		"广州市人口发展及社会领域公共服务体系建设“十四五”规划",
		"第二章",
		"第一节",
		"总体要求",
		"指导思想",
		"以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大精神。",
		"第二节",
		"工作原则",
	))
	want := []heading{{1, 2, "总体要求", ""}, {2, 1, "指导思想", "总体要求"}, {2, 2, "工作原则", "总体要求"}}
	sameOutline(t, d, want)
}

// Under an item heading that is itself a measure, a lone opening sentence
// is the first of the item's actions, not a measure of its own; where
// several leads divide the item's text, each is one. The items are from
// four plans in corpus/ (the State Council's relics plan, the Guangzhou
// family-doctor plan, the Anhui industrial-internet plan, the Guangzhou
// public-services plan); the measures are those of their answer keys.
func TestLoneLeadUnderItem(t *testing.T) {
	for _, tc := range []struct {
		name  string
		lines []string
		want  []string
	}{
		{"relics", []string{
			"五、提升考古工作能力和科技考古水平",
			"（一）加强考古和历史研究。",
			"编制并实施“十四五”考古工作专项规划。系统确定考古发掘重点，深化中华文明探源工程，推进“考古中国”重大项目，科学阐释中国境内人类起源、文明起源、中华文明形成、统一多民族国家建立和发展、中华文明在世界文明史中的重要地位等关键问题，揭示中华文明的历史文化价值和核心特质。",
		}, []string{"加强考古和历史研究"}},
		{"family doctor", []string{
			"三、组织实施",
			"（二）强化监管评价。将家庭医生签约服务考核纳入综合医改考核范畴。健全完善家庭医生签约服务绩效评价和考核制度，利用信息化手段和居民回访等方式，定期对签约服务机构和家庭医生开展考核评价，考核结果作为签约服务经费分配的依据，对签约服务考核不合格的单位建立退出机制。",
		}, []string{"强化监管评价"}},
		{"industrial internet", []string{
			"三、发挥市场和企业的主体作用",
			"（二）广泛撬动社会资本参与。建设多元化、多渠道社会投入机制。鼓励国内外企业、投资商、运营商采取多种形式参与我省工业互联网建设，引导创投风投等基金投入工业互联网领域。",
		}, []string{"广泛撬动社会资本参与"}},
		{"several leads", []string{
			"第十二章 社会保障",
			"第一节 健全完善社会保险体系",
			"一、健全基本养老保险制度",
			"实施全民参保计划。加快推进全民参保登记数据动态管理，深入开展登记数据的应用及共享，全面落实全民参保计划。积极推进我市特困人员、低保对象等困难群体基本养老保险应保尽保的工作。",
			"完善企业职工基本养老保险制度。落实国家和省关于企业职工养老保险参保缴费、待遇计发、养老金调整等政策。探索完善与广州经济社会发展水平相适应的企业职工基本养老保险保障机制。",
		}, []string{"健全基本养老保险制度", "实施全民参保计划", "完善企业职工基本养老保险制度"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, m := range Parse(blocks(tc.lines...)).Measures {
				got = append(got, m.Title)
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("measures = %q, want %q", got, tc.want)
			}
		})
	}
}

// A portal's 政府信息公开 catalogue block above the document, in the forms a
// scrape leaves it (several fields on a line, "key : value", a key with its
// value on the next line), is the portal's: the title, issuer and number
// come from the document's own text. Lines from a scrape of 重庆市人民政府's
// page issuing its 14th five-year plan outline.
func TestPortalCatalogue(t *testing.T) {
	doc := []string{
		"重庆市人民政府",
		"关于印发重庆市国民经济和社会发展",
		"第十四个五年规划和二〇三五年远景目标纲要的通知",
		"渝府发〔2021〕6号",
		"各区县(自治县)人民政府,市政府各部门,有关单位:",
		"《重庆市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》已经市第五届人民代表大会第四次会议批准,现印发给你们,请认真贯彻执行。",
		"重庆市人民政府",
		"2021年2月10日",
		"(此件公开发布)",
		"重庆市国民经济和社会发展",
		"第十四个五年规划和二〇三五年远景目标纲要",
		"2021年2月",
		"第一篇开启全面建设社会主义现代化新征程",
		"第一章  “十四五”时期我市经济社会发展的总体形势",
	}
	for _, tc := range []struct {
		name string
		head []string
	}{
		{"several fields a line, then key : value", []string{
			"(欢迎您)注销", "【字体:",
			"索引号 11500000009275780L/2021-00905 主题分类 国民经济发展规划、计划",
			"发布机构 成文日期 2021-02-10 发布日期 2021-03-01",
			"标题 重庆市人民政府关于印发重庆市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要的通知",
			"发文字号 渝府发〔2021〕6号 有 效 性",
			"索引号 : 11500000009275780L/2021-00905",
			"主题分类 : 国民经济发展规划、计划",
			"发布机构 :",
			"成文日期 : 2021-02-10",
			"标题 : 重庆市人民政府关于印发重庆市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要的通知",
			"发文字号 : 渝府发〔2021〕6号",
		}},
		{"values under their keys", []string{
			"首页", "政府信息公开", "政策文件",
			"索引号：", "11500000009275780L/2021-00905",
			"发文机关：", "重庆市人民政府",
			"标题：", "重庆市人民政府关于印发重庆市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要的通知",
			"发文字号：", "渝府发〔2021〕6号",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bs := blocks(append(append([]string{}, tc.head...), doc...)...)
			if got := wrapperEnd(bs); got != len(tc.head) {
				t.Errorf("wrapperEnd = %d, want %d", got, len(tc.head))
			}
			m := Parse(bs).Meta
			if m.Title != "重庆市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要" || m.Issuer != "重庆市人民政府" || m.DocNumber != "渝府发〔2021〕6号" || m.Region != "重庆市" {
				t.Errorf("meta = %+v", m)
			}
		})
	}
	// a plan's own lines that start like fields, with no catalogue field
	// among them, are the plan's
	own := blocks("某某市养老服务体系建设“十四五”规划", "发布日期：2022年5月", "标题：某某市养老服务体系建设“十四五”规划", "一、总体要求")
	if got := wrapperEnd(own); got != 0 {
		t.Errorf("wrapperEnd of a plan with no catalogue = %d, want 0", got)
	}
}

// Who issued a notice and its number, where a page prints them otherwise
// than a notice's own text usually does: joint issuers named in the
// notice's title with spaces between them, a 领导小组 signing, and a
// number only the portal's catalogue states. Lines from scrapes of
// 成都市's and 宿迁市's pages.
func TestIssuerForms(t *testing.T) {
	for _, tc := range []struct {
		name   string
		lines  []string
		issuer string
		number string
	}{
		{"joint issuers in the title", []string{
			"成都市发展和改革委员会 中共成都市委社会工作部 成都市规划和自然资源局 成都市住房和城乡建设局 关于印发成都市城市社区嵌入式服务设施建设工程实施方案的通知",
			"各区(市)县政府(管委会),市级有关部门,有关单位:",
			"经市领导同意,现将《成都市城市社区嵌入式服务设施建设工程实施方案》印发给你们,请结合实际认真贯彻落实.",
			"一、主要目标",
		}, "成都市发展和改革委员会、中共成都市委社会工作部、成都市规划和自然资源局、成都市住房和城乡建设局", ""},
		{"a 领导小组 signs; the number is the catalogue's", []string{
			"名称 | 关于印发《系统化全域推进海绵城市建设三年行动计划(2021-2023年)》的通知 | ||",
			"索引号 | 014320291/2022-00127 | 分类 | 专项规划 城市规划 通知 |",
			"发布机构 | 宿迁市系统化全域推进海绵城市建设示范工作领导小组 | 发文日期 | |",
			"文号 | 宿海绵组〔2021〕2号 | 关键词 | |",
			"关于印发《系统化全域推进海绵城市建设三年行动计划(2021-2023年)》的通知",
			"各县、区人民政府,市各开发区、新区、园区管委会,市各有关部门和单位:",
			"《系统化全域推进海绵城市建设三年行动计划(2021-2023年)》已经市政府五届七十九次常务会议审议通过,现印发给你们,请认真贯彻落实。",
			"宿迁市系统化全域推进海绵城市建设示范工作领导小组",
			"2021年9月29日",
			"系统化全域推进海绵城市建设三年行动计划(2021-2023年)",
			"一、指导思想",
		}, "宿迁市系统化全域推进海绵城市建设示范工作领导小组", "宿海绵组〔2021〕2号"},
		{"one body before 关于印发 is the notice's title, not a joint list", []string{
			"广州市人民政府办公厅关于印发广州市人口发展及社会领域公共服务体系建设“十四五”规划的通知",
			"一、总体要求",
		}, "广州市人民政府办公厅", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := Parse(blocks(tc.lines...)).Meta
			if m.Issuer != tc.issuer || m.DocNumber != tc.number {
				t.Errorf("issuer %q number %q, want %q %q", m.Issuer, m.DocNumber, tc.issuer, tc.number)
			}
		})
	}
}

// A line above a notice of issue that names a plan is the page's (a menu
// item, a column's name), not the plan's title; the title line under the
// notice is. Lines from a repost of 国发〔2021〕25号 under a site's menu.
func TestTitleUnderNotice(t *testing.T) {
	m := Parse(blocks(
		"产业规划", "商业计划书", "可行性研究报告", "规划政策",
		"首页> 关于我们>规划政策",
		"国务院关于印发“十四五”推进农业农村现代化规划的通知",
		"国发〔2021〕25号",
		"各省、自治区、直辖市人民政府,国务院各部委、各直属机构:",
		"现将《“十四五”推进农业农村现代化规划》印发给你们,请认真贯彻执行。",
		"国务院",
		"2021年11月12日",
		"“十四五”推进农业农村现代化规划",
		"第一章 开启农业农村现代化新征程",
	)).Meta
	if m.Title != "“十四五”推进农业农村现代化规划" || m.Issuer != "国务院" || m.DocNumber != "国发〔2021〕25号" || m.IssuedDate != "2021-11-12" {
		t.Errorf("meta = %+v", m)
	}
}

// An opinion whose title names its issuer first (国务院关于…的意见) and
// wraps over two lines is a title, and its issuer is the State Council.
// Lines from 国发〔2023〕16号 as a page prints it.
func TestOpinionWithIssuerTitle(t *testing.T) {
	m := Meta(blocks(
		"国务院关于推动内蒙古高质量发展",
		"奋力书写中国式现代化新篇章的意见",
		"国发〔2023〕16号",
		"各省、自治区、直辖市人民政府,国务院各部委、各直属机构:",
		"一、总体要求",
	))
	if m.Title != "国务院关于推动内蒙古高质量发展奋力书写中国式现代化新篇章的意见" || m.Issuer != "国务院" || m.DocNumber != "国发〔2023〕16号" || m.Region != "内蒙古自治区" {
		t.Errorf("meta = %+v", m)
	}
}

// A title names a province by its short name; the region is the province.
// A title that names no province keeps the issuer's region.
func TestRegionFromShortName(t *testing.T) {
	for _, tc := range []struct{ title, issuer, want string }{
		{"海南自由贸易港建设总体方案", "中共中央、国务院", "海南省"},
		{"国务院关于支持贵州在新时代西部大开发上闯新路的意见", "国务院", "贵州省"},
		{"关于推动长江经济带发展的指导意见", "国务院", "全国"},
		{"广州市人民政府关于印发广州市养老服务规划的通知", "广州市人民政府", "广州市"},
	} {
		if got := region(doc.Meta{Title: tc.title, Issuer: tc.issuer}); got != tc.want {
			t.Errorf("region(%q, %q) = %q, want %q", tc.title, tc.issuer, got, tc.want)
		}
	}
}

// A page printed from a site keeps the site's chrome around the document:
// menus down to the breadcrumb, a line of the article's particulars under
// its title, and the footer. None of it is the document's; the document's
// last lines are. Lines from a browser's print of 广州市人民政府's page.
func TestPageChrome(t *testing.T) {
	bs := blocks(
		"广州市人民政府", "首页", "政务公开", "政务服务", "互动交流", "走进广州",
		"当前位置：首页>政务公开>法规公文>市政府办公厅文件",
		"广州市人口发展及社会领域公共服务体系建设“十四五”规划",
		"发布日期：2022-05-26 来源：广州市人民政府办公厅 【字体：大 中 小】",
		"第一章 基础环境",
		"“十三五”时期，我市人口发展和公共服务体系建设取得显著成效。",
		"第二章 保障措施",
		"市、区级人民政府要加强绩效评价和监督问责，把本规划落实情况纳入绩效考核。",
		"相关解读",
		"图解：广州市人口发展及社会领域公共服务体系建设“十四五”规划",
		"主办：广州市人民政府办公厅承办：广州市政务服务数据管理局",
		"网站标识码：4401000031 粤ICP备12345678号",
	)
	lead, body := unwrap(bs)
	if len(lead) != 7 || len(body) != 5 || body[0].Text != "广州市人口发展及社会领域公共服务体系建设“十四五”规划" || body[4].Text != "市、区级人民政府要加强绩效评价和监督问责，把本规划落实情况纳入绩效考核。" {
		t.Errorf("lead %d blocks, body %q", len(lead), texts(body))
	}
	d := Parse(bs)
	if d.Meta.Title != "广州市人口发展及社会领域公共服务体系建设“十四五”规划" {
		t.Errorf("title %q", d.Meta.Title)
	}
	for _, g := range d.Diagnostics {
		if IsDoubt(g.Kind) {
			t.Errorf("%s: %s", g.Kind, g.Message)
		}
	}
	// a plan's own closing lines, short as they are, are no footer, nor
	// is an event plan's 主办单位 line where no site's mark stands after it
	for _, own := range [][]block.Block{
		blocks("第二章 保障措施", "加强组织领导。", "广州市人民政府办公厅", "2022年5月18日"),
		blocks("五、组织实施", "加强组织领导。", "主办单位：广州市文化广电旅游局", "承办单位：广州图书馆"),
	} {
		if _, body := unwrap(own); len(body) != len(own) {
			t.Errorf("a plan's closing lines cut: %q", texts(body))
		}
	}
}

func texts(bs []block.Block) []string {
	var out []string
	for _, b := range bs {
		out = append(out, b.Text)
	}
	return out
}

// A grid box whose middle column describes each field (服务内容与目标, a
// sentence) lists its entries under the field, not under the description;
// a cell that counts its entries (…（共计3项）) keeps the field as their
// group. Rows of 江门市's 专栏1 as a PDF of its page gives them.
func TestBoxGridDescriptionColumn(t *testing.T) {
	row := func(cells ...string) block.Block { return block.Block{Cells: cells, Text: strings.Join(cells, " ")} }
	bs := append(blocks("江门市公共服务“十四五”规划", "第三章 全面提升基本公共服务水平", "专栏1：江门市基本公共服务项目清单"),
		row("服务领域", "服务内容与目标", "服务项目（共计5项）"),
		row("幼有所育", "为城乡居民提供优生优育、生殖健康服务，保障城乡育龄人群身心健康。", "农村免费孕前优生健康检查、孕产妇健康服务、基本避孕服务（共计3项）"),
		row("劳有所得", "为全体劳动者就业创造必要条件，促进充分就业和构建和谐劳动关系。", "就业信息服务、职业介绍（共计2项）"),
	)
	got := oneBoxProjects(t, Parse(bs))
	want := []string{"幼有所育|农村免费孕前优生健康检查", "幼有所育|孕产妇健康服务", "幼有所育|基本避孕服务", "劳有所得|就业信息服务", "劳有所得|职业介绍"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("projects:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A box title that starts with a number, glued to the box's number by a
// print that lost the space (专栏7 5G＋… read as 专栏75G＋…), is the next
// box with its title whole; a number that does not go on from the last
// stays as printed, and the doubt says so. From a PDF of the 安徽 plan.
func TestBoxNumberGluedToTitle(t *testing.T) {
	d := Parse(blocks("安徽省工业互联网创新发展行动计划（2021—2023年）", "一、重点任务",
		"专栏6 两化融合贯标升级工程", "推动企业开展两化融合管理体系贯标。",
		"专栏75G＋工业互联网融合应用工程", "建设5G全连接工厂。",
		"专栏8 工业互联网新模式推广工程", "推广网络化协同。"))
	if len(d.Boxes) != 3 || d.Boxes[1].Number != 7 || d.Boxes[1].Title != "5G＋工业互联网融合应用工程" {
		t.Errorf("boxes %+v", d.Boxes)
	}
	for _, g := range d.Diagnostics {
		if IsDoubt(g.Kind) {
			t.Errorf("%s: %s", g.Kind, g.Message)
		}
	}
	d = Parse(blocks("安徽省工业互联网创新发展行动计划（2021—2023年）", "一、重点任务",
		"专栏6 两化融合贯标升级工程", "推动企业开展两化融合管理体系贯标。",
		"专栏9 工业互联网促进服务业转型升级工程", "推动服务业数字化。"))
	if len(d.Boxes) != 2 || d.Boxes[1].Number != 9 {
		t.Errorf("boxes %+v", d.Boxes)
	}
}

// oneBoxProjects is the projects of the one box of d, as group|name.
func oneBoxProjects(t *testing.T, d *doc.Document) []string {
	t.Helper()
	if len(d.Boxes) != 1 {
		t.Fatalf("boxes = %+v", d.Boxes)
	}
	var got []string
	for _, p := range d.Boxes[0].Projects {
		got = append(got, p.Group+"|"+p.Name)
	}
	return got
}
