package label

import "testing"

func TestParse(t *testing.T) {
	tests := []struct {
		in     string
		kind   Kind
		number int
		text   string
		rest   string
	}{
		{"第一章 基础环境", Chapter, 1, "第一章", "基础环境"},
		{" 第十四章 加强规划实施保障", Chapter, 14, "第十四章", "加强规划实施保障"},
		{"第二节 主要问题", Section, 2, "第二节", "主要问题"},
		{"第三篇 构建新发展格局", Part, 3, "第三篇", "构建新发展格局"},
		{"第二部分 主要任务", Part, 2, "第二部分", "主要任务"},
		{"第二十一章 附则", Chapter, 21, "第二十一章", "附则"},
		{"一、国家中心城市建设和人口发展及公共服务体系建设带来新机遇", Han, 1, "一、", "国家中心城市建设和人口发展及公共服务体系建设带来新机遇"},
		{"十、文体服务保障", Han, 10, "十、", "文体服务保障"},
		{"（一）指导思想。以习近平新时代中国特色社会主义思想为指导", ParenHan, 1, "（一）", "指导思想。以习近平新时代中国特色社会主义思想为指导"},
		{"(三)加强组织领导", ParenHan, 3, "(三)", "加强组织领导"},
		{"1.妇幼健康保护工程。实施消除艾滋病", Arabic, 1, "1.", "妇幼健康保护工程。实施消除艾滋病"},
		{"12、推进养老服务", Arabic, 12, "12、", "推进养老服务"},
		{"（2）完善机制", ParenArabic, 2, "（2）", "完善机制"},
		// item stops as legal databases and Word templates print them
		{"3﹒加快标识解析体系建设。引导省内行业龙头企业", Arabic, 3, "3﹒", "加快标识解析体系建设。引导省内行业龙头企业"},
		{"2．推进产业集群发展", Arabic, 2, "2．", "推进产业集群发展"},
		{"三﹒保障措施", Han, 3, "三﹒", "保障措施"},
		{"附件：名词解释", Annex, 0, "附件", "名词解释"},
		{"附件2 重点项目表", Annex, 2, "附件2", "重点项目表"},
		{"专栏 3：江门市社区“15分钟”居家养老服务圈", Box, 3, "专栏3", "江门市社区“15分钟”居家养老服务圈"},
		{"专栏1 “十四五”时期人口发展重大工程", Box, 1, "专栏1", "“十四五”时期人口发展重大工程"},
		{"表 1-1 十三五期间公共服务主要指标完成情况", Table, 1, "表1-1", "十三五期间公共服务主要指标完成情况"},
		{"附表2 “十四五”时期重点项目表", Table, 2, "附表2", "“十四五”时期重点项目表"},
		{"表2 广州市“十四五”时期人口与公共服务发展主要指标", Table, 2, "表2", "广州市“十四五”时期人口与公共服务发展主要指标"},
		// brackets lost or broken in printing
		{"\ufffd一\ufffd指导思想。以习近平…", ParenHan, 1, "\ufffd一\ufffd", "指导思想。以习近平…"},
		{"二）基本原则", ParenHan, 2, "二）", "基本原则"},
		{"\ue000三\ue001主要目标", ParenHan, 3, "\ue000三\ue001", "主要目标"},
		// not labels
		{"95", None, 0, "", ""},
		{"2020", None, 0, "", ""},
		{"2.41 平方米", None, 0, "", ""},
		{"2020年全市企业劳动合同签订率", None, 0, "", ""},
		{"表明我市公共服务水平", None, 0, "", ""},
		{"一是加强领导", None, 0, "", ""},
		{"第一时间响应", None, 0, "", ""},
		{"", None, 0, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := Parse(tt.in)
			if got.Kind != tt.kind || got.Number != tt.number || got.Text != tt.text || got.Rest != tt.rest {
				t.Errorf("Parse(%q) = {%v %d %q %q}, want {%v %d %q %q}", tt.in, got.Kind, got.Number, got.Text, got.Rest, tt.kind, tt.number, tt.text, tt.rest)
			}
		})
	}
}

func TestHanNumber(t *testing.T) {
	for in, want := range map[string]int{"一": 1, "十": 10, "十四": 14, "二十": 20, "二十一": 21, "一百零二": 102, "九十九": 99} {
		t.Run(in, func(t *testing.T) {
			if got, ok := HanNumber(in); !ok || got != want {
				t.Errorf("HanNumber(%q) = %d, %v; want %d", in, got, ok, want)
			}
		})
	}
}

func TestKindOrder(t *testing.T) {
	// Nesting depends on the order of heading kinds.
	order := []Kind{Part, Chapter, Section, Han, ParenHan, Arabic, ParenArabic}
	for i := 1; i < len(order); i++ {
		if order[i-1] >= order[i] {
			t.Errorf("%v must nest %v", order[i-1], order[i])
		}
	}
	if !Han.IsItem() || Section.IsItem() || !Chapter.IsHeading() || Box.IsHeading() {
		t.Error("IsItem/IsHeading disagree with the kinds")
	}
	for _, k := range []Kind{None, Part, Chapter, Section, Han, ParenHan, Arabic, ParenArabic, Annex, Box, Table} {
		want := k == Part || k == Chapter || k == Section
		if k.IsStructural() != want {
			t.Errorf("%v.IsStructural() = %v, want %v", k, !want, want)
		}
	}
}
