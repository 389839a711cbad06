# Shared by the golden CLI cases of the git store (baseline-git-*, auto-*, history-*):
# fixed identities and dates so that commit ids and outputs are the same every run.
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com
export GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com
export GIT_AUTHOR_DATE="2026-01-02T03:04:05+00:00" GIT_COMMITTER_DATE="2026-01-02T03:04:05+00:00"
export GIT_CONFIG_NOSYSTEM=1 HOME="$PWD"
unset GITHUB_BASE_REF CI_MERGE_REQUEST_TARGET_BRANCH_NAME BITBUCKET_PR_DESTINATION_BRANCH \
	SYSTEM_PULLREQUEST_TARGETBRANCH CHANGE_TARGET BUILDKITE_PULL_REQUEST_BASE_BRANCH \
	CIRRUS_BASE_BRANCH DRONE_TARGET_BRANCH DRONE_PULL_REQUEST

# commit SUBJECT [DAY]: an empty commit, dated 2026-01-DAY (default 02)
commit() {
	d="2026-01-${2:-02}T03:04:05+00:00"
	GIT_AUTHOR_DATE=$d GIT_COMMITTER_DATE=$d git commit -q --allow-empty -m "$1"
}

# results LEVEL > FILE: native results, one benchmark 'parse' (ns) of ten samples
# within 1.5% of LEVEL, and 'serialize' at a flat 50 ns
results() {
	awk -v l="$1" 'BEGIN {
		printf "{\"schema\": \"benchgate.results/1\", \"benchmarks\": [";
		printf "{\"name\": \"parse\", \"metrics\": [{\"name\": \"time\", \"unit\": \"ns\", \"samples\": [";
		for (i = 0; i < 10; i++) printf "%s%.3f", i ? ", " : "", l * (1 + ((i * 7) % 10 - 4.5) / 300);
		printf "]}]}, {\"name\": \"serialize\", \"metrics\": [{\"name\": \"time\", \"unit\": \"ns\", \"samples\": [";
		for (i = 0; i < 10; i++) printf "%s%.3f", i ? ", " : "", 50 * (1 + ((i * 3) % 10 - 4.5) / 300);
		printf "]}]}]}\n" }'
}

# new_repo: a repository 'repo' with one commit, entered
new_repo() {
	git init -q -b main repo && cd repo && commit "first commit" 01
}
