package dev.arca.gateway.config;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A do-nothing endpoint on the gateway's web stack: the reference ceiling for one HTTP hop in
 * benchmarks. It reveals nothing and touches no state.
 */
@RestController
public class HelloController {

    private static final byte[] BODY = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    @GetMapping(path = "/_arca/hello", produces = "application/json")
    public byte[] hello() {
        return BODY;
    }
}
