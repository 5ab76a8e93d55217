package dev.arca.gateway.api;

/** A system path the gateway answers itself, after the same token, ACL and audit checks as any other. */
@FunctionalInterface
public interface LocalHandler {

    ApiResult handle(ApiCall call);
}
