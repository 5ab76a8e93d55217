package dev.arca.pki.acme;

import dev.arca.core.backend.PathFamily;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** {@code <directory>/directory} (the resources' URLs) and {@code <directory>/new-nonce} (HEAD: 200, GET: 204, with a nonce). */
@Component
public class AcmeDirectoryPath {

    private final AcmeProtocol protocol;

    public AcmeDirectoryPath(AcmeProtocol protocol) {
        this.protocol = protocol;
    }

    public List<PathFamily> families() {
        List<PathFamily> out = new ArrayList<>();
        for (AcmeDirectory.Prefix p : AcmeDirectory.Prefix.ALL) {
            out.add(p.family("directory")
                    .read(r -> protocol.plain(r, p, d -> AcmeProtocol.Answer.json(200, directory(d), null)), "The ACME directory.")
                    .help("The ACME directory (RFC 8555 section 7.1.1).", "Needs no token.")
                    .build());
            out.add(p.family("new-nonce")
                    .read(r -> protocol.plain(r, p, d -> new AcmeProtocol.Answer(204, new byte[0], AcmeProtocol.JSON_TYPE, null)),
                            "A new nonce in Replay-Nonce.")
                    .write(r -> protocol.plain(r, p, d -> new AcmeProtocol.Answer(200, new byte[0], AcmeProtocol.JSON_TYPE, null)),
                            "A new nonce in Replay-Nonce.")
                    .header(r -> protocol.plain(r, p, d -> new AcmeProtocol.Answer(200, new byte[0], AcmeProtocol.JSON_TYPE, null)),
                            "A new nonce in Replay-Nonce (HEAD).")
                    .help("A fresh anti-replay nonce (RFC 8555 section 7.2).", "Needs no token.")
                    .build());
        }
        return out;
    }

    private static Map<String, Object> directory(AcmeDirectory d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("newNonce", d.url("new-nonce"));
        out.put("newAccount", d.url("new-account"));
        out.put("newOrder", d.url("new-order"));
        out.put("revokeCert", d.url("revoke-cert"));
        out.put("keyChange", d.url("key-change"));
        out.put("meta", Map.of("externalAccountRequired", false));
        return out;
    }
}
