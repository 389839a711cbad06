# Fixtures for tests/unit/test_jobnoise.c (src/stats/jobnoise.c), with R alone (stats).
# Usage, from the repository root: Rscript tests/data/stats/make-jobnoise.R
# Writes jobsd.tsv, shift.tsv and spread.tsv next to itself. Numbers are %.17g.
set.seed(20261207)
dir <- "tests/data/stats"
fmt <- function(v) paste(sprintf("%.17g", v), collapse = ",")
out <- function(name, header, rows) {
	con <- file(file.path(dir, name), "w")
	writeLines(paste0("# ", header), con)
	writeLines(rows, con)
	close(con)
}

## The robust job-to-job sd (docs/statistics.md): successive differences; a start
## at mad(d) / sqrt(2); keep those within 4 sqrt(2) sd of the median difference, sd
## their MSSD; again over all differences until the kept set stays.
jobsd <- function(y) {
	y <- y[is.finite(y)]
	d <- diff(y)
	s <- mad(d) / sqrt(2)
	if (!(s > 0)) s <- Inf
	keep <- NULL
	for (round in 1:50) {
		k2 <- abs(d - median(d)) <= 4 * sqrt(2) * s
		if (!is.null(keep) && all(k2 == keep)) break
		keep <- k2
		s <- sqrt(sum(d[keep]^2) / (2 * sum(keep)))
	}
	k <- sum(keep)
	c(NaN, k, sqrt(sum(d[keep]^2) / (2 * k)), 2 * k^2 / (3 * k - 1))
}
cases <- list(
	two = c(0.1, 0.3),
	three = c(1, 2, 4),
	norm20 = rnorm(20, 0, 0.1),
	shift20 = c(rnorm(10, 0, 0.05), rnorm(10, log(1.3), 0.05)),
	two_shifts = c(rnorm(8, 0, 0.02), rnorm(8, 0.5, 0.02), rnorm(8, 0.2, 0.02)),
	spike = c(rnorm(15, 4, 0.03), 6, rnorm(4, 4, 0.03)),
	with_nan = c(0.5, NaN, 0.7, 0.4, NaN, 0.9, 0.6, 0.65),
	ties = c(1, 1, 1, 1, 2, 2, 2, 2, 2, 3),
	long = rnorm(200, 10, 1)
)
rows <- character()
for (nm in names(cases)) {
	r <- jobsd(cases[[nm]])
	rows <- c(rows, paste(nm, fmt(cases[[nm]]), sum(is.finite(cases[[nm]])), fmt(r[1]),
			      r[2], fmt(r[3]), fmt(r[4]), sep = "\t"))
}
out("jobsd.tsv", "name\tvalues\tn\tunused\tkept\tsd\tdf", rows)

## The machine-wide shift: median, and sqrt(pi / 2) * mad / sqrt(m).
cases <- list(
	one = 0.05,
	two = c(0.1, -0.1),
	five = c(0.1, 0.12, 0.09, 0.11, 0.5),
	same20 = log(1.1) + rnorm(20, 0, 0.04),
	three_of_20 = c(rnorm(17, 0.05, 0.04), rnorm(3, 0.05 + log(1.3), 0.04)),
	wide = rnorm(101, -0.2, 0.3)
)
rows <- character()
for (nm in names(cases)) {
	x <- cases[[nm]]
	se <- if (length(x) >= 2) sqrt(pi / 2) * mad(x) / sqrt(length(x)) else NaN
	rows <- c(rows, paste(nm, fmt(x), length(x), fmt(median(x)), fmt(se), sep = "\t"))
}
out("shift.tsv", "name\tvalues\tm\tmedian\tse", rows)

## The spread of a history: notes (rows, newest first) by series (columns); NaN absent.
## shared: jobsd of the per-note median of (log value - the series' median log value)
## over the series with >= 5 values (at least 5 per note); own: jobsd of log value -
## the note's level.
spread_case <- function(nm, v) {
	y <- log(v)
	ok <- colSums(is.finite(y)) >= 5
	center <- apply(y, 2, function(c) median(c[is.finite(c)]))
	level <- apply(y, 1, function(r) {
		z <- (r - center)[ok & is.finite(r)]
		if (length(z) >= 5) median(z) else NaN
	})
	sh <- jobsd(level)
	tot <- apply(y, 2, function(c) jobsd(c)[3])
	own <- apply(y - level, 2, function(c) jobsd(c)[3])
	c(nm, nrow(v), ncol(v), fmt(as.vector(v)), fmt(sh[3]), fmt(sh[4]), sum(is.finite(level)),
	  fmt(tot), fmt(own))
}
notes <- 12; series <- 7
S <- rnorm(notes, 0, 0.1)
B <- matrix(rnorm(notes * series, 0, 0.03), notes, series)
lvl <- matrix(rep(runif(series, 1e3, 1e5), each = notes), notes, series)
v1 <- lvl * exp(S + B)
v2 <- v1
v2[1:5, 3] <- v2[1:5, 3] * 1.4     # a level shift of one benchmark
v2[7, 2] <- NaN                    # a note without one benchmark
rows <- c(paste(spread_case("plain", v1), collapse = "\t"),
	  paste(spread_case("shift_and_gap", v2), collapse = "\t"))
out("spread.tsv", "name\tnotes\tseries\tvalues (column-major)\tshared_sd\tshared_df\tshared_n\ttotal_sd\town_sd", rows)
