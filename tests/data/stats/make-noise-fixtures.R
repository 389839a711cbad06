# Make noise.tsv and widen.tsv, read by tests/unit/test_noise.c, with R alone (stats).
# Usage, from the repository root: Rscript tests/data/stats/make-noise-fixtures.R
# An independent transcription of docs/statistics.md's "Run-to-run noise": run levels
# are R's own mean(log(x), trim = 0.2); Yuen's variance of a trimmed mean from the
# winsorized variance pooled over runs; the method-of-moments tau^2; the widened
# interval with qt/qnorm and its p-value by uniroot (benchgate bisects). As a check by
# another route, each runs case also carries the two-stage interval of the log change
# (t.test on the run levels, Welch), which the widened interval approaches when the
# runs differ far more than their samples explain.
# Numbers are %.17g, samples and runs comma-separated.
set.seed(20261207)
dir <- "tests/data/stats"
fmt <- function(v) paste(sprintf("%.17g", v), collapse = ",")
out <- function(name, header, rows) {
	con <- file(file.path(dir, name), "w")
	writeLines(paste0("# ", header), con)
	writeLines(rows, con)
	close(con)
}

winsorize <- function(x, trim = 0.2) {
	x <- sort(x); n <- length(x); g <- floor(n * trim)
	if (g > 0) { x[1:g] <- x[g + 1]; x[(n - g + 1):n] <- x[n - g] }
	x
}
# level, variance factor and winsorized sum of squares of each run
levels_of <- function(x, run) {
	u <- log(x)
	rs <- sort(unique(run))
	lv <- sapply(rs, function(r) mean(u[run == r], trim = 0.2))
	m <- sapply(rs, function(r) sum(run == r))
	h <- m - 2 * floor(0.2 * m)
	vf <- ifelse(h > 1, (m - 1) / (h * (h - 1)), 1)
	ssw <- sum(sapply(rs, function(r) { w <- winsorize(u[run == r]); sum((w - mean(w))^2) }))
	dfw <- sum(m - 1)
	within <- if (dfw > 0) ssw / dfw else 0
	list(level = lv, size = m, vf = vf, within = within, k = length(rs), dfh = sum(h - 1))
}
# the F test that the levels differ beyond their samples
f_p <- function(ss, sv, df, dfw) {
	if (!(sv > 0)) return(if (ss > 0) 0 else 1)
	if (!(dfw > 0)) return(pchisq(ss / sv * df, df, lower.tail = FALSE))
	pf(ss / sv, df, dfw, lower.tail = FALSE)
}
noise_runs <- function(b, c) {
	ss <- 0; sv <- 0; den <- 0; dfw <- 0
	for (s in list(b, c)) if (s$k >= 2) {
		ss <- ss + (s$k - 1) * var(s$level)
		sv <- sv + (s$k - 1) * mean(s$within * s$vf)
		den <- den + s$k - 1
		dfw <- dfw + s$dfh
	}
	if (dfw == 0)   # every run one sample: the samples are the runs, nothing to add
		return(c(tau2 = NaN, extra = 0, df = den, sd = NaN, n = b$k + c$k, p = NaN, dfw = 0))
	tau2 <- max(0, (ss - sv) / den)
	w <- function(s) sum((s$size / sum(s$size))^2)
	c(tau2 = tau2, extra = tau2 * (w(b) + w(c)), df = den, sd = sqrt(tau2), n = b$k + c$k,
	  p = f_p(ss, sv, den, dfw), dfw = dfw)
}
noise_pairs <- function(b, c) {
	k <- b$k
	d <- c$level - b$level
	v <- mean(b$within * b$vf + c$within * c$vf)
	tau2 <- max(0, var(d) - v)
	w <- (b$size / sum(b$size) + c$size / sum(c$size)) / 2
	c(tau2 = tau2, extra = tau2 * sum(w^2), df = k - 1, sd = sqrt(tau2 / 2), n = k,
	  p = f_p(var(d), v, k - 1, b$dfh + c$dfh), dfw = b$dfh + c$dfh)
}
# one side: k runs of sizes m, run effects sd tau, within lognormal sd sigma, factor f
side <- function(m, tau, sigma, f = 1, shared = NULL) {
	x <- numeric(); r <- integer()
	for (i in seq_along(m)) {
		e <- rnorm(1, 0, tau) + (if (is.null(shared)) 0 else shared[i])
		x <- c(x, f * 100 * exp(e + rnorm(m[i], 0, sigma)))
		r <- c(r, rep(i - 1L, m[i]))
	}
	list(x = x, run = r)
}

cases <- list(
	list(name = "equal5x20_tau1", paired = 0, b = side(rep(20, 5), 0.01, 0.02),
	     c = side(rep(20, 5), 0.01, 0.02, 1.03)),
	list(name = "unequal_runs", paired = 0, b = side(c(3, 7, 12), 0.02, 0.05),
	     c = side(c(4, 4), 0.02, 0.05)),
	list(name = "one_run_base", paired = 0, b = side(30, 0.01, 0.02),
	     c = side(rep(10, 4), 0.01, 0.02)),
	list(name = "no_run_effect", paired = 0, b = side(rep(10, 6), 0, 0.03),
	     c = side(rep(10, 6), 0, 0.03)),
	list(name = "singletons", paired = 0, b = side(rep(1, 6), 0.02, 0.01),
	     c = side(rep(1, 5), 0.02, 0.01)),
	list(name = "big_tau", paired = 0, b = side(rep(50, 8), 0.05, 0.01),
	     c = side(rep(50, 8), 0.05, 0.01, 1.02))
)
S <- rnorm(6, 0, 0.1)   # the shared level of 6 jobs, each holding a pair
cases[[length(cases) + 1]] <- list(name = "paired6", paired = 1,
	b = side(rep(15, 6), 0.01, 0.02, 1, S), c = side(rep(15, 6), 0.01, 0.02, 1.02, S))
cases[[length(cases) + 1]] <- list(name = "paired_unequal", paired = 1,
	b = side(c(10, 20, 5), 0.01, 0.02, 1, S[1:3]), c = side(c(12, 8, 9), 0.01, 0.02, 1, S[1:3]))

rows <- character()
for (cs in cases) {
	b <- levels_of(cs$b$x, cs$b$run); c <- levels_of(cs$c$x, cs$c$run)
	nz <- if (cs$paired) noise_pairs(b, c) else noise_runs(b, c)
	# the two-stage interval of the log change by another route: Welch on the run levels
	ts <- if (!cs$paired && b$k >= 2 && c$k >= 2) t.test(c$level, b$level)$conf.int else c(NaN, NaN)
	rows <- c(rows, paste(cs$name, cs$paired, fmt(cs$b$x), paste(cs$b$run, collapse = ","),
			      fmt(cs$c$x), paste(cs$c$run, collapse = ","),
			      fmt(b$level), fmt(b$within), fmt(c$level), fmt(c$within),
			      fmt(nz["tau2"]), fmt(nz["extra"]), fmt(nz["df"]), fmt(nz["sd"]),
			      nz["n"], fmt(ts[1]), fmt(ts[2]), fmt(nz["p"]), fmt(nz["dfw"]), sep = "\t"))
}
out("noise.tsv", paste("name\tpaired\tbase\tbase_runs\tcurrent\tcurrent_runs\tbase_levels",
		       "base_within\tcur_levels\tcur_within\ttau2\textra_var\tdf\tsd\tn",
		       "two_stage_lo\ttwo_stage_hi\tp_value\tdf_within", sep = "\t"), rows)

## Stouffer's combination of p-values: pnorm(sum(qnorm(p, lower = FALSE)) / sqrt(m), lower = FALSE)
pcases <- list(c(0.5, 0.5), c(0.05, 0.05, 0.05, 0.05), c(0.9, 0.2, NaN, 0.01), runif(20),
	       c(1, 1e-20), 0.3)
rows <- character()
for (p in pcases) {
	q <- p[!is.nan(p)]
	q <- pmin(pmax(q, 1e-300), 1 - 1e-16)
	rows <- c(rows, paste(fmt(p), fmt(pnorm(sum(qnorm(q, lower.tail = FALSE)) / sqrt(length(q)),
						lower.tail = FALSE)), sep = "\t"))
}
out("stouffer.tsv", "p_values\tcombined", rows)

## Widening: (estimate, lo, hi, p_in, extra, df, confidence) -> (lo, hi, p).
widen <- function(est, lo, hi, p_in, v, df, conf) {
	d <- log1p(est)
	t <- if (is.finite(df)) qt(1 - (1 - conf) / 2, df) else qnorm(1 - (1 - conf) / 2)
	z <- qnorm(1 - (1 - conf) / 2)
	down <- d - log1p(lo); up <- log1p(hi) - d
	nlo <- if (is.finite(down)) expm1(d - sqrt(down^2 + t^2 * v)) else -Inf
	nhi <- if (is.finite(up)) expm1(d + sqrt(up^2 + t^2 * v)) else Inf
	face <- if (d >= 0) down else up
	p <- p_in
	if (is.finite(face)) {
		se <- face / z
		half <- function(a) {
			za <- qnorm(a / 2, lower.tail = FALSE)
			ta <- if (is.finite(df)) qt(a / 2, df, lower.tail = FALSE) else za
			sqrt(se^2 * za^2 + v * ta^2)
		}
		pw <- if (d == 0) 1 else uniroot(function(la) log(half(exp(la))) - log(abs(d)),
						 c(log(1e-300), log(1 - 1e-15)), tol = 1e-13)$root
		if (d != 0) pw <- exp(pw)
		p <- if (is.nan(p_in)) pw else max(p_in, pw)
	}
	c(nlo, nhi, p)
}
wcases <- list(
	list("symmetric", 0.05, 0.03, 0.07, 0.001, 1e-4, 8, 0.95),
	list("skewed", 0.10, 0.02, 0.25, 0.01, 4e-4, 4, 0.95),
	list("negative", -0.04, -0.06, -0.01, 0.02, 2e-4, 12, 0.95),
	list("normal_df", 0.02, 0.005, 0.035, 0.01, 5e-5, Inf, 0.95),
	list("conf90", 0.03, 0.01, 0.05, 0.004, 1e-4, 6, 0.90),
	list("infinite_hi", 0.30, 0.05, Inf, 0.03, 1e-3, 8, 0.95),
	list("zero_change", 0, -0.01, 0.01, 1, 1e-4, 8, 0.95),
	list("p_in_nan", 0.08, 0.06, 0.10, NaN, 1e-4, 8, 0.95),
	list("tiny_p", 0.5, 0.45, 0.55, 1e-300, 1e-6, 20, 0.95)
)
rows <- character()
for (w in wcases) {
	r <- widen(w[[2]], w[[3]], w[[4]], w[[5]], w[[6]], w[[7]], w[[8]])
	rows <- c(rows, paste(w[[1]], fmt(w[[2]]), fmt(w[[3]]), fmt(w[[4]]), fmt(w[[5]]),
			      fmt(w[[6]]), fmt(w[[7]]), fmt(w[[8]]), fmt(r[1]), fmt(r[2]),
			      fmt(r[3]), sep = "\t"))
}
out("widen.tsv", "name\testimate\tlo\thi\tp_in\textra_var\tdf\tconfidence\tlo_out\thi_out\tp_out", rows)
