package pdf
import ("testing";"os";"fmt";"bytes"; lpdf "github.com/ledongthuc/pdf")
func TestDbg(t *testing.T){
  b,_:=os.ReadFile("../../corpus/guangzhou-population-public-services-14th-fyp-print.pdf")
  r,_:=lpdf.NewReader(bytes.NewReader(b), int64(len(b)))
  fc:=&fontCache{byKey:map[string]*font{}}
  for n:=46;n<=47;n++{
  pg,_:=readPage(r,n,fc)
  ls:=buildLines(pg)
  fmt.Println("page",n,len(ls), len(findRegions(pg)), pg.height)
  for i,l:=range ls { if i<4 || i>len(ls)-4 {fmt.Printf("  L %.1f-%.1f y=%.1f s=%.1f %.60s\n", l.x0,l.x1,l.y,l.size,l.text)} }
  }
}
