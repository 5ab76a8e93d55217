/** Audit devices: configuration, per-device HMAC keys, the file sink and the sys/audit API. */
@NullMarked
package dev.arca.audit.device;

import org.jspecify.annotations.NullMarked;
