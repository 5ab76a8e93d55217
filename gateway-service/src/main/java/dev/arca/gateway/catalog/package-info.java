/** The gateway's view of the backends catalog the services publish. */
@NullMarked
package dev.arca.gateway.catalog;

import org.jspecify.annotations.NullMarked;
