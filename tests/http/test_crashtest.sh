#!/usr/bin/env bash
# The short form of `make crashtest` in the suite: the server is killed with
# SIGKILL under four kinds of concurrent writes, CRASH_KILLS times (default
# 4); after each kill every acknowledged write is there, the database passes
# integrity_check and `qingdan check`. See scripts/crashtest.sh.
export CRASH_KILLS=${CRASH_KILLS:-4}
exec "$(dirname "$0")/../../scripts/crashtest.sh"
