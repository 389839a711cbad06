// The tinybench fixtures' benchmarks (make-fixtures.sh runs this with tinybench 2.x and 6.x).
// Usage: node bench.mjs FORM [slow]   FORM: tasks (JSON.stringify(bench.tasks), 2.x),
// results (bench.results), named (name and result of each task, 6.x), samples (named,
// 6.x with retainSamples). "slow" makes 'sort 10000' sort 15000 numbers (50% more work).
import { Bench } from 'tinybench';

const form = process.argv[2], slow = process.argv[3] === 'slow';
const bench = new Bench({ time: 0, iterations: 100, warmupTime: 0, warmupIterations: 20,
			  retainSamples: form === 'samples' });
const sortN = slow ? 15000 : 10000;

bench.add('sort 10000', () => {
	const a = [];
	for (let i = 0; i < sortN; i++) a.push((i * 7919) % 10000);
	a.sort((x, y) => x - y);
});
bench.add('json 100', () => {
	const o = [];
	for (let i = 0; i < 100; i++) o.push({ i, s: 'x' + i });
	JSON.parse(JSON.stringify(o));
});
await bench.run();
if (form === 'tasks')
	console.log(JSON.stringify(bench.tasks));
else if (form === 'results')
	console.log(JSON.stringify(bench.results));
else
	console.log(JSON.stringify(bench.tasks.map((t) => ({ name: t.name, result: t.result }))));
