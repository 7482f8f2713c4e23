package structure

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"planx/extract/doc"
	"planx/extract/label"
	"planx/extract/vocab"
)

// entryNameChars is the longest the name of a numbered entry before its ：
// can be, in characters (1.妇幼健康保护工程：…): a project's name, at most a
// line of a page.
const entryNameChars = 30

// Projects reads the entries that a 专栏 box lists (GOLD.md "projects"):
//
//   - a group label before ： (一、在建项目：…) names the group of the
//     entries after it, which are split on 、 ， ；;
//   - a numbered entry written as prose (1.妇幼健康保护工程。实施…) is one
//     entry named by its lead, the text before its first 。 (or before its ：);
//   - an unnumbered line that is a list of names gives one entry per name;
//     prose (an introduction to the box) gives none;
//   - a cell that says how many items it lists (…（共计9项）) is split so that
//     the count comes out right.
//
// Names that contain 、 和 及 & and name one thing are kept whole where the
// parts could not stand alone (眼科、乳腺病等医学中心); a verb or a quantity
// shared by several entries is dropped.
func Projects(body string) []doc.Project {
	body = closeSpaces(body)
	if ps := countedLists(body); ps != nil {
		return ps
	}
	var out []doc.Project
	for _, line := range strings.Split(body, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		lb := label.Parse(line)
		numbered := lb.Kind.IsItem()
		text := line
		if numbered {
			text = strings.TrimSpace(lb.Rest)
		}
		// a numbered entry 1.名称：… is one entry named by its lead, even
		// where the lead lists its parts with 、 or the text after it reads
		// like a list (what the entry comprises)
		if i := strings.Index(text, "："); lb.Kind == label.Arabic && i > 0 && utf8.RuneCountInString(text[:i]) <= entryNameChars &&
			!strings.ContainsAny(text[:i], "，。；") {
			out = append(out, doc.Project{Name: strings.TrimSpace(text[:i])})
			continue
		}
		if group, rest, ok := groupLabel(text); ok {
			// under a group label one sentence is a list, even of one name
			if isList(rest) || !strings.Contains(strings.TrimRight(rest, "。"), "。") {
				for _, name := range splitList(rest) {
					out = append(out, doc.Project{Group: group, Name: name})
				}
				continue
			}
			if numbered {
				out = append(out, doc.Project{Name: group})
				continue
			}
		}
		if numbered && !isList(text) {
			lead := text
			if i := strings.Index(lead, "。"); i >= 0 {
				lead = lead[:i]
			}
			if lead = strings.TrimSpace(lead); lead != "" {
				out = append(out, doc.Project{Name: lead})
			}
			continue
		}
		if isList(text) {
			for _, name := range splitList(text) {
				out = append(out, doc.Project{Name: name})
			}
		}
	}
	if len(out) == 0 {
		out = proseEntries(body)
	}
	return out
}

// proseEntries reads a box written as prose, with no numbers, group labels
// or lists (often a box that an export flattened onto one line). Where two
// or more of its sentences are leads, short titles that the sentence after
// them elaborates (优化网络基础设施。组织基础电信企业…), the leads are its
// entries; a box with one lead at most lists one action or target per
// sentence, and a clause in it that names projects (推进A中心和B产业园建设)
// gives one entry per project. A sentence that explains the one before it
// (即：…) is no entry.
func proseEntries(body string) []doc.Project {
	var sents []string
	for _, line := range strings.Split(body, "\n") {
		for _, s := range splitTop(line, "。") {
			if s = strings.TrimSpace(s); s != "" {
				sents = append(sents, s)
			}
		}
	}
	isLead := func(i int) bool {
		if i+1 >= len(sents) || strings.ContainsAny(sents[i], "，,；;") {
			return false
		}
		lead, ok := LeadSentence(sents[i] + "。" + sents[i+1])
		return ok && lead == sents[i]
	}
	var leads []doc.Project
	for i, s := range sents {
		if isLead(i) && !isLead(i+1) {
			leads = append(leads, doc.Project{Name: s})
		}
	}
	if len(leads) >= 2 {
		return leads
	}
	var out []doc.Project
	for _, s := range sents {
		if strings.HasPrefix(s, "即") || strings.HasPrefix(s, "也就是") {
			continue
		}
		// the sentence's other clauses make one entry, where its first
		// clause stands
		var rest, names []string
		at := -1
		for _, c := range splitTop(s, "，,") {
			if ns := namedProjects(c); ns != nil {
				names = append(names, ns...)
				continue
			}
			if at < 0 {
				at = len(names)
			}
			rest = append(rest, c)
		}
		if e := strings.TrimRight(strings.Join(rest, "，"), "；;、"); utf8.RuneCountInString(e) >= 2 {
			names = append(names[:at], append([]string{e}, names[at:]...)...)
		}
		for _, n := range names {
			out = append(out, doc.Project{Name: n})
		}
	}
	return out
}

// namedProjects reads a clause that names the projects it pushes on with
// (推进宝武马钢的长三角大数据中心和中国电信（安徽）大数据产业园建设): the names,
// without the verb and the 建设 they share, where every one ends in a word
// that ends a project's name. It returns nil for any other clause.
func namedProjects(c string) []string {
	m := leadVerbRe.FindString(c)
	if m == "" || !strings.HasSuffix(c, "建设") {
		return nil
	}
	c = strings.TrimSuffix(c[len(m):], "建设")
	var names []string
	for _, part := range splitTop(c, "、") {
		names = append(names, splitTop(part, "和及")...)
	}
	for _, n := range names {
		if !endsWithHeadNoun(n) || n == "建设" || strings.HasSuffix(n, "建设") {
			return nil
		}
	}
	return names
}

var countedRe = regexp.MustCompile(`（共计?(\d+)[项个]）`)

// countedLists reads a box whose cells say how many items they list
// (…、农村留守儿童关爱保护（共计9项）). The items run from the end of the
// sentence before them; the separator is the one that gives the count.
func countedLists(body string) []doc.Project {
	locs := countedRe.FindAllStringSubmatchIndex(body, -1)
	if len(locs) < 2 {
		return nil
	}
	var out []doc.Project
	prevEnd := 0
	for _, loc := range locs {
		seg := body[prevEnd:loc[0]]
		prevEnd = loc[1]
		if i := strings.LastIndexAny(seg, "。\n"); i >= 0 {
			seg = seg[i:]
		}
		seg = strings.TrimLeft(seg, "。\n ")
		want, _ := strconv.Atoi(body[loc[2]:loc[3]])
		if !strings.ContainsAny(seg, "、，；") {
			continue // a total in a header: 服务项目（共计80项）
		}
		// the label of a grid's row (幼有所育：…) names the group
		group := ""
		if g, rest, ok := groupLabel(seg); ok {
			group, seg = g, rest
		}
		items := splitTop(seg, "，")
		if len(items) != want {
			items = splitTop(seg, "、，；")
		}
		for _, it := range items {
			if it = cleanEntry(it); it != "" {
				out = append(out, doc.Project{Group: group, Name: it})
			}
		}
	}
	return out
}

// groupLabelChars is the longest a group label before ： can be, in
// characters (在建项目, 重点建设的区域医疗中心): a name of a group, shorter than
// the names of projects that it groups; longer, the ： ends a sentence.
const groupLabelChars = 25

// groupLabel splits "label：rest" where the label is short and has no list in
// it.
func groupLabel(s string) (string, string, bool) {
	i := strings.IndexAny(s, "：:")
	if i <= 0 {
		return "", "", false
	}
	g := strings.TrimSpace(s[:i])
	if utf8.RuneCountInString(g) > groupLabelChars || strings.ContainsAny(g, "、，。；") {
		return "", "", false
	}
	_, size := utf8.DecodeRuneInString(s[i:])
	return g, strings.TrimSpace(s[i+size:]), true
}

// verbs are the words that open a clause of plan prose rather than a
// name: the plan verbs (vocab.PlanVerbs), and the prepositions and time
// phrases a clause opens with (到2025年, 在…, 按照…, 通过…).
var verbs = append(vocab.PlanVerbs(), "到20", "至20", "到“", "在", "按照", "为", "通过", "以", "对", "将", "使")

func startsWithVerb(s string) bool { return anyWord(s, verbs, strings.HasPrefix) }

// isList reports whether s lists names (a 、 or ， separated list of noun
// phrases in one sentence) rather than making statements.
func isList(s string) bool {
	s = strings.TrimSpace(strings.TrimRight(s, "。；"))
	if s == "" || strings.Contains(s, "。") || startsWithVerb(s) {
		return false
	}
	clauses := splitTop(s, "，；")
	if len(splitTop(s, "、")) < 2 && len(clauses) < 2 {
		return false
	}
	for _, c := range clauses[1:] {
		if startsWithVerb(c) && !strings.Contains(c, "、") {
			return false
		}
	}
	return true
}

// splitTop splits s at any of the separators that stand outside quotes and
// brackets.
func splitTop(s, seps string) []string {
	var out []string
	depth := 0
	start := 0
	for i, r := range s {
		switch r {
		case '“', '（', '(', '《', '「', '【':
			depth++
		case '”', '）', ')', '》', '」', '】':
			if depth > 0 {
				depth--
			}
		default:
			if depth == 0 && strings.ContainsRune(seps, r) {
				out = append(out, s[start:i])
				start = i + utf8.RuneLen(r)
			}
		}
	}
	out = append(out, s[start:])
	var res []string
	for _, p := range out {
		if p = strings.TrimSpace(p); p != "" {
			res = append(res, p)
		}
	}
	return res
}

// headNouns are the words that end the name of a project, a work or a place.
var headNouns = []string{"中心", "项目", "工程", "医院", "学校", "校区", "基地", "平台", "系统", "园", "馆", "站", "区",
	"街道", "社区", "所", "院", "室", "楼", "场", "中学", "大学", "学院", "体系", "计划", "行动", "制", "网", "库",
	"点", "村", "镇", "示范校", "建设", "服务", "公园", "营", "赛", "大会", "活动", "品牌", "工作", "课堂", "机制"}

func endsWithHeadNoun(s string) bool {
	s = strings.TrimSpace(s)
	// 广州市妇女儿童医院（南沙院区）, 示范街道（镇）: look before the bracket
	for strings.HasSuffix(s, "）") {
		i := strings.LastIndex(s, "（")
		if i <= 0 {
			break
		}
		s = s[:i]
	}
	for _, n := range headNouns {
		if strings.HasSuffix(s, n) {
			return true
		}
	}
	return false
}

var (
	quantityRe = regexp.MustCompile(`^[^“”、，]*?\d+\s*(个|所|家|座|项|批|处|条)`)
	leadVerbRe = regexp.MustCompile(`^(省市共建|共建|新建|建设|做好|建立|推进|实施|打造|加快建设|开展)`)
)

// splitList splits a list of names.
func splitList(s string) []string {
	s = strings.TrimSpace(s)
	s = countedRe.ReplaceAllString(s, "")
	s = strings.TrimRight(s, "。；;")
	var out []string
	clauses := splitTop(s, "，；;")
	multi := len(clauses) > 1
	for ci, c := range clauses {
		if strings.HasPrefix(c, "并") || strings.HasPrefix(c, "同时") || strings.HasPrefix(c, "以及") {
			continue
		}
		pieces := splitTop(c, "、")
		// a verb shared by the list that follows it
		if len(pieces) > 1 || ci > 0 {
			if m := leadVerbRe.FindString(pieces[0]); m != "" && len(pieces[0]) > len(m) {
				pieces[0] = pieces[0][len(m):]
			}
		}
		if multi && len(pieces) > 1 && !allHeadNouns(pieces) {
			// 城乡适龄妇女乳腺癌、宫颈癌免费筛查项目: one name
			pieces = []string{strings.Join(pieces, "、")}
		}
		pieces = mergeEtc(pieces)
		if n := len(pieces); n >= 3 {
			// A、B、C和D: a list-final 和
			last := pieces[n-1]
			if i := strings.LastIndex(last, "和"); i > 0 && endsWithHeadNoun(last[:i]) && endsWithHeadNoun(last[i+len("和"):]) {
				pieces = append(pieces[:n-1], last[:i], last[i+len("和"):])
			}
		}
		for _, p := range pieces {
			if p = cleanEntry(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

func allHeadNouns(pieces []string) bool {
	for _, p := range pieces {
		if !endsWithHeadNoun(quantityRe.ReplaceAllString(p, "")) {
			return false
		}
	}
	return true
}

// etcPieceChars is the longest a piece before …等X can be, in characters,
// to belong to it (眼科、乳腺病等医学中心): a word of a field, not a name.
const etcPieceChars = 4

// mergeEtc keeps 眼科、乳腺病等医学中心 whole: a short piece before a piece
// that ends the list with 等.
func mergeEtc(pieces []string) []string {
	var out []string
	for _, p := range pieces {
		if n := len(out); n > 0 && strings.Contains(p, "等") && !strings.HasSuffix(p, "等") && utf8.RuneCountInString(out[n-1]) <= etcPieceChars {
			out[n-1] += "、" + p
			continue
		}
		out = append(out, p)
	}
	return out
}

// cleanEntry trims an entry: its final punctuation and 等, and a quantity
// that stands before the name (建设1个儿童友好示范区).
func cleanEntry(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimRight(s, "。；;，、")
	s = strings.TrimSuffix(s, "等")
	if loc := quantityRe.FindStringIndex(s); loc != nil && loc[1] < len(s) {
		s = s[loc[1]:]
	}
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) < 2 {
		return "" // a name cut off by the source (…、粤)
	}
	return s
}

// closeSpaces removes the spaces that text extraction puts between Chinese
// and numbers (到 2025 年 → 到2025年); spaces between Latin words stay.
func closeSpaces(s string) string {
	if !strings.Contains(s, " ") {
		return s
	}
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if r == ' ' && i > 0 && i+1 < len(rs) && (rs[i-1] > 0x2e80 || rs[i+1] > 0x2e80) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
