// Package vocab holds the words of plan prose that more than one part of
// planx reads, so that each list has one home: the structure parser tells
// a clause from a name by them, and the keyword ranker leaves them out.
package vocab

import "strings"

// planVerbs are the verbs and adverbs with which the clauses of a plan
// commit to an action (加强…, 推进…, 进一步完善…). A phrase that opens with
// one states an action rather than naming a thing, and as a keyword one
// says nothing about which plan it is in: every plan uses them all.
const planVerbs = `推进 推动 持续 健全 完善 加强 加快 建立 实施 提升 提高 全面 做好 开展 鼓励 支持 促进 强化 构建 打造
	优化 深化 落实 统筹 积极 大力 规范 进一步 依托 贯彻 发挥 继续 扩大 创建 引导 研究 探索 组织 举办 培育 遴选
	合理 着力 增强 夯实 坚持`

// PlanVerbs returns the verbs with which plans commit to actions, in a new
// slice.
func PlanVerbs() []string { return strings.Fields(planVerbs) }
