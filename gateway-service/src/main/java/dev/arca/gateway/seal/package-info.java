@NullMarked
package dev.arca.gateway.seal;

import org.jspecify.annotations.NullMarked;
