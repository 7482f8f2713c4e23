package pdf
import ("testing";"os";"fmt";"bytes";"strings"; lpdf "github.com/ledongthuc/pdf")
func TestDbg(t *testing.T){
  b,_:=os.ReadFile("../../corpus/guangzhou-population-public-services-14th-fyp-print.pdf")
  r,_:=lpdf.NewReader(bytes.NewReader(b), int64(len(b)))
  fc:=&fontCache{byKey:map[string]*font{}}
  for n:=48;n<=50;n++{
  pg,_:=readPage(r,n,fc)
  for _,l:=range buildLines(pg) { if strings.Contains(l.text,"双百")||strings.Contains(l.text,"点）100") {fmt.Printf("  %d L %.1f-%.1f y=%.1f s=%.1f %.60s\n", n, l.x0,l.x1,l.y,l.size,l.text)} }
  }
}
