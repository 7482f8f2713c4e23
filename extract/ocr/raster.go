package ocr

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math"

	"planx/extract/pdf"
)

// decode turns a PDF image into grey pixels: a JPEG through the standard
// decoder, raw samples (grey, RGB, CMYK at 8 bits) by hand.
func decode(im pdf.Image) (*image.Gray, error) {
	im.Load()
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

// crop copies the rectangle r of g, scaled by an integer factor (bilinear:
// the recogniser reads small cells better twice as large, and smooth
// edges better than blocky ones), with every pixel at least as light as
// white turned white (the grey of a title bar goes, the black text stays;
// 255 keeps every pixel).
func crop(g *image.Gray, r image.Rectangle, scale int, white uint8) *image.Gray {
	r = r.Intersect(g.Bounds())
	out := image.NewGray(image.Rect(0, 0, r.Dx()*scale+2*pad, r.Dy()*scale+2*pad))
	for i := range out.Pix {
		out.Pix[i] = 255
	}
	at := func(x, y int) float64 {
		x, y = min(max(x, 0), r.Dx()-1), min(max(y, 0), r.Dy()-1)
		v := g.GrayAt(r.Min.X+x, r.Min.Y+y).Y
		if v >= white {
			v = 255
		}
		return float64(v)
	}
	s := float64(scale)
	for y := 0; y < r.Dy()*scale; y++ {
		fy := (float64(y)+0.5)/s - 0.5
		y0 := int(math.Floor(fy))
		ay := fy - float64(y0)
		for x := 0; x < r.Dx()*scale; x++ {
			fx := (float64(x)+0.5)/s - 0.5
			x0 := int(math.Floor(fx))
			ax := fx - float64(x0)
			v := (1-ax)*(1-ay)*at(x0, y0) + ax*(1-ay)*at(x0+1, y0) + (1-ax)*ay*at(x0, y0+1) + ax*ay*at(x0+1, y0+1)
			out.SetGray(x+pad, y+pad, color.Gray{Y: uint8(v + 0.5)})
		}
	}
	return out
}

// pad is the white margin put around a crop: the recogniser misses
// characters that touch the image edge.
const pad = 24

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
