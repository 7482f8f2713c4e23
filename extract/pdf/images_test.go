package pdf

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
)

// The State Council plan prints its eleven 专栏 boxes as JPEGs, one per
// box, each 650 px wide at 113–115 dpi (gold-ocr remarks: pdfimages -list).
func TestImagesStateCouncil(t *testing.T) {
	data, err := os.ReadFile("../../corpus/state-council-cultural-relics-tech-14th-fyp.pdf")
	if err != nil {
		t.Fatal(err)
	}
	d, err := Read(data)
	if err != nil {
		t.Fatal(err)
	}
	pages := []int{3, 5, 7, 8, 9, 10, 12, 13, 14, 15, 17}
	heights := []int{857, 503, 414, 372, 330, 329, 510, 335, 456, 348, 414}
	if len(d.Images) != len(pages) {
		t.Fatalf("%d images, want %d", len(d.Images), len(pages))
	}
	last := 0
	for i, im := range d.Images {
		im.Load()
		t.Run(fmt.Sprintf("page%d", pages[i]), func(t *testing.T) {
			if im.Page != pages[i] || im.Width != 650 || im.Height != heights[i] {
				t.Errorf("image %d: page %d, %d×%d; want page %d, 650×%d", i, im.Page, im.Width, im.Height, pages[i], heights[i])
			}
			if im.Filter != "DCTDecode" || !bytes.HasPrefix(im.Data, []byte{0xff, 0xd8}) || im.Err != "" {
				t.Errorf("image %d: filter %q, %d bytes, err %q; want a JPEG", i, im.Filter, len(im.Data), im.Err)
			}
			if dpi := im.DPI(); dpi < 112 || dpi > 116 {
				t.Errorf("image %d: %.1f dpi, want 113–115", i, dpi)
			}
			if im.At < last || im.At > len(d.Blocks) {
				t.Errorf("image %d at block %d, after %d of %d", i, im.At, last, len(d.Blocks))
			}
			last = im.At
		})
	}
	// 专栏1 stands in 二（三）主要目标 between its two paragraphs, above the
	// 注 lines of its table, which are text
	at := d.Images[0].At
	if next := d.Blocks[at].Text; !strings.HasPrefix(next, "注：") {
		t.Errorf("the block after 专栏1 is %q, want its notes (注：…)", next)
	}
	// the reader's blocks are the same as without images: nothing is read
	// from them here
	for _, b := range d.Blocks {
		if strings.Contains(b.Text, "专栏") {
			t.Errorf("block %q: the text layer has no 专栏", b.Text)
		}
	}
}
