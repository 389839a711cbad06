// The vitest fixtures' benchmarks (make-fixtures.sh). BENCH_SLOW=1 makes 'sort 10000'
// sort 15000 numbers (50% more work).
import { bench, describe } from 'vitest';

const sortN = process.env.BENCH_SLOW ? 15000 : 10000;
const opts = { time: 0, iterations: 100, warmupTime: 0, warmupIterations: 20 };

describe('arrays', () => {
	bench('sort 10000', () => {
		const a = [];
		for (let i = 0; i < sortN; i++) a.push((i * 7919) % 10000);
		a.sort((x, y) => x - y);
	}, opts);
	bench('reverse 1000', () => {
		const a = [];
		for (let i = 0; i < 1000; i++) a.push(i);
		a.reverse();
	}, opts);
});
bench('json 100', () => {
	const o = [];
	for (let i = 0; i < 100; i++) o.push({ i, s: 'x' + i });
	JSON.parse(JSON.stringify(o));
}, opts);
