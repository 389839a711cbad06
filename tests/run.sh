#!/bin/sh
# Run the unit tests (cmocka) and the golden CLI cases; print one closing count.
# Usage: tests/run.sh [unit|cli|sh] [CASE...]   BUILD=build-san for the sanitizer build,
# BG_WRAP="valgrind ..." to run every binary under a wrapper.
# A golden case is a directory tests/cli/NAME with `cmd` (a shell script run in a fresh
# temporary directory holding `data`, a link to tests/data; $BG is the benchgate
# command), and the expected `stdout`, `stderr` and `code` (an absent stdout or stderr
# means empty). BLESS=1 records the current output as expected: review it before
# committing.
# A script test is tests/sh/NAME.sh, run with TOP, BUILD and BG set: exit 0 passes,
# anything else fails (its output is shown).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-build}
cd "$top" || exit 2
what=${1:-all}
[ $# -gt 0 ] && shift
passed=0
failed=0
failures=""

if [ "$what" = all ] || [ "$what" = unit ]; then
	for t in "$top/$build"/tests/test_*; do
		[ -x "$t" ] || continue
		out=$(CMOCKA_MESSAGE_OUTPUT=stdout ${BG_WRAP:-} "$t" 2>&1)
		rc=$?
		p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
		f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
		passed=$((passed + ${p:-0}))
		failed=$((failed + ${f:-0}))
		if [ $rc -ne 0 ] || [ -z "$p" ]; then
			printf '%s\n' "$out" | grep -v '^\[ \(      OK\|RUN     \) \]' | head -n 60
			[ -z "$f" ] && failed=$((failed + 1))
			failures="$failures $(basename "$t")"
		else
			echo "unit $(basename "$t"): $p passed"
		fi
	done
fi

if [ "$what" = all ] || [ "$what" = cli ]; then
	bin="$top/$build/benchgate"
	cases=""
	if [ $# -gt 0 ]; then
		for c in "$@"; do cases="$cases $top/tests/cli/$c"; done
	else
		cases=$(ls -d "$top"/tests/cli/*/ 2>/dev/null)
	fi
	cp=0
	for c in $cases; do
		c=${c%/}
		name=$(basename "$c")
		tmp=$(mktemp -d)
		ln -s "$top/tests/data" "$tmp/data"
		(cd "$tmp" && BG="${BG_WRAP:-} $bin" TOP="$top" SOURCE_DATE_EPOCH=1700000000 \
			NO_COLOR= TERM=dumb LC_ALL=C sh "$c/cmd" >"$tmp/.stdout" 2>"$tmp/.stderr" </dev/null)
		echo $? >"$tmp/.code"
		ok=1
		if [ -n "${BLESS:-}" ]; then
			# Record what the case does now as expected; review with git diff.
			for part in stdout stderr; do
				if [ -s "$tmp/.$part" ]; then cp "$tmp/.$part" "$c/$part"; else rm -f "$c/$part"; fi
			done
			cp "$tmp/.code" "$c/code"
		fi
		for part in stdout stderr code; do
			exp="$c/$part"
			[ -f "$exp" ] || exp=/dev/null
			if ! cmp -s "$exp" "$tmp/.$part"; then
				ok=0
				echo "--- cli $name: $part differs"
				diff -u "$exp" "$tmp/.$part" | head -n 40
			fi
		done
		if [ $ok = 1 ]; then
			passed=$((passed + 1)); cp=$((cp + 1))
		else
			failed=$((failed + 1)); failures="$failures cli/$name"
		fi
		rm -rf "$tmp"
	done
	echo "cli: $cp cases passed"
fi

if [ "$what" = all ] || [ "$what" = sh ]; then
	scripts=""
	if [ $# -gt 0 ]; then
		for c in "$@"; do scripts="$scripts $top/tests/sh/$c.sh"; done
	else
		scripts=$(ls "$top"/tests/sh/*.sh 2>/dev/null)
	fi
	sp=0
	for s in $scripts; do
		name=$(basename "$s" .sh)
		out=$(BG="${BG_WRAP:-} $top/$build/benchgate" TOP="$top" BUILD="$build" sh "$s" 2>&1 </dev/null)
		if [ $? -eq 0 ]; then
			passed=$((passed + 1)); sp=$((sp + 1))
			printf '%s\n' "$out" | tail -n 1 | sed "s/^/sh $name: /"
		else
			printf '%s\n' "$out" | tail -n 40
			failed=$((failed + 1)); failures="$failures sh/$name"
		fi
	done
	echo "sh: $sp scripts passed"
fi

[ -n "$failures" ] && echo "failing:$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
