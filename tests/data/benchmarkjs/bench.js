// The benchmark.js fixtures' benchmarks (make-fixtures.sh). Usage: node bench.js [slow]
// "slow" makes 'sort 1000' sort 1500 numbers (50% more work). Prints the suite's
// benchmarks as JSON.stringify writes them: stats.sample holds seconds per iteration.
const Benchmark = require('benchmark');

const sortN = process.argv[2] === 'slow' ? 1500 : 1000;
const opts = { maxTime: 0.5, minSamples: 20 };
const suite = new Benchmark.Suite('arrays');

suite.add('sort 1000', () => {
	const a = [];
	for (let i = 0; i < sortN; i++) a.push((i * 7919) % 1000);
	a.sort((x, y) => x - y);
}, opts);
suite.add('json 100', () => {
	const o = [];
	for (let i = 0; i < 100; i++) o.push({ i, s: 'x' + i });
	JSON.parse(JSON.stringify(o));
}, opts);
suite.on('complete', function () {
	console.log(JSON.stringify(Array.from(this), null, 2));
});
suite.run();
