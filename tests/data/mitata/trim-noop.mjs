// Keep a mitata JSON fixture small: cut the calibration samples under context.noop
// (up to millions of numbers; benchgate skips them, they are not benchmarks) to their
// first 16. Nothing else is touched. Reads stdin, writes stdout.
let text = '';
process.stdin.on('data', (d) => { text += d; });
process.stdin.on('end', () => {
	const doc = JSON.parse(text);
	for (const k of Object.keys(doc.context.noop))
		if (Array.isArray(doc.context.noop[k].samples))
			doc.context.noop[k].samples = doc.context.noop[k].samples.slice(0, 16);
	process.stdout.write(JSON.stringify(doc) + '\n');
});
