package structure

import (
	"fmt"
	"regexp"
	"strings"

	"planx/extract/block"
	"planx/extract/doc"
	"planx/extract/label"
)

var (
	docNumberRe = regexp.MustCompile(`[\p{Han}]{1,10}[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*\d{1,4}\s*号`)
	dateRe      = regexp.MustCompile(`^(\d{4}|[零〇○一二三四五六七八九]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日$`)
	noticeRe    = regexp.MustCompile(`^(.{2,30}?)关于印发(.+?)的通知$`)
	periodRe    = regexp.MustCompile(`规划(?:期限|期)\s*(?:为|是|：|:)?\s*(20\d\d)\s*年?\s*[-—–－~～至到]\s*(20\d\d)\s*年`)
	fypRe       = regexp.MustCompile(`[“"]?十([一二三四五六七八九])五[”"]?`)
	nthPlanRe   = regexp.MustCompile(`第([一二三四五六七八九十]+)个五年`)
	quotedRe    = regexp.MustCompile(`(?:编制|制定|出台|印发)了?《([^《》]{4,60})》|现将《([^《》]{4,60})》(?:印发|转发)`)
	// a release that reports the issue: 中共中央、国务院印发了《…》
	releaseRe = regexp.MustCompile(`^(?:.{0,30}?电\s*)?(?:近日|日前|近期)?[，,]?\s*((?:[\p{Han}]{2,20}?(?:中央|国务院|人民政府|政府|办公厅|委员会|人大常委会|厅|局|部|委|署|院|办)[、和]?)+)(?:联合)?印发了?《([^《》]{4,60})》`)
	// a plan period printed in brackets: （2021-2023年）, (2022－2035年)
	periodLineRe = regexp.MustCompile(`^[（(]\s*20\d\d\s*年?\s*[-—–－~～至到]\s*20\d\d\s*年?\s*[）)]$`)
	titleYearsRe = regexp.MustCompile(`[（(]\s*(20\d\d)\s*年?\s*[-—–－~～至到]\s*(20\d\d)\s*年?\s*[）)]`)
	// The name of an administrative area: a province, city or county is
	// two to five characters before 省/市/县/区 (乌鲁木齐市, 浦东新区); an
	// autonomous area's name, with its peoples, is longer.
	placeRe = regexp.MustCompile(`^([\p{Han}]{2,10}?(?:自治区|自治州|自治县|特别行政区)|[\p{Han}]{2,5}?(?:省|市|州|盟|县|区))`)
	// areas named with 区 that are not administrative: a historic
	// quarter, an industrial park, a scenic area, a neighbourhood
	notPlaceRe = regexp.MustCompile(`(?:街区|园区|景区|社区|片区|校区|城区|矿区|库区|辖区|分区|功能区|示范区|保护区|开发区|试验区|集聚区)$`)
	// the date a document was adopted or issued, printed in brackets
	// under its title
	adoptedRe = regexp.MustCompile(`^[（(]((?:\d{4}|[〇零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日).{0,60}?(?:通过|发布|印发|批准)[）)]$`)
	// a title that names its issuer: 中共中央关于制定…的建议
	titleIssuerRe = regexp.MustCompile(`^([\p{Han}]{0,20}?(?:中央|国务院|人民政府|政府|办公厅|委员会|省委|市委|厅|局|部|委))关于`)
	locatedRe     = regexp.MustCompile(`位于([\p{Han}]{2,5}?(?:省|市|县))`)
)

// frontBlocks is how many blocks at the start of a document are searched for
// the cover, notice and title.
const frontBlocks = 60

// Widths in the front matter, in em. A page of an official document holds
// 28 characters to the line (GB/T 9704, 党政机关公文格式); a title is set in
// larger type, fewer to the line.
const (
	// docNumberWidth is the longest a line that carries a document
	// number (国办发〔2021〕43号) can be: the number alone, or with the
	// issuer beside it; longer, the number is cited in a sentence.
	docNumberWidth = 40
	// titleLineWidth is the longest a line of a title can be: a title
	// wraps before it fills two lines of body text.
	titleLineWidth = 50
	// titleFullLine is the width from which a title's line may be the
	// first of a wrapped title: a shorter line (规划, 附件, a place) is
	// a line of its own.
	titleFullLine = 10
	// docTitleWidth is the longest a whole title can be, over its lines.
	docTitleWidth = 60
)

// tocReach is how many blocks before a chapter heading a 目录 line shows
// that the heading is an entry of a table of contents: a contents page
// lists a plan's chapters and sections, a few dozen entries.
const tocReach = 40

// titleReach is how many lines after its first a title, or a bracketed
// adoption line under it, wraps onto: a title in large type takes at most
// three lines.
const titleReach = 2

// Meta reads the document's own statements about itself: title, region,
// issuer, document number, date of issue and plan period.
func Meta(blocks []block.Block) doc.Meta {
	return meta(unwrap(blocks))
}

// meta reads the metadata from the document's own blocks, and what a
// portal's catalogue (lead) states where the text does not.
func meta(catalogue, blocks []block.Block) doc.Meta {
	var m doc.Meta
	front := blocks
	if len(front) > frontBlocks {
		front = front[:frontBlocks]
	}
	// Stop the front matter at the first chapter-level heading.
	for i, b := range front {
		k := label.Parse(b.Text).Kind
		if (k == label.Part || k == label.Chapter) && i > 0 && !tocLike(front, i) {
			front = front[:i]
			break
		}
	}
	notice := -1 // the notice of issue's title line
	for i, b := range front {
		t := squash(b.Text)
		if m.DocNumber == "" {
			if s := docNumberRe.FindString(t); s != "" && block.Width(t) < docNumberWidth {
				m.DocNumber = s
			}
		}
		if m.IssuedDate == "" {
			// （二〇二五年十月二十三日…全体会议通过） under a title,
			// wrapped over lines in large type
			at := t
			for j := i + 1; j < len(front) && j <= i+titleReach && (strings.HasPrefix(at, "（") || strings.HasPrefix(at, "(")) && !strings.ContainsAny(at, "）)"); j++ {
				at += squash(front[j].Text)
			}
			if sm := adoptedRe.FindStringSubmatch(at); sm != nil {
				if d, ok := isoDate(sm[1]); ok {
					m.IssuedDate = d
				}
			}
		}
		if m.IssuedDate == "" {
			if d, ok := isoDate(t); ok {
				m.IssuedDate = d
				// the bodies that signed it, where no notice title
				// named one, or where several signed together
				if signers := signature(front[:i]); len(signers) > 1 || len(signers) == 1 && m.Issuer == "" {
					m.Issuer = strings.Join(signers, "、")
				}
			}
		}
		// a notice title printed over two lines
		if next := i + 1; next < len(front) && strings.HasSuffix(t, "关于印发") {
			t += squash(front[next].Text)
		}
		if names := jointNotice(b.Text); names != nil && m.Issuer == "" {
			m.Issuer = strings.Join(names, "、")
		}
		if sm := noticeRe.FindStringSubmatch(t); sm != nil {
			if notice < 0 {
				notice = i
			}
			if m.Issuer == "" {
				m.Issuer = sm[1]
			}
			if m.Title == "" {
				m.Title = strings.Trim(sm[2], "《》")
			}
		}
	}
	// the plan's own title line stands under the notice that issues it;
	// a line above the notice that names a plan is the page's (a menu
	// item, a column's name)
	if t := standaloneTitle(front[notice+1:]); t != "" {
		m.Title = t
	}
	for _, b := range front {
		if sm := releaseRe.FindStringSubmatch(squash(b.Text)); sm != nil && planWord(sm[2]) {
			if m.Issuer == "" {
				m.Issuer = joinIssuers(sm[1])
			}
			if m.Title == "" {
				m.Title = sm[2]
			}
			break
		}
	}
	if m.Title == "" {
		for _, b := range front {
			// 《…国民经济和社会发展…纲要》 is the plan a special plan is
			// based on, not its own title.
			if sm := quotedRe.FindStringSubmatch(squash(b.Text)); sm != nil {
				q := sm[1] + sm[2]
				if planWord(q) && !strings.Contains(q, "国民经济和社会发展") {
					m.Title = q
					break
				}
			}
		}
	}
	if m.DocNumber == "" {
		// a portal's catalogue states the number where the page's text
		// does not print it: a number's form leaves no doubt what it is
		for i, b := range catalogue {
			t := squash(b.Text)
			if !strings.HasPrefix(t, "文号") && !strings.HasPrefix(t, "发文字号") {
				continue
			}
			if i+1 < len(catalogue) && docNumberRe.FindString(t) == "" {
				t = squash(catalogue[i+1].Text) // the value under its key
			}
			if s := docNumberRe.FindString(t); s != "" {
				m.DocNumber = s
				break
			}
		}
	}
	if m.Issuer == "" {
		if sm := titleIssuerRe.FindStringSubmatch(m.Title); sm != nil {
			m.Issuer = sm[1]
		}
	}
	m.Region = region(m)
	if m.Region == "" {
		// a plan for a site or a quarter says where it lies: 街区位于长春市…
		for _, b := range blocks {
			if sm := locatedRe.FindStringSubmatch(b.Text); sm != nil {
				m.Region = sm[1]
				break
			}
		}
	}
	m.PeriodStart, m.PeriodEnd = period(blocks, m.Title)
	return m
}

func tocLike(front []block.Block, i int) bool {
	for j := i - 1; j >= 0 && j >= i-tocReach; j-- {
		if squash(front[j].Text) == "目录" {
			return true
		}
	}
	return false
}

// standaloneTitle finds a short line in the front matter that names a plan.
// A long title set in large type wraps: a first line that filled the page
// width (ten characters or more) is joined with the lines after it until
// the name ends in a plan word, unless the next line starts a name of its
// own (a place, “十四五”, 《).
func standaloneTitle(front []block.Block) string {
	for i, b := range front {
		t := squash(b.Text)
		if !titlePiece(t) {
			continue
		}
		for j := i + 1; !planWord(strings.Trim(t, "《》")) && j < len(front) && j <= i+titleReach && block.Width(t) >= titleFullLine; j++ {
			next := squash(front[j].Text)
			if !titlePiece(next) || placeRe.MatchString(next) || strings.HasPrefix(next, "“") || strings.HasPrefix(next, "《") || block.Width(t+next) > docTitleWidth {
				break
			}
			t += next
		}
		t = strings.Trim(t, "《》")
		if planWord(t) {
			// the plan period printed under the title belongs to it:
			// …三年行动计划 / （2021-2023年）
			if next := i + 1; next < len(front) && periodLineRe.MatchString(squash(front[next].Text)) {
				t += squash(front[next].Text)
			}
			return t
		}
	}
	return ""
}

// titlePiece reports whether t can be (part of) a plan's title line: short,
// not a sentence, not a notice, not a heading.
func titlePiece(t string) bool {
	// 关于… opens a notice's title, or the title of a plan named
	// 关于…实施方案 itself
	if t == "" || block.Width(t) > titleLineWidth || strings.HasPrefix(t, "关于") && !planWord(t) || strings.Contains(t, "印发") || strings.Contains(t, "通知") || strings.ContainsAny(t, "。，；") {
		return false
	}
	return label.Parse(t).Kind == label.None
}

func planWord(t string) bool {
	t = titleYearsRe.ReplaceAllString(t, "") // …纲要（2022－2035年）
	// the Party committee's recommendations for a five-year plan
	// (中共中央关于制定…规划的建议) come before the plan and are read as one
	if strings.HasSuffix(t, "规划的建议") {
		return true
	}
	// an opinion (关于…的意见, 实施意见) is how the Party and the State
	// Council often issue what a plan would say
	if strings.HasSuffix(t, "意见") && (strings.HasPrefix(t, "关于") || titleIssuerRe.MatchString(t)) {
		return true // 关于…的意见, or 国务院关于…的意见 with its issuer first
	}
	for _, w := range []string{"规划", "计划", "纲要", "方案"} {
		if strings.HasSuffix(t, w) {
			return true
		}
	}
	return false
}

func isoDate(t string) (string, bool) {
	sm := dateRe.FindStringSubmatch(t)
	if sm == nil {
		return "", false
	}
	y, mo, d := num(sm[1]), num(sm[2]), num(sm[3])
	if y < 1949 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31 {
		return "", false
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, mo, d), true
}

// num reads ASCII digits, digit-by-digit Chinese numerals (二〇二一) or
// ordinary Chinese numerals (二十八).
func num(s string) int {
	if s == "" {
		return 0
	}
	if s[0] >= '0' && s[0] <= '9' {
		return atoiDigits(s)
	}
	if !strings.ContainsRune(s, '十') {
		// years are printed digit by digit, the zero often as ○ (a
		// circle) for 〇
		s = strings.ReplaceAll(s, "○", "〇")
		n := 0
		for _, r := range s {
			d, _ := label.HanNumber(string(r))
			n = n*10 + d
		}
		return n
	}
	n, _ := label.HanNumber(s)
	return n
}

func region(m doc.Meta) string {
	subject := titleSubject(m.Title)
	for _, s := range []string{subject, m.Issuer} {
		if sm := placeRe.FindStringSubmatch(s); sm != nil && !notPlaceRe.MatchString(sm[1]) {
			return sm[1]
		}
	}
	// a title names a province by its short name (国务院关于支持贵州…,
	// 海南自由贸易港建设总体方案)
	for _, p := range provinces {
		if short, _, _ := strings.Cut(p, " "); strings.HasPrefix(subject, short) {
			return p[len(short)+1:]
		}
	}
	// plans of the central Party and state organs are national
	if strings.HasPrefix(m.Issuer, "国务院") || strings.HasPrefix(m.Issuer, "中共中央") || strings.HasPrefix(m.Issuer, "党中央") ||
		strings.HasPrefix(m.Issuer, "全国人民代表大会") || strings.HasPrefix(m.DocNumber, "国") || strings.HasPrefix(m.DocNumber, "中发") {
		return "全国"
	}
	return ""
}

// period reads the plan period: a stated 规划期限, else the five-year plan
// its title names (“十四五” = 2021–2025), else the one the text names most.
func period(blocks []block.Block, title string) (int, int) {
	for _, b := range blocks {
		if sm := periodRe.FindStringSubmatch(b.Text); sm != nil {
			return num(sm[1]), num(sm[2])
		}
	}
	// a title that names its years: …行动计划（2021-2023年）
	if sm := titleYearsRe.FindStringSubmatch(title); sm != nil {
		if a, b := num(sm[1]), num(sm[2]); a < b {
			return a, b
		}
	}
	fyp := func(s string) int {
		if sm := nthPlanRe.FindStringSubmatch(s); sm != nil {
			n, _ := label.HanNumber(sm[1])
			return n
		}
		if sm := fypRe.FindStringSubmatch(s); sm != nil {
			n, _ := label.HanNumber(sm[1])
			return 10 + n
		}
		return 0
	}
	n := fyp(title)
	if n == 0 && (title == "" || strings.HasSuffix(titleYearsRe.ReplaceAllString(title, ""), "规划")) {
		// a plan whose title does not say which five-year plan it belongs
		// to: the one its text names most. An opinion, a programme or an
		// action plan that mentions “十四五” in passing states no period.
		count := map[int]int{}
		for _, b := range blocks {
			for _, sm := range fypRe.FindAllStringSubmatch(b.Text, -1) {
				k, _ := label.HanNumber(sm[1])
				count[10+k]++
			}
		}
		best := 0
		for k, c := range count {
			if c > best || c == best && k > n {
				n, best = k, c
			}
		}
	}
	if n == 0 {
		return 0, 0
	}
	// The first plan ran 1953–57, the second 1958–62; after three years of
	// adjustment the third began in 1966 and every plan since has followed
	// the last (“十四五” = 2021–2025).
	start := 1953 + (n-1)*5
	if n >= 3 {
		start = 1966 + (n-3)*5
	}
	return start, start + 4
}

var isoRe = regexp.MustCompile(`^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?$`)

// ISODate reads a date written 2022-05-18, 2022/5/18, 2022年5月18日 or
// 二〇二二年五月十八日 and returns it as YYYY-MM-DD, or "" if it is none.
func ISODate(s string) string {
	s = squash(s)
	if d, ok := isoDate(s); ok {
		return d
	}
	if m := isoRe.FindStringSubmatch(s); m != nil {
		if d, ok := isoDate(m[1] + "年" + m[2] + "月" + m[3] + "日"); ok {
			return d
		}
	}
	return ""
}

var centralPairRe = regexp.MustCompile(`(中共中央(?:办公厅)?)(国务院(?:办公厅)?)`)

var organEndRe = regexp.MustCompile(`(?:中央|国务院|政府|办公厅|委员会|厅|局|部|委|署|院|办)和`)

// joinIssuers writes the bodies that issue a document jointly as GOLD.md
// does, joined with 、: 中共中央和国务院 → 中共中央、国务院. A 和 inside one
// body's name (住房和城乡建设部) stays.
func joinIssuers(s string) string {
	s = organEndRe.ReplaceAllStringFunc(s, func(m string) string { return strings.TrimSuffix(m, "和") + "、" })
	// the Party's and the State Council's bodies, printed side by side
	// with a space a PDF may lose (中共中央 国务院印发…)
	s = centralPairRe.ReplaceAllString(s, "$1、$2")
	return strings.TrimRight(s, "、")
}

// organRe matches the name of one issuing body as a signature prints it.
var organRe = regexp.MustCompile(`^[\p{Han}（）]{2,24}(?:委员会|人民政府|政府|办公厅|办公室|领导小组|厅|局|部|委|署|院|办|中心)$`)

// jointTitleWidth is the widest a notice's title naming several issuers
// is, in em: a few bodies' names and a plan's title, a few lines.
const jointTitleWidth = 150

// jointNotice reads the bodies that issue a notice jointly from its title,
// where the print separates their names with spaces (成都市发展和改革委员会
// 中共成都市委社会工作部 … 关于印发…的通知): every piece before 关于印发 is
// the name of a body. It returns nil for any other line.
func jointNotice(t string) []string {
	if block.AtLeastWide(t, jointTitleWidth) {
		return nil
	}
	before, after, ok := strings.Cut(strings.ReplaceAll(t, "\u00a0", " "), "关于印发")
	if !ok || !strings.Contains(after, "的通知") {
		return nil
	}
	names := strings.Fields(before)
	if len(names) < 2 {
		return nil
	}
	for _, n := range names {
		if !organRe.MatchString(n) {
			return nil
		}
	}
	return names
}

// signature reads the signature block that stands above a notice's date:
// the issuing bodies, several to a line, separated by spaces. It returns
// them in the order printed, or nil where the lines above the date are not
// all names of bodies.
func signature(before []block.Block) []string {
	var lines [][]string
	for j := len(before) - 1; j >= 0 && j >= len(before)-4; j-- {
		names := strings.Fields(strings.ReplaceAll(before[j].Text, "\u00a0", " "))
		ok := len(names) > 0
		for _, n := range names {
			ok = ok && organRe.MatchString(n)
		}
		if !ok {
			break
		}
		lines = append([][]string{names}, lines...)
	}
	var out []string
	for _, l := range lines {
		out = append(out, l...)
	}
	return out
}

// titleSubject is the part of a title that names the plan's subject, where
// the place stands first: 关于推进广州市家庭医生… → 广州市家庭医生….
func titleSubject(t string) string {
	t = strings.TrimPrefix(t, "中共") // 中共广东省委关于…
	if sm := titleIssuerRe.FindString(t); sm != "" && !placeRe.MatchString(t) {
		t = t[len(sm):] // 国务院关于… (an issuer named by its place keeps it)
	}
	t = strings.TrimPrefix(t, "关于")
	for _, v := range verbs {
		if strings.HasPrefix(t, v) {
			return t[len(v):]
		}
	}
	return t
}

// provinces are the provincial-level divisions, each as its short name
// (the one a title uses: 支持贵州…, 推动内蒙古…) and its full name.
var provinces = []string{
	"北京 北京市", "天津 天津市", "上海 上海市", "重庆 重庆市",
	"河北 河北省", "山西 山西省", "辽宁 辽宁省", "吉林 吉林省", "黑龙江 黑龙江省",
	"江苏 江苏省", "浙江 浙江省", "安徽 安徽省", "福建 福建省", "江西 江西省",
	"山东 山东省", "河南 河南省", "湖北 湖北省", "湖南 湖南省", "广东 广东省",
	"海南 海南省", "四川 四川省", "贵州 贵州省", "云南 云南省", "陕西 陕西省",
	"甘肃 甘肃省", "青海 青海省", "台湾 台湾省",
	"内蒙古 内蒙古自治区", "广西 广西壮族自治区", "西藏 西藏自治区",
	"宁夏 宁夏回族自治区", "新疆 新疆维吾尔自治区",
	"香港 香港特别行政区", "澳门 澳门特别行政区",
}
