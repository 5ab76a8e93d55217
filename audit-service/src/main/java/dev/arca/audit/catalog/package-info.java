/** audit-service's system backend: the {@code sys/audit*} paths it serves. */
@NullMarked
package dev.arca.audit.catalog;

import org.jspecify.annotations.NullMarked;
