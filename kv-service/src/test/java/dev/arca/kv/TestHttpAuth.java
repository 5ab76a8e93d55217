package dev.arca.kv;

import dev.arca.test.TestGateway;

/** Contexts for internal (non-mount) calls. */
final class TestHttpAuth {

    private TestHttpAuth() {
    }

    static String internal() {
        return TestGateway.bearer(TestGateway.root("delete", "sys/mounts/x"), "kv");
    }
}
