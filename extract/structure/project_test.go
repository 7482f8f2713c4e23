package structure

import (
	"strings"
	"testing"
)

// Box lines from the seed plans and the entries a careful reader finds in
// them (corpus/gold and the decisions in its remarks).
func TestProjects(t *testing.T) {
	tests := []struct {
		body string
		want string // group|name entries, one per line
	}{
		{ // a group label and a 、 list; a name with 和 kept whole
			"一、新时代基础教育高质量发展工程：华师附中知识城校区、广东实验中学云城校区和永平校区、国家级示范校、国家级示范性普通高中建设。",
			"新时代基础教育高质量发展工程|华师附中知识城校区\n新时代基础教育高质量发展工程|广东实验中学云城校区和永平校区\n新时代基础教育高质量发展工程|国家级示范校\n新时代基础教育高质量发展工程|国家级示范性普通高中建设",
		},
		{ // a shared verb dropped, a list-final 和 split, 眼科、乳腺病等 kept whole
			"二、省市共建医学中心：省市共建广州呼吸中心、肾脏病医学中心、心血管医学中心和精准医学中心，并依托优势学科，建设眼科、乳腺病等医学中心。",
			"省市共建医学中心|广州呼吸中心\n省市共建医学中心|肾脏病医学中心\n省市共建医学中心|心血管医学中心\n省市共建医学中心|精准医学中心\n省市共建医学中心|眼科、乳腺病等医学中心",
		},
		{ // a name with 、 kept whole; the shared predicate 做好 dropped
			"二、妇女儿童健康发展工程：城乡适龄妇女乳腺癌、宫颈癌免费筛查项目，做好先天性结构畸形和遗传代谢病救助项目、儿童六龄齿免费窝沟封闭项目。",
			"妇女儿童健康发展工程|城乡适龄妇女乳腺癌、宫颈癌免费筛查项目\n妇女儿童健康发展工程|先天性结构畸形和遗传代谢病救助项目\n妇女儿童健康发展工程|儿童六龄齿免费窝沟封闭项目",
		},
		{ // verbs and quantities dropped
			"三、儿童友好型城市建设工程：建立1个儿童友好示范区，每个区分别建设1个儿童友好型示范街道（镇）、10个儿童友好型示范社区（村）。",
			"儿童友好型城市建设工程|儿童友好示范区\n儿童友好型城市建设工程|儿童友好型示范街道（镇）\n儿童友好型城市建设工程|儿童友好型示范社区（村）",
		},
		{ // one name under a label
			"二、保障性租赁住房保障：石丰路保障性住房项目。",
			"保障性租赁住房保障|石丰路保障性住房项目",
		},
		{ // items that are actions keep their verbs
			"二、规划项目：广州博物馆、实施红色文化传承弘扬工程、弘扬创新文化。",
			"规划项目|广州博物馆\n规划项目|实施红色文化传承弘扬工程\n规划项目|弘扬创新文化",
		},
		{ // an unnumbered list with no label; a name cut off by the source
			"城市人口监测大数据平台与辅助决策系统、人口计划与户籍迁入管理信息系统、粤",
			"|城市人口监测大数据平台与辅助决策系统\n|人口计划与户籍迁入管理信息系统",
		},
		{ // numbered prose: one entry named by its lead; an introduction gives none
			"贯彻落实《粤港澳大湾区发展规划纲要》战略部署，发挥江门华侨华人资源丰富优势，为建设大湾区重要节点城市提供有力支撑。\n" +
				"1.妇幼健康保护工程。实施消除艾滋病、梅毒和乙肝母婴传播项目。\n" +
				"2.到 2025 年，全市乡镇（街道）范围具备综合功能的养老服务机构覆盖率达 60%。\n" +
				"3.蓬江区：打造“蓬江体育节”品牌。推动“中国排球协会排球训练基地”挂牌。",
			"|妇幼健康保护工程\n|到2025年，全市乡镇（街道）范围具备综合功能的养老服务机构覆盖率达60%\n|蓬江区",
		},
		{ // counted cells: the separator that gives the count (，), and 、 inside names
			"服务领域 服务内容与目标 服务项目（共计80项）\n保障合法权益。\n就业信息服务，职业介绍、职业指导和创业开业指导，就业援助（共计3项）。病有所医为城乡居民提供服务。\n健康教育、预防接种（共计2项）。",
			"|就业信息服务\n|职业介绍、职业指导和创业开业指导\n|就业援助\n|健康教育\n|预防接种",
		},
		// boxes flattened onto one line by a legal-database export
		{ // two or more leads: the leads are the entries, their bodies not
			"优化网络基础设施。组织基础电信企业通过改造已有网络、建设新型网络等方式，建设工业互联网外网。加快企业内网升级改造。鼓励企业OT（操作技术）、IT（信息技术）和CT（通信技术）融合应用。每年遴选20家网络改造应用良好的企业，推广其建设经验。",
			"|优化网络基础设施\n|加快企业内网升级改造",
		},
		{ // no leads: a sentence an entry; named projects split out of their clause
			"支持合肥、宿州、淮南、芜湖等地的数据中心、超算中心面向工业领域开展大数据相关服务，推进宝武马钢的长三角大数据中心和中国电信（安徽）大数据产业园建设。推动我省人工智能、类脑智能、量子计算等领域算力企业与工业企业开展合作，实现特色算力资源在工业领域的创新应用。",
			"|支持合肥、宿州、淮南、芜湖等地的数据中心、超算中心面向工业领域开展大数据相关服务\n|宝武马钢的长三角大数据中心\n|中国电信（安徽）大数据产业园\n|推动我省人工智能、类脑智能、量子计算等领域算力企业与工业企业开展合作，实现特色算力资源在工业领域的创新应用",
		},
		{ // one lead is an introduction, not a list of leads; a target is an entry; 即：… explains
			"探索以能力分类分级建设推动区域企业全面加速数字化转型新模式。鼓励有条件的企业围绕企业整体能力建设重点推进全链条贯标。力争每年新增200家企业通过国家数字化转型新型能力评估。即：通过集采降本，打造工业互联网“拼多多”模式。",
			"|探索以能力分类分级建设推动区域企业全面加速数字化转型新模式\n|鼓励有条件的企业围绕企业整体能力建设重点推进全链条贯标\n|力争每年新增200家企业通过国家数字化转型新型能力评估",
		},
	}
	for _, tt := range tests {
		t.Run(tt.body, func(t *testing.T) {
			var got []string
			for _, p := range Projects(tt.body) {
				got = append(got, p.Group+"|"+p.Name)
			}
			if strings.Join(got, "\n") != tt.want {
				t.Errorf("Projects(%q):\n%s\nwant:\n%s", tt.body, strings.Join(got, "\n"), tt.want)
			}
		})
	}
}

func TestAnchor(t *testing.T) {
	for before, want := range map[string]string{
		"重点加强高危儿专案管理及诊治和干预。落实特殊群体儿童":    "落实特殊群体儿童",
		"为“十四五”时期我市加快实现老城市新活力、“四个出新出彩”": "“四个出新出彩”",
		"加强“一码通用": "一码通用",
	} {
		t.Run(before, func(t *testing.T) {
			if got := Anchor(before); got != want {
				t.Errorf("Anchor(%q) = %q, want %q", before, got, want)
			}
		})
	}
	// A long phrase is cut to its last 20 characters, bracket included.
	got := Anchor("尤其是国家城乡融合发展试验区广清接合片区广州（片区）")
	if !strings.HasSuffix(got, "广清接合片区广州（片区）") || len([]rune(got)) > 30 {
		t.Errorf("Anchor of a long phrase = %q", got)
	}
}
