package pdf
import ("testing";"os";"fmt";"time")
func TestDump(t *testing.T){
 for _, f := range []string{"guangzhou-population-public-services-14th-fyp-print.pdf","state-council-cultural-relics-tech-14th-fyp.pdf"} {
  b,_:=os.ReadFile("../../corpus/"+f)
  st:=time.Now()
  d,err:=Read(b)
  if err!=nil{t.Fatal(err)}
  el:=time.Since(st)
  fmt.Printf("%s: %d pages %d blocks %v (%.0f pages/s)\n", f, d.Pages, len(d.Blocks), el, float64(d.Pages)/el.Seconds())
  fo,_:=os.Create("/tmp/"+f+".lines")
  for _,bl:=range d.Blocks{c:=""; if bl.Cells!=nil {c="C"}; fmt.Fprintf(fo,"%d%s%d %s\n",bl.Page,c,bl.Role,bl.Text)}
  fo.Close()
 }
}
