/*
 * threaded_fork.so: makes the processes a program forks multi-threaded, as a JVM always is.
 *
 * Loaded with LD_PRELOAD into the C reference (sockref), it wraps fork(): in each child it starts
 * one thread that only sleeps. Nothing else changes, but the kernel and the C library now take the
 * paths of a multi-threaded process on every read() and write(): the file reference is counted
 * (fdget/fput) because another thread could close the descriptor, and glibc switches the thread's
 * cancellation state around the call. tools/fidelity.py uses it to show how much of the gap between
 * the Java harness and C is the price of being a multi-threaded process, which no JVM can avoid.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void *sleeper(void *unused) {
    (void)unused;
    for (;;) pause();
    return NULL;
}

pid_t fork(void) {
    pid_t (*real_fork)(void) = (pid_t(*)(void))dlsym(RTLD_NEXT, "fork");
    if (real_fork == NULL) {
        fprintf(stderr, "threaded_fork: fork not found: %s\n", dlerror());
        abort();
    }
    pid_t pid = real_fork();
    if (pid == 0) {
        pthread_t thread;
        if (pthread_create(&thread, NULL, sleeper, NULL) != 0) {
            fprintf(stderr, "threaded_fork: cannot start the extra thread\n");
            _exit(1);
        }
        pthread_detach(thread);
    }
    return pid;
}
