// Package segment will hold planx's Chinese word segmentation (gse with the
// embedded dictionary and a plan-domain user dictionary), terms and keywords
// for full-text search. It is empty until that work lands; see the README's
// "Not yet" list.
package segment
