/*
 * sendloop: the raw baseline of ReviewRoom's load benchmark ("limit").
 *
 * Writes the same frames the daemon would fan out in scenario e -- one WebSocket text frame
 * holding a note.op event -- with a plain send() per frame, round-robin over N loopback TCP
 * connections, for S seconds. A second thread drains the other ends with epoll so the
 * kernel buffers never stall the writer. Reports frames/s and the writer thread's CPU
 * seconds per 1,000 frames (so "frames per core-second" = 1000 / cpuSecPer1kFrames),
 * as one JSON line in the shape of reviewroom-bench's.
 *
 * Usage: sendloop [connections] [seconds]      (defaults 2000 and 5)
 * Loopback only; stops by itself after the given seconds.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static atomic_int stop_reading;
static int *client_fds;
static int connections;

static double now_seconds(clockid_t clock) {
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what) {
    fprintf(stderr, "sendloop: %s: %s\n", what, strerror(errno));
    exit(1);
}

/* Drains every client socket until told to stop. */
static void *reader(void *unused) {
    (void)unused;
    int ep = epoll_create1(0);
    if (ep < 0) die("epoll_create1");
    for (int i = 0; i < connections; i++) {
        struct epoll_event ev = {.events = EPOLLIN, .data.fd = client_fds[i]};
        if (epoll_ctl(ep, EPOLL_CTL_ADD, client_fds[i], &ev) < 0) die("epoll_ctl");
    }
    static char buffer[1 << 16];
    struct epoll_event events[256];
    while (!atomic_load(&stop_reading)) {
        int n = epoll_wait(ep, events, 256, 50);
        for (int i = 0; i < n; i++) {
            while (recv(events[i].data.fd, buffer, sizeof buffer, MSG_DONTWAIT) > 0) {}
        }
    }
    close(ep);
    return NULL;
}

int main(int argc, char **argv) {
    connections = argc > 1 ? atoi(argv[1]) : 2000;
    double seconds = argc > 2 ? atof(argv[2]) : 5;
    if (connections < 1 || connections > 100000 || seconds <= 0 || seconds > 600) {
        fprintf(stderr, "sendloop: connections must be 1..100000 and seconds 0..600, not %s %s\n",
                argc > 1 ? argv[1] : "", argc > 2 ? argv[2] : "");
        return 2;
    }
    struct rlimit limit;
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }

    /* The frame: a note.op event as the daemon encodes it, behind a WebSocket text header. */
    const char *payload =
        "{\"type\":\"event\",\"seq\":12345,\"at\":\"2026-11-29T10:00:01.004Z\",\"name\":\"note.op\","
        "\"data\":{\"note\":\"evidence\",\"rev\":6789,\"op\":[1234,\"e\",567],\"by\":\"p_3f9a2c\",\"opId\":\"b42\"}}";
    size_t payload_len = strlen(payload);
    unsigned char frame[512];
    size_t header = payload_len < 126 ? 2 : 4;
    frame[0] = 0x81;
    if (header == 2) {
        frame[1] = (unsigned char)payload_len;
    } else {
        frame[1] = 126;
        frame[2] = (unsigned char)(payload_len >> 8);
        frame[3] = (unsigned char)(payload_len & 0xff);
    }
    memcpy(frame + header, payload, payload_len);
    size_t frame_len = header + payload_len;

    int listener = socket(AF_INET, SOCK_STREAM, 0);
    if (listener < 0) die("socket");
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = 0};
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(listener, (struct sockaddr *)&addr, sizeof addr) < 0) die("bind");
    if (listen(listener, 4096) < 0) die("listen");
    socklen_t addr_len = sizeof addr;
    getsockname(listener, (struct sockaddr *)&addr, &addr_len);

    client_fds = calloc((size_t)connections, sizeof(int));
    int *server_fds = calloc((size_t)connections, sizeof(int));
    if (!client_fds || !server_fds) die("calloc");
    for (int i = 0; i < connections; i++) {
        client_fds[i] = socket(AF_INET, SOCK_STREAM, 0);
        if (client_fds[i] < 0) die("socket (raise ulimit -n)");
        if (connect(client_fds[i], (struct sockaddr *)&addr, sizeof addr) < 0) die("connect");
        server_fds[i] = accept(listener, NULL, NULL);
        if (server_fds[i] < 0) die("accept");
        int one = 1;
        setsockopt(server_fds[i], IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    }

    pthread_t thread;
    if (pthread_create(&thread, NULL, reader, NULL) != 0) die("pthread_create");

    unsigned long long bytes = 0;
    double wall_start = now_seconds(CLOCK_MONOTONIC);
    double cpu_start = now_seconds(CLOCK_THREAD_CPUTIME_ID);
    double deadline = wall_start + seconds;
    for (int round = 0;; round++) {
        for (int i = 0; i < connections; i++) {
            ssize_t n = send(server_fds[i], frame, frame_len, MSG_DONTWAIT | MSG_NOSIGNAL);
            if (n > 0) bytes += (unsigned long long)n;
        }
        if ((round & 7) == 0 && now_seconds(CLOCK_MONOTONIC) >= deadline) break;
    }
    double cpu = now_seconds(CLOCK_THREAD_CPUTIME_ID) - cpu_start;
    double wall = now_seconds(CLOCK_MONOTONIC) - wall_start;
    atomic_store(&stop_reading, 1);
    pthread_join(thread, NULL);

    double frames = (double)bytes / (double)frame_len;
    printf("{\"bench\":\"limit\",\"scenario\":\"e\",\"sessions\":0,\"clients\":%d,\"p50Ms\":0,\"p90Ms\":0,"
           "\"p99Ms\":0,\"maxMs\":0,\"framesPerSec\":%.0f,\"editsPerSec\":0,\"errors\":0,"
           "\"cpuSecPer1kFrames\":%.6f,\"rssBytesPerConn\":0,\"framesPerCoreSec\":%.0f}\n",
           connections, frames / wall, cpu * 1000 / frames, frames / cpu);
    for (int i = 0; i < connections; i++) {
        close(client_fds[i]);
        close(server_fds[i]);
    }
    close(listener);
    return 0;
}
