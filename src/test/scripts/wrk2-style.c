/* A wrk2-style constant-rate HTTP/1.1 client, the reference for nexus's constant-rate http runs: one thread, N keep-alive
 * connections on one epoll set, request k due at start + k / rate, sent then on an idle connection (or as soon as one is
 * free), its latency counted from its due time; the loop polls (epoll_wait 0) when the next send is under 1 ms away.
 * Responses need a Content-Length (nginx's static files have one). Usage: wrk2-style HOST PORT PATH RATE CONNS SECONDS WARMUP_S
 * Prints "achieved_per_s p50_us p90_us p99_us p999_us count non2xx": the requests due after the warm-up, per second of
 * the time from the warm-up's end to the last one's answer (below RATE when it falls behind), their percentiles and
 * how many were answered with a status other than 2xx.
 * Built and run by measure-full-stack.sh (gcc -O2). */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

typedef struct { int fd, busy; int64_t due; char buf[65536]; size_t len; } conn;

static void fail(const char *what) { perror(what); exit(1); }

static int64_t now_ns(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1000000000LL + t.tv_nsec; }
static int cmp(const void *a, const void *b) { int64_t x = *(const int64_t *) a, y = *(const int64_t *) b; return x < y ? -1 : x > y; }

/* bytes of one whole response at the start of buf, or 0 while incomplete */
static size_t response_length(const char *buf, size_t len) {
  const char *end = memmem(buf, len, "\r\n\r\n", 4);
  if (!end) return 0;
  size_t head = (size_t) (end - buf) + 4, body = 0;
  for (const char *p = buf; p < end; p = (const char *) memmem(p, (size_t) (end + 2 - p), "\r\n", 2) + 2)
    if (strncasecmp(p, "Content-Length:", 15) == 0) body = strtoul(p + 15, NULL, 10);
  return len >= head + body ? head + body : 0;
}

int main(int argc, char **argv) {
  if (argc != 8) { fprintf(stderr, "usage: wrk2-style HOST PORT PATH RATE CONNS SECONDS WARMUP_S\n"); return 2; }
  double rate = atof(argv[4]);
  int n = atoi(argv[5]);
  if (rate <= 0 || n <= 0) { fprintf(stderr, "RATE and CONNS must be positive\n"); return 2; }
  int64_t interval = (int64_t) (1e9 / rate), warm = (int64_t) (atof(argv[7]) * 1e9), span = (int64_t) (atof(argv[6]) * 1e9);
  char req[512];
  int reqlen = snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: %s:%s\r\n\r\n", argv[3], argv[1], argv[2]);
  struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t) atoi(argv[2]))};
  if (inet_pton(AF_INET, argv[1], &addr.sin_addr) != 1) { fprintf(stderr, "HOST must be an IPv4 address\n"); return 2; }
  int ep = epoll_create1(0), one = 1;
  conn *c = calloc((size_t) n, sizeof *c);
  if (ep < 0 || !c) fail("setup");
  for (int i = 0; i < n; i++) {
    c[i].fd = socket(AF_INET, SOCK_STREAM, 0);
    if (c[i].fd < 0 || connect(c[i].fd, (struct sockaddr *) &addr, sizeof addr) != 0) fail("connect");
    setsockopt(c[i].fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct epoll_event ev = {.events = EPOLLIN, .data.u32 = (uint32_t) i};
    epoll_ctl(ep, EPOLL_CTL_ADD, c[i].fd, &ev);
  }
  size_t cap = (size_t) (rate * (atof(argv[6]) + 1)) + 16, count = 0, non2xx = 0;
  int64_t *lat = malloc(cap * sizeof *lat);
  if (!lat) fail("malloc");
  int64_t start = now_ns(), measure = start + warm, end = measure + span, k = 0, last_done = measure;
  int inflight = 0;
  struct epoll_event evs[64];
  for (;;) {
    int64_t t = now_ns();
    int64_t due = start + k * interval;
    for (int i = 0; i < n && due <= t && due < end; i++) {
      if (c[i].busy) continue;
      if (write(c[i].fd, req, (size_t) reqlen) != reqlen) fail("write");
      c[i].busy = 1; c[i].due = due; inflight++;
      k++; due = start + k * interval;
    }
    if (due >= end && inflight == 0) break;
    /* all connections busy: nothing to send until an answer comes (5 s: a lost answer ends the run) */
    int wait = inflight == n ? 5000 : due - t > 1000000 ? (int) ((due - t) / 1000000) : 0;
    int ready = epoll_wait(ep, evs, 64, wait);
    if (ready == 0 && inflight == n) { fprintf(stderr, "no answer for 5 s\n"); return 1; }
    for (int e = 0; e < ready; e++) {
      conn *x = &c[evs[e].data.u32];
      if (x->len == sizeof x->buf) { fprintf(stderr, "a response of 64 KiB or more\n"); return 1; }
      ssize_t r = read(x->fd, x->buf + x->len, sizeof x->buf - x->len);
      if (r <= 0) { fprintf(stderr, "connection closed\n"); return 1; }
      x->len += (size_t) r;
      size_t whole = response_length(x->buf, x->len);
      if (whole == 0) continue;
      int64_t done = now_ns();
      if (x->due >= measure && count < cap) {
        lat[count++] = done - x->due;
        last_done = done;
        if (x->len < 10 || x->buf[9] != '2') non2xx++; /* "HTTP/1.1 2xx" */
      }
      memmove(x->buf, x->buf + whole, x->len - whole); x->len -= whole;
      x->busy = 0; inflight--;
    }
  }
  if (count == 0) { fprintf(stderr, "no request was due after the warm-up\n"); return 1; }
  qsort(lat, count, sizeof *lat, cmp);
#define P(q) (lat[(size_t) ((q) * (double) (count - 1))] / 1e3)
  printf("%.0f %.1f %.1f %.1f %.1f %zu %zu\n", count / ((last_done - measure) / 1e9), P(0.5), P(0.9), P(0.99), P(0.999), count,
         non2xx);
  return 0;
}
