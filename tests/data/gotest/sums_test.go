// The tiny Go benchmarks the fixtures in this directory come from (README.md).
package fixture

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
)

// With BENCH_UNITS=1, say which way the custom metric is better: a benchfmt Unit line.
func TestMain(m *testing.M) {
	if os.Getenv("BENCH_UNITS") == "1" {
		fmt.Println("Unit elements/op better=higher")
	}
	os.Exit(m.Run())
}

var sink int

func BenchmarkSum(b *testing.B) {
	for _, n := range []int{64, 512} {
		xs := make([]int, n)
		b.Run("n="+itoa(n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				s := 0
				for _, x := range xs {
					s += x
				}
				sink = s
			}
		})
	}
}

// Allocates, and reports a throughput with b.SetBytes (MB/s).
func BenchmarkJoin(b *testing.B) {
	parts := []string{"alpha", "beta", "gamma", "delta"}
	b.SetBytes(int64(len(strings.Join(parts, ","))))
	for i := 0; i < b.N; i++ {
		sink = len(strings.Join(parts, ","))
	}
}

// A metric of its own with b.ReportMetric.
func BenchmarkSort(b *testing.B) {
	xs := make([]int, 256)
	for i := 0; i < b.N; i++ {
		for j := range xs {
			xs[j] = (j * 7919) % 256
		}
		sort.Ints(xs)
	}
	b.ReportMetric(256, "elements/op")
}

// With BENCH_FAIL=1, a benchmark that fails.
func BenchmarkFails(b *testing.B) {
	if os.Getenv("BENCH_FAIL") == "1" {
		b.Fatal("cannot open the input")
	}
	for i := 0; i < b.N; i++ {
		sink = i
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}
