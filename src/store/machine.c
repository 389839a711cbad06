/* What benchgate records of the machine a baseline is saved on. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "benchgate/store.h"

/* The Makefile defines it; the fallback keeps a stray compile working. */
#ifndef BG_VERSION
#define BG_VERSION "0.0.0"
#endif

/* Latest time printable with a four-digit year: 9999-12-31T23:59:59Z. */
#define MAX_EPOCH 253402300799LL

/* A new JSON string, or null when s is NULL or not valid UTF-8. */
static json_t *str_or_null(const char *s)
{
	json_t *v = s ? json_string(s) : NULL;

	return v ? v : json_null();
}

/* Strip trailing white space (and the newline fgets keeps) in place. */
static void rstrip(char *s)
{
	size_t n = strlen(s);

	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
}

/*
 * The value of KEY=VALUE in an os-release file, unquoted (shell-style double or
 * single quotes, backslash escapes inside double quotes). New string, or NULL.
 */
static char *os_release_value(const char *path, const char *key)
{
	FILE *f = fopen(path, "r");
	size_t klen = strlen(key);
	char line[1024], *r = NULL;

	if (!f)
		return NULL;
	while (fgets(line, sizeof(line), f)) {
		char *v = line + klen + 1, *w;
		char quote = 0;

		if (strncmp(line, key, klen) || line[klen] != '=')
			continue;
		rstrip(v);
		if (*v == '"' || *v == '\'')
			quote = *v++;
		r = w = bg_malloc(strlen(v) + 1);
		for (; *v && *v != quote; v++) {
			if (quote == '"' && *v == '\\' && v[1])
				v++;
			*w++ = *v;
		}
		*w = '\0';
		break;
	}
	fclose(f);
	return r;
}

/* The first "model name" of /proc/cpuinfo. New string, or NULL when absent. */
static char *cpu_model(void)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	char line[1024], *r = NULL;

	if (!f)
		return NULL;
	while (fgets(line, sizeof(line), f)) {
		char *colon = strchr(line, ':');
		size_t klen;

		if (!colon)
			continue;
		for (klen = (size_t)(colon - line); klen && isspace((unsigned char)line[klen - 1]);)
			klen--;
		if (klen != 10 || strncmp(line, "model name", 10))
			continue;
		colon++;
		while (isspace((unsigned char)*colon))
			colon++;
		rstrip(colon);
		if (*colon)
			r = bg_strdup(colon);
		break;
	}
	fclose(f);
	return r;
}

/* SOURCE_DATE_EPOCH when it is a plain decimal integer in range, else the clock. */
static time_t now(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (s && *s && isdigit((unsigned char)*s)) {
		errno = 0;
		v = strtoll(s, &end, 10);
		if (!errno && !*end && v <= MAX_EPOCH)
			return (time_t)v;
	}
	return time(NULL);
}

json_t *bg_machine_collect(void)
{
	json_t *m = json_object();
	struct utsname u;
	int have_uname = uname(&u) == 0;
	char host[256], when[32];
	char *os, *cpu;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	time_t t = now();
	struct tm tm;

	if (gethostname(host, sizeof(host)) == 0) {
		host[sizeof(host) - 1] = '\0';
		json_object_set_new(m, "host", str_or_null(host));
	} else {
		json_object_set_new(m, "host", json_null());
	}

	os = os_release_value("/etc/os-release", "PRETTY_NAME");
	if (!os)
		os = os_release_value("/usr/lib/os-release", "PRETTY_NAME");
	json_object_set_new(m, "os", str_or_null(os ? os : have_uname ? u.sysname : NULL));
	free(os);
	json_object_set_new(m, "kernel", str_or_null(have_uname ? u.release : NULL));
	json_object_set_new(m, "arch", str_or_null(have_uname ? u.machine : NULL));

	cpu = cpu_model();
	json_object_set_new(m, "cpu", str_or_null(cpu));
	free(cpu);
	json_object_set_new(m, "cores", cores > 0 ? json_integer(cores) : json_null());
	json_object_set_new(m, "benchgate_version", json_string(BG_VERSION));

	if (gmtime_r(&t, &tm) && strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm))
		json_object_set_new(m, "saved_at", json_string(when));
	else
		json_object_set_new(m, "saved_at", json_null());
	return m;
}
