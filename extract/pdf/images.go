package pdf

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"

	lpdf "github.com/ledongthuc/pdf"

	"planx/extract/block"
)

// Image is a picture that stands where text is missing (block.Image).
type Image = block.Image

// What an image that stands where text is missing covers.
const (
	// minImageShare is the least share of the page that an image covers
	// to be a box or a table printed as a picture: a logo, a stamp or a
	// seal covers less.
	minImageShare = 0.04
	// maxGlyphsOver is the most glyphs drawn over such an image: a page
	// number or a caption may touch it, a text layer would not.
	maxGlyphsOver = 5
	// fullPage is the least share of the page an image covers that is the
	// whole page: a drawing, a map or a scan.
	fullPage = 0.9
)

// imageOnly reports whether an image covers a part of the page where text
// is missing: at least 4% of the page with (almost) no glyph over it. It is
// the test the image_only diagnostic makes; a page with no text at all is a
// scan, reported as such and not read here.
func imageOnly(pg *page, im image) bool {
	area := pg.width * pg.height
	a := (im.x1 - im.x0) * (im.y1 - im.y0)
	if len(pg.content.glyphs) == 0 || area <= 0 || a < minImageShare*area {
		return false
	}
	inside := 0
	for _, g := range pg.content.glyphs {
		if g.x >= im.x0 && g.x <= im.x1 && g.y >= im.y0 && g.y <= im.y1 {
			inside++
		}
	}
	return inside < maxGlyphsOver
}

// image records an image-only image at the current place in the reading
// order: the open paragraph ends before it.
func (e *emitter) image(pg *page, im *image) {
	e.flush()
	e.lastRow = -1
	e.images = append(e.images, placed{Image{Page: pg.number, At: len(e.out),
		X0: im.x0, Y0: im.y0, X1: im.x1, Y1: im.y1}, im.obj})
}

// placed is an image-only image and its XObject.
type placed struct {
	Image
	raw lpdf.Value
}

// maxImagePixels bounds the images decoded for OCR (a 600 dpi A4 page is
// about 35 million pixels).
const maxImagePixels = 40 << 20

// imageInfo fills in each image's size and encoding from its XObject.
// data is the file.
func imageInfo(data []byte, pl []placed) []Image {
	ims := make([]Image, 0, len(pl))
	for _, p := range pl {
		im := &p.Image
		raw := p.raw
		im.Fetch = func(im *Image) { loadImage(data, raw, im) }
		func() {
			defer func() {
				if r := recover(); r != nil {
					im.Err = fmt.Sprintf("image on page %d could not be read: %v", im.Page, r)
				}
			}()
			x := raw
			im.Width, im.Height = int(x.Key("Width").Int64()), int(x.Key("Height").Int64())
			im.BitsPerComponent = int(x.Key("BitsPerComponent").Int64())
			im.Components = components(x.Key("ColorSpace"))
			if f := filterNames(x.Key("Filter")); len(f) == 1 && f[0] == "DCTDecode" {
				im.Filter = "DCTDecode"
			}
		}()
		ims = append(ims, *im)
	}
	return ims
}

// loadImage reads an image's bytes: a JPEG as stored (the PDF library does
// not hand out streams it cannot decode, so they are found in the file),
// other images as samples through the library's filters.
func loadImage(data []byte, x lpdf.Value, im *Image) {
	if im.Width <= 0 || im.Height <= 0 || im.Width*im.Height > maxImagePixels {
		im.Err = fmt.Sprintf("image on page %d is %d×%d pixels: not read", im.Page, im.Width, im.Height)
		return
	}
	filters := filterNames(x.Key("Filter"))
	switch {
	case im.Filter == "DCTDecode":
		im.Data = rawStream(data, im.Width, im.Height, x.Key("Length").Int64())
		if im.Data == nil {
			im.Err = fmt.Sprintf("the JPEG image on page %d was not found in the file", im.Page)
		}
	case len(filters) == 0 || len(filters) == 1 && (filters[0] == "FlateDecode" || filters[0] == "LZWDecode"):
		want := (im.Width*im.Components*max(im.BitsPerComponent, 1) + 7) / 8 * im.Height
		rd := x.Reader()
		defer rd.Close()
		b, err := io.ReadAll(io.LimitReader(rd, int64(want)+1))
		if err != nil || len(b) < want || im.Components == 0 {
			im.Err = fmt.Sprintf("the image on page %d could not be decoded (%d of %d bytes, %d components)", im.Page, len(b), want, im.Components)
			return
		}
		im.Data = b[:want]
	default:
		im.Err = fmt.Sprintf("the image on page %d is encoded with %v, which planx does not decode", im.Page, filters)
	}
}

func filterNames(f lpdf.Value) []string {
	switch f.Kind() {
	case lpdf.Name:
		return []string{f.Name()}
	case lpdf.Array:
		var out []string
		for i := 0; i < f.Len(); i++ {
			out = append(out, f.Index(i).Name())
		}
		return out
	}
	return nil
}

// components is the number of colour components of a colour space; 0 for
// one planx does not turn into grey (indexed, separation, …).
func components(cs lpdf.Value) int {
	name := cs.Name()
	if cs.Kind() == lpdf.Array && cs.Len() > 0 {
		name = cs.Index(0).Name()
		if name == "ICCBased" {
			if n := int(cs.Index(1).Key("N").Int64()); n == 1 || n == 3 || n == 4 {
				return n
			}
		}
	}
	switch name {
	case "DeviceGray", "CalGray":
		return 1
	case "DeviceRGB", "CalRGB":
		return 3
	case "DeviceCMYK":
		return 4
	}
	return 0
}

var imageDict = regexp.MustCompile(`/Subtype\s*/Image`)

// rawStream finds the bytes of an image stream in the file: the stream of
// an image dictionary with the same width and height whose length bytes are
// followed by endstream. (The library decodes streams only through filters
// it knows, and DCTDecode is not one; a JPEG is handed to the decoder as
// stored.)
func rawStream(data []byte, w, h int, length int64) []byte {
	if length <= 0 || length > int64(len(data)) {
		return nil
	}
	for _, loc := range imageDict.FindAllIndex(data, -1) {
		start := bytes.LastIndex(data[max(0, loc[0]-2048):loc[0]], []byte("obj"))
		if start < 0 {
			continue
		}
		start += max(0, loc[0]-2048)
		end := bytes.Index(data[loc[1]:min(len(data), loc[1]+2048)], []byte("stream"))
		if end < 0 {
			continue
		}
		end += loc[1]
		dict := data[start:end]
		if dictInt(dict, "Width") != w || dictInt(dict, "Height") != h {
			continue
		}
		p := end + len("stream")
		if p < len(data) && data[p] == '\r' {
			p++
		}
		if p < len(data) && data[p] == '\n' {
			p++
		}
		q := p + int(length)
		if q > len(data) {
			continue
		}
		tail := bytes.TrimLeft(data[q:min(len(data), q+16)], "\r\n ")
		if bytes.HasPrefix(tail, []byte("endstream")) && bytes.HasPrefix(data[p:], []byte{0xff, 0xd8}) {
			return data[p:q]
		}
	}
	return nil
}

var dictKey = regexp.MustCompile(`/(Width|Height)\s+(\d+)`)

func dictInt(dict []byte, key string) int {
	for _, m := range dictKey.FindAllSubmatch(dict, -1) {
		if string(m[1]) == key {
			n, _ := strconv.Atoi(string(m[2]))
			return n
		}
	}
	return -1
}
