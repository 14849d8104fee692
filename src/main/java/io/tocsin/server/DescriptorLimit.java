package io.tocsin.server;

import java.lang.management.ManagementFactory;

/** The process's open-file limit, which bounds how many connections it can hold at all. */
final class DescriptorLimit {
    /** Used where the platform does not tell (not a Unix JVM). */
    static final int UNKNOWN_LIMIT_CONNECTIONS = 10_000;
    /** Descriptors kept for the JVM's own files, the database, its WAL and pool, and the log. */
    static final int MAX_HEADROOM = 1_000;

    private DescriptorLimit() {
    }

    /** The default connection cap: the limit less a headroom and less {@code reserve}, at least 1. */
    static int connectionsBelow(int reserve) {
        long limit = limit();
        if (limit <= 0) {
            return UNKNOWN_LIMIT_CONNECTIONS;
        }
        long headroom = Math.min(MAX_HEADROOM, limit / 4);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, limit - headroom - reserve));
    }

    /** The descriptor limit, or -1 when it is not known. */
    static long limit() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }
}
