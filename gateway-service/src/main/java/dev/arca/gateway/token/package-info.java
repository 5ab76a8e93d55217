@NullMarked
package dev.arca.gateway.token;

import org.jspecify.annotations.NullMarked;
