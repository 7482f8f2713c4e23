package ocr

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"

	"planx/extract/pdf"
)

// decode turns a PDF image into grey pixels: a JPEG through the standard
// decoder, raw samples (grey, RGB, CMYK at 8 bits) by hand.
func decode(im pdf.Image) (*image.Gray, error) {
	if im.Err != "" {
		return nil, fmt.Errorf("%s", im.Err)
	}
	switch im.Filter {
	case "DCTDecode":
		src, err := jpeg.Decode(bytes.NewReader(im.Data))
		if err != nil {
			return nil, fmt.Errorf("JPEG image on page %d: %w", im.Page, err)
		}
		return toGray(src), nil
	case "":
		if im.BitsPerComponent != 8 {
			return nil, fmt.Errorf("image on page %d has %d bits per component; planx reads 8", im.Page, im.BitsPerComponent)
		}
		g := image.NewGray(image.Rect(0, 0, im.Width, im.Height))
		n := im.Components
		for i := range g.Pix {
			p := im.Data[i*n : i*n+n]
			switch n {
			case 1:
				g.Pix[i] = p[0]
			case 3:
				g.Pix[i] = lum(p[0], p[1], p[2])
			case 4:
				k := 255 - int(p[3])
				g.Pix[i] = lum(uint8((255-int(p[0]))*k/255), uint8((255-int(p[1]))*k/255), uint8((255-int(p[2]))*k/255))
			}
		}
		return g, nil
	}
	return nil, fmt.Errorf("image on page %d: filter %s is not decoded", im.Page, im.Filter)
}

func lum(r, g, b uint8) uint8 {
	return uint8((299*int(r) + 587*int(g) + 114*int(b)) / 1000)
}

func toGray(src image.Image) *image.Gray {
	if g, ok := src.(*image.Gray); ok {
		return g
	}
	b := src.Bounds()
	g := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			g.SetGray(x, y, color.GrayModel.Convert(src.At(b.Min.X+x, b.Min.Y+y)).(color.Gray))
		}
	}
	return g
}

// dark is the grey level below which a pixel is ink.
const dark = 150

// crop copies the rectangle r of g, scaled by an integer factor
// (nearest neighbour keeps stroke edges sharp for the recogniser), with
// every pixel lighter than white turned white: the grey of a title bar or a
// shaded header goes, the black text stays.
func crop(g *image.Gray, r image.Rectangle, scale int, white uint8) *image.Gray {
	r = r.Intersect(g.Bounds())
	out := image.NewGray(image.Rect(0, 0, r.Dx()*scale+2*pad, r.Dy()*scale+2*pad))
	for i := range out.Pix {
		out.Pix[i] = 255
	}
	for y := 0; y < r.Dy()*scale; y++ {
		for x := 0; x < r.Dx()*scale; x++ {
			v := g.GrayAt(r.Min.X+x/scale, r.Min.Y+y/scale).Y
			if v >= white {
				v = 255
			}
			out.SetGray(x+pad, y+pad, color.Gray{Y: v})
		}
	}
	return out
}

// pad is the white margin put around a crop: the recogniser misses
// characters that touch the image edge.
const pad = 10

// inked counts the ink pixels in r.
func inked(g *image.Gray, r image.Rectangle) int {
	r = r.Intersect(g.Bounds())
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if g.GrayAt(x, y).Y < dark {
				n++
			}
		}
	}
	return n
}
