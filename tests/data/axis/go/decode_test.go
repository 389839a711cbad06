// A stand-in for an inference kernel, measured along two axes: the backend (how the
// inner loop is written) and the quantization (how many bytes a weight takes). Run by
// make-fixtures.sh to write ../decode.txt; the times are real measurements.
package axis

import (
	"fmt"
	"testing"
)

var sink uint32

// dot sums weights*x over n weights of width bytes each, one byte at a time.
func dotScalar(w []byte, width int) uint32 {
	var s uint32
	for i := 0; i+width <= len(w); i += width {
		var v uint32
		for j := 0; j < width; j++ {
			v = v<<8 | uint32(w[i+j])
		}
		s += v * 3
	}
	return s
}

// The same sum with the inner loop unrolled for the two widths: the faster backend.
func dotUnrolled(w []byte, width int) uint32 {
	var s uint32
	if width == 1 {
		for i := 0; i+4 <= len(w); i += 4 {
			s += (uint32(w[i]) + uint32(w[i+1]) + uint32(w[i+2]) + uint32(w[i+3])) * 3
		}
		return s
	}
	for i := 0; i+2 <= len(w); i += 2 {
		s += (uint32(w[i])<<8 | uint32(w[i+1])) * 3
	}
	return s
}

func BenchmarkDecode(b *testing.B) {
	backends := []struct {
		name string
		dot  func([]byte, int) uint32
	}{{"scalar", dotScalar}, {"unrolled", dotUnrolled}}
	quants := []struct {
		name  string
		width int
	}{{"q4", 1}, {"q8", 2}}
	const weights = 4096
	for _, be := range backends {
		for _, q := range quants {
			w := make([]byte, weights*q.width)
			for i := range w {
				w[i] = byte(i * 7)
			}
			b.Run(fmt.Sprintf("backend=%s/quant=%s", be.name, q.name), func(b *testing.B) {
				b.SetBytes(int64(len(w)))
				for i := 0; i < b.N; i++ {
					sink += be.dot(w, q.width)
				}
			})
		}
	}
}
