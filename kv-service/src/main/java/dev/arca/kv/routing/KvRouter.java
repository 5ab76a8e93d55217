package dev.arca.kv.routing;

import dev.arca.core.context.RequestContext;
import dev.arca.kv.api.PathHandler;
import dev.arca.kv.config.ConfigPath;
import dev.arca.kv.data.DataPath;
import dev.arca.kv.metadata.MetadataPath;
import dev.arca.kv.subkeys.SubkeysPath;
import dev.arca.kv.v1.V1Path;
import dev.arca.kv.versions.DeletePath;
import dev.arca.kv.versions.DestroyPath;
import dev.arca.kv.versions.UndeletePath;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Picks the path family for a path relative to the mount. A v1 mount has one family for every path;
 * a v2 mount has Vault's prefixes, and anything else gets Vault's "invalid path" answer.
 */
@Component
public class KvRouter {

    /** The handler and the key below its prefix. */
    public record Route(PathHandler handler, String key) {
    }

    private final V1Path v1;
    private final PathHandler invalid;
    private final Map<String, PathHandler> v2Prefixes = new LinkedHashMap<>();
    private final ConfigPath config;

    public KvRouter(V1Path v1, ConfigPath config, DataPath data, MetadataPath metadata, DeletePath delete,
            UndeletePath undelete, DestroyPath destroy, SubkeysPath subkeys) {
        this.v1 = v1;
        this.config = config;
        this.invalid = new InvalidV2Path();
        v2Prefixes.put("data/", data);
        v2Prefixes.put("metadata/", metadata);
        v2Prefixes.put("delete/", delete);
        v2Prefixes.put("undelete/", undelete);
        v2Prefixes.put("destroy/", destroy);
        v2Prefixes.put("subkeys/", subkeys);
    }

    public Route route(RequestContext ctx) {
        String relative = ctx.relativePath();
        if (!isVersioned(ctx)) {
            return new Route(v1, relative);
        }
        if (relative.equals("config")) {
            return new Route(config, "");
        }
        if (relative.equals("metadata")) {
            return new Route(v2Prefixes.get("metadata/"), "");
        }
        for (Map.Entry<String, PathHandler> e : v2Prefixes.entrySet()) {
            if (relative.startsWith(e.getKey())) {
                return new Route(e.getValue(), relative.substring(e.getKey().length()));
            }
        }
        return new Route(invalid, relative);
    }

    static boolean isVersioned(RequestContext ctx) {
        return "2".equals(ctx.mountOptions().get("version"));
    }
}
