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
	}
	for _, tt := range tests {
		var got []string
		for _, p := range Projects(tt.body) {
			got = append(got, p.Group+"|"+p.Name)
		}
		if strings.Join(got, "\n") != tt.want {
			t.Errorf("Projects(%q):\n%s\nwant:\n%s", tt.body, strings.Join(got, "\n"), tt.want)
		}
	}
}

func TestAnchor(t *testing.T) {
	for before, want := range map[string]string{
		"重点加强高危儿专案管理及诊治和干预。落实特殊群体儿童":    "落实特殊群体儿童",
		"为“十四五”时期我市加快实现老城市新活力、“四个出新出彩”": "“四个出新出彩”",
		"加强“一码通用": "一码通用",
	} {
		if got := Anchor(before); got != want {
			t.Errorf("Anchor(%q) = %q, want %q", before, got, want)
		}
	}
	// A long phrase is cut to its last 20 characters, bracket included.
	got := Anchor("尤其是国家城乡融合发展试验区广清接合片区广州（片区）")
	if !strings.HasSuffix(got, "广清接合片区广州（片区）") || len([]rune(got)) > 30 {
		t.Errorf("Anchor of a long phrase = %q", got)
	}
}
