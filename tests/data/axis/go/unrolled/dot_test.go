// One implementation of a dot product per package: `--by pkg` compares the packages.
package unrolled

import "testing"

var sink uint32

func dot(a, b []byte) uint32 {
	var s0, s1, s2, s3 uint32
	n := len(a) &^ 3
	for i := 0; i < n; i += 4 {
		s0 += uint32(a[i]) * uint32(b[i])
		s1 += uint32(a[i+1]) * uint32(b[i+1])
		s2 += uint32(a[i+2]) * uint32(b[i+2])
		s3 += uint32(a[i+3]) * uint32(b[i+3])
	}
	return s0 + s1 + s2 + s3
}

func BenchmarkDot(b *testing.B) {
	x, y := make([]byte, 8192), make([]byte, 8192)
	for i := range x {
		x[i], y[i] = byte(i), byte(i*3)
	}
	b.SetBytes(int64(len(x)))
	for i := 0; i < b.N; i++ {
		sink += dot(x, y)
	}
}
