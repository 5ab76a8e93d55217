package dev.arca.gateway.api;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/**
 * Request ids: UUIDs as Vault's, but of version 7 (RFC 9562), which begin with their time in
 * milliseconds. The audit store indexes entries by request id; time-ordered ids land at the end of
 * that index instead of on a random page, so appends stay cheap however long the trail grows.
 */
final class RequestIds {

    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private RequestIds() {
    }

    static String next() {
        return GENERATOR.generate().toString();
    }
}
