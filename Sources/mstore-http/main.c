// mstore-http: one HTTP GET for `mstore fetch` and `mstore update`, in a process of its own
// so that mstore itself never loads libcurl and its libraries.
//
// Reads the URL from standard input (never from the command line, where other users could
// see an API key), GETs it with libcurl and writes to standard output "STATUS <code>", one
// "name: value" line per header of the final answer, an empty line, then the body as it
// arrives, inflated when the publisher compresses it. Nothing is held: each chunk is written
// before the next is read, so a slow reader slows the transfer instead of filling memory.
//
// Exit 0: answered (any status); 2: no byte for --timeout seconds; 3: the request failed
// (message on standard error); 4: the body passed --max-bytes (inflated bytes counted);
// 5: standard output was closed; 64: bad usage.
#include <curl/curl.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void fail(int code, const char *message) {
    fprintf(stderr, "%s\n", message);
    exit(code);
}

static void emit(const char *bytes, size_t count) {
    size_t offset = 0;
    while (offset < count) {
        ssize_t n = write(1, bytes + offset, count - offset);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) exit(5);
        offset += (size_t)n;
    }
}

// The final answer's header lines ("name: value\n"), reset at each status line (redirects).
static char *head = NULL;
static size_t head_length = 0, head_capacity = 0;
static int head_sent = 0;
static long long received = 0, max_bytes = 512LL << 20;
static int too_large = 0;
static CURL *curl;

static void head_append(const char *bytes, size_t count) {
    if (head_length + count + 1 > head_capacity) {
        head_capacity = (head_length + count + 1) * 2;
        head = realloc(head, head_capacity);
        if (!head) fail(3, "out of memory");
    }
    memcpy(head + head_length, bytes, count);
    head_length += count;
}

static size_t on_header(char *line, size_t size, size_t count, void *context) {
    (void)context;
    size_t n = size * count;
    if (n >= 5 && memcmp(line, "HTTP/", 5) == 0) {
        head_length = 0;
        return n;
    }
    size_t length = n;
    while (length > 0 && (line[length - 1] == '\n' || line[length - 1] == '\r')) length--;
    if (length == 0 || memchr(line, ':', length) == NULL) return n;
    if (head_length > (1 << 20)) return n;  // a flood of headers is not kept
    for (size_t i = 0; i < length; i++)
        if (line[i] == '\n' || line[i] == '\r') line[i] = ' ';
    head_append(line, length);
    head_append("\n", 1);
    return n;
}

static void send_head(void) {
    if (head_sent) return;
    head_sent = 1;
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    char first[32];
    int length = snprintf(first, sizeof first, "STATUS %ld\n", status);
    emit(first, (size_t)length);
    if (head_length) emit(head, head_length);
    emit("\n", 1);
}

static size_t on_body(char *bytes, size_t size, size_t count, void *context) {
    (void)context;
    size_t n = size * count;
    send_head();
    received += (long long)n;
    if (received > max_bytes) {
        too_large = 1;
        return 0;  // ends the transfer
    }
    emit(bytes, n);
    return n;
}

int main(int argc, char **argv) {
    long timeout = 30;
    for (int i = 1; i < argc; i++) {
        char *end = NULL;
        if (strcmp(argv[i], "--timeout") == 0 && i + 1 < argc) {
            double value = strtod(argv[++i], &end);
            if (*end || !(value > 0) || value > 86400) fail(64, "mstore-http: --timeout: expected seconds");
            timeout = (long)(value + 0.999);
        } else if (strcmp(argv[i], "--max-bytes") == 0 && i + 1 < argc) {
            long long value = strtoll(argv[++i], &end, 10);
            if (*end || value <= 0) fail(64, "mstore-http: --max-bytes: expected a positive number");
            max_bytes = value;
        } else {
            fail(64, "usage: mstore-http [--timeout SECONDS] [--max-bytes N] < URL");
        }
    }
    char url[16384];
    size_t length = fread(url, 1, sizeof url - 1, stdin);
    url[length] = 0;
    while (length > 0 && strchr(" \t\r\n", url[length - 1])) url[--length] = 0;
    char *start = url;
    while (*start == ' ' || *start == '\t' || *start == '\r' || *start == '\n') start++;
    if (strncmp(start, "http://", 7) != 0 && strncmp(start, "https://", 8) != 0)
        fail(64, "mstore-http: expected an http(s) URL on standard input");
    signal(SIGPIPE, SIG_IGN);

    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK || !(curl = curl_easy_init())) fail(3, "cannot start libcurl");
    char error[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(curl, CURLOPT_URL, start);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "mstore");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 10L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // every encoding libcurl inflates
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, timeout);
    // Idle time: under one byte a second for `timeout` seconds ends the request.
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, timeout);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    CURLcode result = curl_easy_perform(curl);
    if (too_large) {
        fprintf(stderr, "the answer is larger than %lld bytes\n", max_bytes);
        return 4;
    }
    if (result == CURLE_OPERATION_TIMEDOUT) fail(2, "no answer");
    if (result != CURLE_OK) fail(3, error[0] ? error : curl_easy_strerror(result));
    send_head();
    curl_easy_cleanup(curl);
    return 0;
}
