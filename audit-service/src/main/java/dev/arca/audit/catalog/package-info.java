/** What audit-service publishes in the backends catalog. */
@NullMarked
package dev.arca.audit.catalog;

import org.jspecify.annotations.NullMarked;
