// The mitata fixtures' benchmarks (make-fixtures.sh). Usage: node bench.mjs [slow] [summary]
// "slow" makes 'sort 1000' sort 1500 numbers (50% more work); "summary" runs with
// format { json: { samples: false } } (mitata then writes null for every samples list).
import { run, bench, group } from 'mitata';

const slow = process.argv.includes('slow'), summary = process.argv.includes('summary');
const sortN = slow ? 1500 : 1000;

group('arrays', () => {
	bench('sort 1000', () => {
		const a = [];
		for (let i = 0; i < sortN; i++) a.push((i * 7919) % 1000);
		a.sort((x, y) => x - y);
	});
	bench('concat $n', function* (state) {
		const n = state.get('n');
		yield () => new Array(n).fill(1).concat(new Array(n).fill(2));
	}).args('n', [10, 100]);
});
await run({ format: summary ? { json: { samples: false } } : 'json' });
