# Make the statistics fixtures read by tests/unit/test_stats.c, with R alone (stats).
# Usage, from the repository root: Rscript tests/data/stats/make-fixtures.R
# Writes summary.tsv, quantile_ci.tsv, mannwhitney.tsv and change.tsv next to itself.
# Numbers are printed with %.17g; samples are comma-separated; Inf/-Inf/NaN as R prints.
set.seed(20240601)
dir <- "tests/data/stats"
fmt <- function(v) paste(sprintf("%.17g", v), collapse = ",")
out <- function(name, header, rows) {
	con <- file(file.path(dir, name), "w")
	writeLines(paste0("# ", header), con)
	writeLines(rows, con)
	close(con)
}

## Summaries: mean, sd (n - 1), min, max, quantile type 7, mad(constant = 1).
cases <- list(
	one = 3.5,
	two = c(2, 1),
	equal = rep(0.1, 7),
	zeros = rep(0, 5),
	zeros_some = c(0, 0, 0, 1, 2, 0, 5),
	negative = c(-3.2, 1.5, -0.25, 4, 2.75, -1),
	ties = c(1, 2, 2, 2, 3, 3, 4, 10),
	seven = c(12.5, 10.25, 11, 13.75, 9.5, 10.5, 30),
	norm20 = rnorm(20, 100, 5),
	lnorm100 = rlnorm(100, log(1e6), 0.1),
	unif1000 = runif(1000, 1, 2),
	exp333 = rexp(333, 1 / 50)
)
rows <- character()
for (nm in names(cases)) {
	x <- cases[[nm]]
	q <- quantile(x, c(0.5, 0.95, 0.99), type = 7, names = FALSE)
	s <- if (length(x) > 1) sd(x) else NaN
	rows <- c(rows, paste(nm, fmt(x), length(x), fmt(mean(x)), fmt(s), fmt(min(x)),
			      fmt(max(x)), fmt(q[1]), fmt(q[2]), fmt(q[3]),
			      fmt(mad(x, constant = 1)), sep = "\t"))
}
out("summary.tsv", "name\tvalues\tn\tmean\tsd\tmin\tmax\tmedian\tp95\tp99\tmad", rows)

## Order-statistic intervals for quantiles: 1-based ranks l, u (0 and n + 1 for an
## infinite bound) and the coverage P(l <= B <= u - 1), B ~ Bin(n, p).
rows <- character()
for (n in c(1, 2, 3, 5, 6, 8, 10, 11, 20, 30, 50, 59, 72, 100, 250, 368, 1000, 5000))
for (p in c(0.5, 0.95, 0.99))
for (conf in c(0.8, 0.9, 0.95, 0.99)) {
	# a tail equal to alpha / 2 counts as within it, whatever the rounding of
	# 1 - conf: a relative slack of 1e-9, as src/stats/summary.c does
	a <- (1 - conf) / 2 * (1 + 1e-9)
	# lower: largest l with P(B <= l - 1) <= a; qbinom gives the smallest k with
	# P(B <= k) >= a, so l = k unless P(B <= k) <= a
	k <- qbinom(a, n, p)
	l <- if (pbinom(k, n, p) <= a) k + 1 else k
	if (l > n) l <- n
	# upper: smallest u with P(B >= u) <= a, i.e. P(B <= u - 1) >= 1 - a
	u <- qbinom(1 - a, n, p) + 1
	# cross-check both by enumeration
	stopifnot(l == sum(pbinom(0:(n - 1), n, p) <= a))
	stopifnot(u == min(c(which(pbinom(0:(n - 1), n, p, lower.tail = FALSE) <= a), n + 1)))
	tl <- if (l >= 1) pbinom(l - 1, n, p) else 0
	tu <- if (u <= n) pbinom(u - 1, n, p, lower.tail = FALSE) else 0
	rows <- c(rows, paste(n, fmt(p), fmt(conf), l, u, fmt(1 - tl - tu), sep = "\t"))
}
out("quantile_ci.tsv", "n\tp\tconfidence\tl\tu\tlevel", rows)

## Mann-Whitney: wilcox.test(x, y, exact = NULL, correct = TRUE)$p.value, two-sided.
mw <- list()
add <- function(name, x, y) mw[[length(mw) + 1]] <<- list(name = name, x = x, y = y)
for (n in c(3:12, 15, 20, 25, 30, 35, 40, 45, 49))
	add(sprintf("exact_%d", n), rnorm(n), rnorm(n, runif(1, 0, 1.5)))
add("exact_3_49", rnorm(3), rnorm(49, 0.5))
add("exact_49_4", rnorm(49), rnorm(4, 1))
add("exact_10_40", rexp(10), rexp(40, 0.7))
add("exact_1_1", 1.5, 2.5)
add("exact_1_10", 0.5, rnorm(10))
add("exact_2_3", c(1, 2), c(3, 4, 5))
add("exact_49_49_shift", rnorm(49), rnorm(49, 0.3))
add("exact_separated_49", 1:49 + 0.5, 100:148 + 0.25)
add("exact_separated_5", c(1, 2, 3, 4, 5), c(6, 7, 8, 9, 10))
add("normal_49_50", rnorm(49), rnorm(50, 0.3))
add("normal_50_50", rnorm(50), rnorm(50, 0.2))
add("normal_100_100", rlnorm(100, 0, 0.1), rlnorm(100, 0.02, 0.1))
add("normal_150_200", rnorm(150), rnorm(200, 0.1))
add("normal_200_200", rnorm(200, 10), rnorm(200, 10.05))
add("normal_200_30", rnorm(200), rnorm(30, -0.4))
add("ties_small", c(1, 2, 2, 3), c(2, 3, 3, 4, 5))
add("ties_rounded_20", round(rnorm(20), 1), round(rnorm(20, 0.5), 1))
add("ties_rounded_45", round(rnorm(45), 0), round(rnorm(40, 0.3), 0))
add("ties_rounded_200", round(rnorm(200, 5), 1), round(rnorm(200, 5.1), 1))
add("ties_ints_100", sample(1:10, 100, TRUE), sample(2:11, 100, TRUE))
add("ties_one_value_shared", c(rep(5, 10), 6), c(rep(5, 12), 4))
add("identical_1_10", 1:10, 1:10)
add("identical_rnorm_30", (function(v) v)(rnorm(30)) -> idv, idv)
add("separated_200", rnorm(200, 0), rnorm(200, 100))
add("separated_ties_100", rep(1:10, 10), rep(101:110, 10))
rows <- character()
for (cs in mw) {
	p <- suppressWarnings(wilcox.test(cs$x, cs$y, exact = NULL, correct = TRUE)$p.value)
	rows <- c(rows, paste(cs$name, fmt(cs$x), fmt(cs$y), fmt(p), sep = "\t"))
}
out("mannwhitney.tsv", "name\tx\ty\tp_value", rows)

## Relative change of a statistic with its interval: an R transcription of
## docs/statistics.md. The median: Hodges-Lehmann shift of the logs with its
## Mann-Whitney (Moses) interval, R's wilcox.test itself in the exact case (Price-Bonett
## when a sample is not all positive); p95/p99: order statistics one standard
## deviation around the quantile, combined by MOVER; the mean: delta method + Welch.
# the k-th (1-based) ranks of the Moses interval from the normal approximation with
# tie and continuity correction, as src/stats/shift.c
moses_q <- function(x, y, conf) {
	m <- length(x); n <- length(y); N <- m + n
	t <- table(c(x, y))
	v <- m * n / 12 * ((N + 1) - sum(t^3 - t) / (N * (N - 1)))
	if (!(v > 0)) return(NA)
	q <- ceiling(m * n / 2 - 0.5 + qnorm((1 - conf) / 2) * sqrt(v))
	if (q < 1) NA else q
}
hl_change <- function(b, cu, conf) {
	lb <- log(b); lc <- log(cu)
	d <- sort(outer(lc, lb, "-"))
	est <- median(d)
	exact <- length(lb) < 50 && length(lc) < 50 && length(unique(c(lb, lc))) == length(c(lb, lc))
	p <- suppressWarnings(wilcox.test(cu, b, exact = NULL, correct = TRUE)$p.value)
	if (is.nan(p)) p <- 1   # every value equal: benchgate says 1
	# both samples constant: every difference is the same, surely
	if (length(unique(lb)) == 1 && length(unique(lc)) == 1) return(c(expm1(est), expm1(est), expm1(est), p))
	if (exact) {
		w <- suppressWarnings(wilcox.test(lc, lb, conf.int = TRUE, conf.level = conf))
		stopifnot(abs(w$estimate - est) < 1e-12)
		q <- qwilcox((1 - conf) / 2, length(lc), length(lb))
		if (q == 0) return(c(expm1(est), -Inf, Inf, p))
		ci <- w$conf.int
		stopifnot(ci[1] == d[q], ci[2] == d[length(d) - q + 1])
	} else {
		q <- moses_q(lb, lc, conf)
		if (is.na(q)) return(c(expm1(est), -Inf, Inf, p))
		ci <- c(d[q], d[length(d) - q + 1])
	}
	c(expm1(est), min(expm1(ci[1]), expm1(est)), max(expm1(ci[2]), expm1(est)), p)
}
os_pair <- function(x, stat, level = 0.95) {
	n <- length(x)
	if (stat == "median") {
		cc <- max(round((n + 1) / 2 - sqrt(n)), 1)   # R rounds half to even
		l <- cc; u <- n - cc + 1
		tl <- tu <- pbinom(cc - 1, n, 0.5)
	} else {
		p <- if (stat == "p95") 0.95 else 0.99
		a <- (1 - level) / 2 * (1 + 1e-9)
		k <- qbinom(a, n, p)
		l <- if (pbinom(k, n, p) <= a) k + 1 else k
		u <- qbinom(1 - a, n, p) + 1
		tl <- if (l >= 1) pbinom(l - 1, n, p) else 0
		tu <- if (u <= n) pbinom(u - 1, n, p, lower.tail = FALSE) else 0
	}
	ok <- l >= 1 && u <= n && l < u && tl > 0 && tl < 0.5 && tu > 0 && tu < 0.5
	list(ok = ok, lo = if (ok) x[l] else NA, hi = if (ok) x[u] else NA,
	     zlo = if (ok) qnorm(tl, lower.tail = FALSE) else NA,
	     zhi = if (ok) qnorm(tu, lower.tail = FALSE) else NA,
	     zsum = if (ok) qnorm(tl, lower.tail = FALSE) + qnorm(tu, lower.tail = FALSE) else NA)
}
change <- function(stat, b, cu, conf) {
	b <- sort(b); cu <- sort(cu)
	pr <- c(median = 0.5, p95 = 0.95, p99 = 0.99)
	st <- function(x) if (stat == "mean") mean(x) else quantile(x, pr[[stat]], type = 7, names = FALSE)
	sb <- st(b); sc <- st(cu)
	mwp <- suppressWarnings(wilcox.test(cu, b, exact = NULL, correct = TRUE)$p.value)
	if (is.nan(mwp)) mwp <- 1   # every value equal: benchgate says 1
	if (stat == "median" && all(b > 0) && all(cu > 0)) return(hl_change(b, cu, conf))
	pv <- if (stat == "median") mwp else NaN
	if (sb == 0) {
		if (sc == 0 && length(unique(c(b, cu))) == 1) return(c(0, 0, 0, pv))
		return(c(if (sc == 0) 0 else NaN, -Inf, Inf, pv))
	}
	est <- (sc - sb) / sb
	if (stat %in% c("p95", "p99")) {
		pr1 <- pr[[stat]]
		full <- function(x) {
			# the distribution-free interval at conf exists on this side
			n <- length(x); a <- (1 - conf) / 2 * (1 + 1e-9)
			k <- qbinom(a, n, pr1); l <- if (pbinom(k, n, pr1) <= a) k + 1 else k
			u <- qbinom(1 - a, n, pr1) + 1
			l >= 1 && u <= n
		}
		pb <- os_pair(b, stat, 0.6827); pc <- os_pair(cu, stat, 0.6827)
		if (!pb$ok || !pc$ok || !full(b) || !full(cu)) return(c(est, -Inf, Inf, NaN))
		lg <- sb > 0 && sc > 0 && pb$lo > 0 && pc$lo > 0 &&
			os_pair(b, stat, conf)$lo > 0 && os_pair(cu, stat, conf)$lo > 0
		f <- if (lg) log else identity
		bb <- (f(sb) - f(pb$lo)) / pb$zlo; ba <- (f(pb$hi) - f(sb)) / pb$zhi
		cb <- (f(sc) - f(pc$lo)) / pc$zlo; ca <- (f(pc$hi) - f(sc)) / pc$zhi
		# ties: a zero distance takes the order statistic at the confidence asked for
		wb <- os_pair(b, stat, conf); wc <- os_pair(cu, stat, conf)
		if (bb == 0) bb <- (f(sb) - f(wb$lo)) / wb$zlo
		if (ba == 0) ba <- (f(wb$hi) - f(sb)) / wb$zhi
		if (cb == 0) cb <- (f(sc) - f(wc$lo)) / wc$zlo
		if (ca == 0) ca <- (f(wc$hi) - f(sc)) / wc$zhi
		crit <- qnorm(1 - (1 - conf) / 2)
		down <- crit * sqrt(cb^2 + ba^2); up <- crit * sqrt(ca^2 + bb^2)
		d <- f(sc) - f(sb)
		se <- if (d >= 0) sqrt(cb^2 + ba^2) else sqrt(ca^2 + bb^2)
		pv <- if (se > 0) 2 * pnorm(abs(d) / se, lower.tail = FALSE) else if (d == 0) 1 else 0
		if (lg) {
			ci <- expm1(d + c(-down, up))
		} else {
			ci <- sort((d + c(-down, up)) / sb)
		}
		return(c(est, min(ci[1], est), max(ci[2], est), pv))
	}
	if (stat == "mean") {
		if (length(b) < 2 || length(cu) < 2) return(c(est, -Inf, Inf, NaN))
		lg <- sb > 0 && sc > 0
		vb <- var(b) / length(b) / (if (lg) sb^2 else 1)
		vc <- var(cu) / length(cu) / (if (lg) sc^2 else 1)
		df <- (vb + vc)^2 / (vb^2 / (length(b) - 1) + vc^2 / (length(cu) - 1))
		crit <- if (vb + vc > 0) qt(1 - (1 - conf) / 2, df) else 0
		d <- if (lg) log(sc) - log(sb) else sc - sb
		pv <- if (vb + vc > 0) 2 * pt(abs(d) / sqrt(vb + vc), df, lower.tail = FALSE) else if (sc == sb) 1 else 0
	} else {
		pb <- os_pair(b, stat); pc <- os_pair(cu, stat)
		if (!pb$ok || !pc$ok) return(c(est, -Inf, Inf, pv))
		lg <- sb > 0 && sc > 0 && pb$lo > 0 && pc$lo > 0
		f <- if (lg) log else identity
		vb <- ((f(pb$hi) - f(pb$lo)) / pb$zsum)^2
		vc <- ((f(pc$hi) - f(pc$lo)) / pc$zsum)^2
		crit <- qnorm(1 - (1 - conf) / 2)
	}
	h <- crit * sqrt(vb + vc)
	if (lg) {
		ci <- exp(log(sc) - log(sb) + c(-h, h)) - 1
	} else {
		ci <- sort((sc - sb + c(-h, h)) / sb)
	}
	c(est, min(ci[1], est), max(ci[2], est), pv)
}
ch <- list()
addc <- function(name, stat, conf, b, cu) ch[[length(ch) + 1]] <<- list(name = name,
	stat = stat, conf = conf, b = b, cu = cu)
# the example of statpsych's ci.ratio.median2 (Bonett and Price 2020): y1 current, y2 base
addc("statpsych_example", "median", 0.95, c(32, 39, 26, 35, 43, 27, 40, 37, 34, 29, 49, 42, 40),
     c(36, 44, 47, 42, 49, 39, 46, 31, 33, 48))
addc("median_lnorm_30", "median", 0.95, rlnorm(30, 0, 0.1), rlnorm(30, log(1.05), 0.1))
addc("median_lnorm_100_99", "median", 0.99, rlnorm(100, 3, 0.2), rlnorm(100, 3, 0.2))
addc("median_unequal_7_64", "median", 0.9, rlnorm(7, 1, 0.3), rlnorm(64, 0.9, 0.3))
addc("median_n2", "median", 0.95, c(1, 1.2), c(1.1, 1.3))
addc("median_n1", "median", 0.95, 1, 1.1)
addc("median_16_perfect_square", "median", 0.95, rexp(16), rexp(16))
addc("median_zeros_linear", "median", 0.95, c(0, 0, 1, 2, 2, 3, 4, 4, 5, 9), c(0, 1, 1, 2, 3, 3, 4, 6, 7, 8))
addc("median_negative_base", "median", 0.95, rnorm(25, -10), rnorm(25, -9))
addc("median_all_zero", "median", 0.95, rep(0, 10), rep(0, 12))
addc("median_zero_base", "median", 0.95, c(0, 0, 0, 0, 1), c(1, 2, 3))
addc("median_constant", "median", 0.95, rep(5, 10), rep(6, 10))
addc("p95_lnorm_100", "p95", 0.95, rlnorm(100, 0, 0.1), rlnorm(100, 0.05, 0.1))
addc("p95_lnorm_250_90", "p95", 0.9, rlnorm(250, 0, 0.3), rlnorm(250, 0, 0.3))
addc("p95_too_few_50", "p95", 0.95, rlnorm(50), rlnorm(50))
addc("p99_lnorm_400", "p99", 0.95, rlnorm(400, 0, 0.1), rlnorm(400, 0.05, 0.1))
addc("p99_too_few_300", "p99", 0.95, rlnorm(300), rlnorm(300))
addc("mean_norm_30", "mean", 0.95, rnorm(30, 100, 3), rnorm(30, 104, 6))
addc("mean_unequal_5_80", "mean", 0.99, rnorm(5, 50, 1), rnorm(80, 49, 4))
addc("mean_with_zeros", "mean", 0.95, c(0, 0, 1, 3), c(0, 2, 2, 5, 1))
addc("mean_to_zero_linear", "mean", 0.95, c(1, 2, 3), c(-1, 0, 1))
addc("mean_negative", "mean", 0.95, rnorm(20, -5), rnorm(20, 1))
addc("mean_n1", "mean", 0.95, 3, c(3, 4))
# added with the Hodges-Lehmann median and the MOVER tails (after the cases above, so
# their random draws are unchanged)
addc("median_hl_3_3", "median", 0.95, rlnorm(3), rlnorm(3))
addc("median_hl_4_6", "median", 0.95, rlnorm(4), rlnorm(6, 0.5))
addc("median_hl_10_10", "median", 0.95, rlnorm(10, 0, 0.1), rlnorm(10, log(1.3), 0.1))
addc("median_hl_49_49", "median", 0.99, rlnorm(49, 0, 0.2), rlnorm(49, 0.05, 0.2))
addc("median_hl_49_50", "median", 0.95, rlnorm(49, 0, 0.2), rlnorm(50, 0.05, 0.2))
addc("median_hl_200_150", "median", 0.95, rlnorm(200, 2, 0.05), rlnorm(150, 2.01, 0.05))
addc("median_hl_ties_coarse", "median", 0.95, round(rlnorm(20, log(20), 0.1)), round(rlnorm(20, log(26), 0.1)))
addc("median_hl_ties_100", "median", 0.9, round(rlnorm(100, log(50), 0.1)), round(rlnorm(100, log(51), 0.1)))
addc("median_hl_identical", "median", 0.95, rep(2, 8), rep(2, 8))
addc("p95_lnorm_200", "p95", 0.95, rlnorm(200, 0, 0.1), rlnorm(200, 0.1, 0.1))
addc("p95_mixture_200", "p95", 0.95, c(rlnorm(190, 0, 0.1), rlnorm(10, 0.8, 0.1)), rlnorm(200, 0, 0.1))
addc("p95_negative_100", "p95", 0.95, rnorm(100), rnorm(100, 0.2))
addc("p99_lnorm_500", "p99", 0.95, rlnorm(500, 0, 0.1), rlnorm(500, 0.05, 0.1))
addc("p99_too_few_367", "p99", 0.95, rlnorm(367), rlnorm(367))
addc("p99_enough_368", "p99", 0.95, rlnorm(368), rlnorm(368))
# ties from a coarse clock, the order statistics next to the quantile equal to it (no
# random draws, so the sections below keep theirs)
addc("p95_ties_coarse_200", "p95", 0.95, rep(c(18, 19, 20, 21, 22, 23, 25), c(20, 40, 50, 40, 25, 20, 5)),
     rep(c(19, 20, 21, 22, 23, 24, 26), c(15, 35, 50, 45, 30, 20, 5)))
addc("p99_ties_coarse_400", "p99", 0.95, rep(c(9, 10, 11, 12, 14), c(100, 200, 80, 12, 8)),
     rep(c(9, 10, 11, 12, 15), c(90, 200, 90, 12, 8)))
rows <- character()
for (cs in ch) {
	r <- change(cs$stat, cs$b, cs$cu, cs$conf)
	rows <- c(rows, paste(cs$name, cs$stat, fmt(cs$conf), fmt(cs$b), fmt(cs$cu),
			      fmt(r[1]), fmt(r[2]), fmt(r[3]), fmt(r[4]), sep = "\t"))
}
out("change.tsv", "name\tstatistic\tconfidence\tbase\tcurrent\testimate\tlo\thi\tp_value", rows)

## (added for issue 3, after everything above so that its random draws are unchanged)
nan <- function(v) ifelse(is.na(v), NaN, v)

## Hodges-Lehmann shift of y against x with its Mann-Whitney (Moses) interval, on the
## raw values (src/stats/shift.c): wilcox.test(y, x, conf.int = TRUE) itself in the
## exact case (both below 50, no ties), the same ranks from the normal approximation
## with tie and continuity correction otherwise. level is the confidence achieved.
hl <- list()
addh <- function(name, x, y, conf) hl[[length(hl) + 1]] <<- list(name = name, x = x, y = y, conf = conf)
addh("exact_5_7", rnorm(5), rnorm(7, 1), 0.95)
addh("exact_10_10", rnorm(10), rnorm(10, 0.5), 0.95)
addh("exact_3_3_no_bound", rnorm(3), rnorm(3), 0.95)
addh("exact_4_4_80", rnorm(4), rnorm(4), 0.8)
addh("exact_20_30_99", rexp(20), rexp(30, 0.5), 0.99)
addh("exact_49_49", rnorm(49), rnorm(49, 0.2), 0.95)
addh("exact_1_12_no_bound", 0.3, rnorm(12), 0.9)
addh("exact_negative_6_9", rnorm(6, -5), rnorm(9, -4), 0.9)
addh("normal_50_50", rnorm(50), rnorm(50, 0.3), 0.95)
addh("normal_200_200", rnorm(200, 10), rnorm(200, 10.1), 0.95)
addh("normal_150_60", rlnorm(150), rlnorm(60, 0.2), 0.9)
addh("normal_3_120", rnorm(3), rnorm(120), 0.95)
addh("ties_20_20", round(rnorm(20), 1), round(rnorm(20, 0.3), 1), 0.95)
addh("ties_ints_100_120", sample(1:10, 100, TRUE), sample(2:11, 120, TRUE), 0.95)
addh("ties_negative_8_9", c(-2, -1, -1, 0, 0, 1, 2, 3), c(-1, 0, 0, 1, 1, 2, 3, 3, 4), 0.95)
rows <- character()
for (cs in hl) {
	x <- sort(cs$x); y <- sort(cs$y); m <- length(x); n <- length(y); conf <- cs$conf
	d <- sort(outer(y, x, "-"))
	est <- median(d)
	exact <- m < 50 && n < 50 && length(unique(c(x, y))) == m + n
	lo <- -Inf; hi <- Inf; level <- conf
	if (exact) {
		w <- suppressWarnings(wilcox.test(y, x, conf.int = TRUE, conf.level = conf))
		stopifnot(abs(w$estimate - est) < 1e-12)
		q <- qwilcox((1 - conf) / 2, m, n)
		if (q > 0) {
			stopifnot(w$conf.int[1] == d[q], w$conf.int[2] == d[m * n - q + 1])
			lo <- d[q]; hi <- d[m * n - q + 1]
			level <- 1 - 2 * pwilcox(q - 1, m, n)
		}
	} else {
		q <- moses_q(x, y, conf)
		if (!is.na(q)) {
			N <- m + n; t <- table(c(x, y))
			v <- m * n / 12 * ((N + 1) - sum(t^3 - t) / (N * (N - 1)))
			lo <- d[q]; hi <- d[m * n - q + 1]
			level <- 1 - 2 * pnorm((q - 0.5 - m * n / 2) / sqrt(v))
		}
	}
	rows <- c(rows, paste(cs$name, fmt(cs$x), fmt(cs$y), fmt(conf), fmt(est), fmt(lo),
			      fmt(hi), fmt(level), sep = "\t"))
}
out("hodges_lehmann.tsv", "name\tx\ty\tconfidence\testimate\tlo\thi\tlevel", rows)

## Kruskal-Wallis across runs: kruskal.test(x, factor(g)); every value equal gives NaN
## in R, and benchgate says p = 1 (nothing tells the runs apart), H NaN.
kw <- list()
addk <- function(name, x, g, k) kw[[length(kw) + 1]] <<- list(name = name, x = x, g = g, k = k)
addk("three_runs_20", rnorm(60), rep(0:2, each = 20), 3)
addk("five_runs_one_off", c(rnorm(80), rnorm(20, 1)), rep(0:4, each = 20), 5)
addk("unequal_runs", rnorm(33), c(rep(0, 10), rep(1, 20), rep(2, 3)), 3)
addk("ties_rounded", round(rnorm(50)), rep(0:4, 10), 5)
addk("two_runs_interleaved", rexp(30), rep(0:1, 15), 2)
addk("empty_runs_skipped", rnorm(30), rep(c(0, 2, 5), 10), 6)
addk("lognormal_5x100", rlnorm(500, 0, 0.02), rep(0:4, each = 100), 5)
addk("all_equal", rep(3, 12), rep(0:2, 4), 3)
rows <- character()
for (cs in kw) {
	r <- suppressWarnings(kruskal.test(cs$x, factor(cs$g)))
	h <- unname(r$statistic); p <- r$p.value
	if (is.nan(p)) { h <- NaN; p <- 1 }
	rows <- c(rows, paste(cs$name, fmt(cs$x), paste(cs$g, collapse = ","), cs$k, fmt(h),
			      fmt(p), sep = "\t"))
}
out("kruskal.tsv", "name\tx\tgroups\tngroups\th\tp_value", rows)

## Benjamini-Hochberg: p.adjust(p, "BH"); NA (written NaN) is left out of the count.
bh <- list()
addb <- function(name, p) bh[[length(bh) + 1]] <<- list(name = name, p = p)
addb("mixed_6", c(0.01, 0.04, 0.03, 0.2, 0.5, 0.001))
addb("with_missing", c(0.02, NA, 0.01, 0.5, NA, 0.03))
addb("ties", c(0.01, 0.01, 0.01, 0.9))
addb("one", 0.3)
addb("all_small", c(1e-10, 1e-8, 1e-12, 0))
addb("uniform_100", runif(100))
addb("mixture_200", c(runif(180), rbeta(20, 0.1, 10)))
rows <- character()
for (cs in bh)
	rows <- c(rows, paste(cs$name, fmt(nan(cs$p)), fmt(nan(p.adjust(cs$p, "BH"))), sep = "\t"))
out("bh.tsv", "name\tp\tq", rows)

## Shape: Tukey's fences on type 7 quartiles (mild beyond 1.5 IQR, severe beyond 3),
## robust CV mad(x) / |median(x)| (mad's constant 1.4826), Sarle's bimodality
## coefficient of the values within the 3 IQR fences with SAS's bias-corrected
## skewness G1 and excess kurtosis G2: (G1^2 + 1) / (G2 + 3 (m - 1)^2 / ((m - 2)(m - 3))).
shape <- function(x) {
	q <- quantile(x, c(0.25, 0.75), type = 7, names = FALSE); iqr <- q[2] - q[1]
	sev <- sum(x < q[1] - 3 * iqr | x > q[2] + 3 * iqr)
	mild <- sum(x < q[1] - 1.5 * iqr | x > q[2] + 1.5 * iqr) - sev
	rcv <- if (median(x) != 0) mad(x) / abs(median(x)) else NaN
	y <- x[x >= q[1] - 3 * iqr & x <= q[2] + 3 * iqr]; m <- length(y); bc <- NaN
	if (m >= 4) {
		d <- y - mean(y); m2 <- mean(d^2); m3 <- mean(d^3); m4 <- mean(d^4)
		if (m2 > 0) {
			g1 <- m3 / m2^1.5; g2 <- m4 / m2^2 - 3
			G1 <- g1 * sqrt(m * (m - 1)) / (m - 2)
			G2 <- ((m + 1) * g2 + 6) * (m - 1) / ((m - 2) * (m - 3))
			bc <- (G1^2 + 1) / (G2 + 3 * (m - 1)^2 / ((m - 2) * (m - 3)))
		}
	}
	c(mild, sev, rcv, bc)
}
sh <- list()
adds <- function(name, x) sh[[length(sh) + 1]] <<- list(name = name, x = x)
adds("normal_50", rnorm(50, 100, 5))
adds("lognormal_outliers_100", c(rlnorm(96, log(100), 0.05), 160, 230, 60, 1000))
adds("bimodal_100", c(rnorm(50, 100, 2), rnorm(50, 130, 2)))
adds("uniform_200", runif(200))
adds("three", c(1, 2, 10))
adds("constant", rep(7, 9))
adds("zero_median", c(-1, 0, 0, 0, 2, 5))
adds("ties_coarse_40", round(rlnorm(40, log(20), 0.1)))
rows <- character()
for (cs in sh) {
	r <- shape(cs$x)
	rows <- c(rows, paste(cs$name, fmt(cs$x), r[1], r[2], fmt(r[3]), fmt(r[4]), sep = "\t"))
}
out("shape.tsv", "name\tx\tmild\tsevere\trobust_cv\tbimodality", rows)
