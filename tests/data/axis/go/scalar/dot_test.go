// One implementation of a dot product per package: `--by pkg` compares the packages.
package scalar

import "testing"

var sink uint32

func dot(a, b []byte) uint32 {
	var s uint32
	for i := range a {
		s += uint32(a[i]) * uint32(b[i])
	}
	return s
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
