/** Typed settings of the audit service. */
@NullMarked
package dev.arca.audit.config;

import org.jspecify.annotations.NullMarked;
