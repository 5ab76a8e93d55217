/**
 * The public port's edge: what answers before, around and after the API pipeline (the request
 * firewall, Tomcat's own error reports, the error page, bodiless responses, the actuator), so that
 * every answer is Vault's JSON.
 */
@NullMarked
package dev.arca.gateway.edge;

import org.jspecify.annotations.NullMarked;
