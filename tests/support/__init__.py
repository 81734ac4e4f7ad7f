"""Helpers the tests need and the benchmarks share: a synthetic investigation of any size, a
static file server, the Chromium the browser tests drive. The tests own them so that they stand
on their own; bench/ imports them from here, never the other way round."""
