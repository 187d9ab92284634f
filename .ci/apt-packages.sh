#!/usr/bin/env bash
# Debian packages the test suite uses for real parts (each test skips with a message when its part
# is missing). One list, used by .ci/run and documented in the README.
echo "bzip2"
