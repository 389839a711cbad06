// The cargo bench (libtest) fixtures' benchmarks (make-fixtures.sh). #[bench] is
// unstable: stable rustc builds it with RUSTC_BOOTSTRAP=1. The feature "slow" makes
// sort_10000 sort 15000 numbers (50% more work).
#![feature(test)]
extern crate test;

use test::Bencher;

#[cfg(feature = "slow")]
const SORT_N: u32 = 15000;
#[cfg(not(feature = "slow"))]
const SORT_N: u32 = 10000;

#[bench]
fn sort_10000(b: &mut Bencher) {
    b.iter(|| {
        let mut v: Vec<u32> = (0..SORT_N).map(|i| (i * 7919) % 10000).collect();
        v.sort();
        test::black_box(v[0])
    });
}

#[bench]
fn sum_100(b: &mut Bencher) {
    b.iter(|| (0..test::black_box(100u64)).sum::<u64>());
}

mod strings {
    #[bench]
    fn concat_100(b: &mut test::Bencher) {
        b.iter(|| {
            let mut s = String::new();
            for i in 0..100 {
                s.push_str(&i.to_string());
            }
            test::black_box(s.len())
        });
    }
}
