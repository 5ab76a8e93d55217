@NullMarked
package dev.arca.gateway.mount;

import org.jspecify.annotations.NullMarked;
