/* A TCP echo server for guest tests that need one beside their own work
 * (APP_SRCS += ../common/echo.c): one client at a time. */
#ifndef TESTS_GUEST_ECHO_H
#define TESTS_GUEST_ECHO_H

/* Start a thread echoing on port (every address); prints "<tag>: echo on
 * PORT" once listening. 0, or -1 (printed) without a thread. */
int echo_start(const char *tag, int port);

#endif
