/** Storage mechanisms shared by the services: group commit of concurrent writes. */
@NullMarked
package dev.arca.core.store;

import org.jspecify.annotations.NullMarked;
