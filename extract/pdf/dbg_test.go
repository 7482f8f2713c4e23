package pdf
import ("testing";"os";"fmt";"bytes"; lpdf "github.com/ledongthuc/pdf")
func TestDbg(t *testing.T){
  b,_:=os.ReadFile("../../corpus/state-council-cultural-relics-tech-14th-fyp.pdf")
  r,_:=lpdf.NewReader(bytes.NewReader(b), int64(len(b)))
  p:=r.Page(3)
  n:=0
  on:=false
  lpdf.Interpret(p.V.Key("Contents"), func(stk *lpdf.Stack, op string){
    n++
    var args []string
    for stk.Len()>0 { args=append([]string{stk.Pop().String()}, args...) }
    if op=="Tj"||op=="TJ" { for _,a:=range args { if len(a)>0 && (a[0]=='<'||a[0]=='[') { } } }
    if n>1 && op=="BT" && on { }
    s:=fmt.Sprint(op,args)
    if len(s)>0 { }
    if n>=0 { if on || (op=="Tm" && len(args)==6 && args[5][:3]=="125") { on=true } }
    if on && n<100000 { fmt.Println(op, args) }
    if on && op=="ET" { on=false }
  })
}
