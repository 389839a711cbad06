/* What the simulator's files share: sim.c runs the first scenarios and calls the others. */
#ifndef BENCHGATE_SIM_H
#define BENCHGATE_SIM_H

/* Print "sim: what" on stderr and return -1. */
int sim_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * The run-to-run noise scenarios of sim_runs.c, about reps benchmarks each, seeded
 * from seed; adds each target to *nmet or *nmissed. 0, or -1 after sim_error.
 */
int sim_runs(unsigned long seed, unsigned long reps, int *nmet, int *nmissed);

/*
 * The pull requests of sim_history.c (one job a side, history, machine-wide shifts),
 * reps / 2 of them a scenario, seeded from seed + 200; adds each target to *nmet or
 * *nmissed. 0, or -1 after sim_error.
 */
int sim_history(unsigned long seed, unsigned long reps, int *nmet, int *nmissed);

#endif
