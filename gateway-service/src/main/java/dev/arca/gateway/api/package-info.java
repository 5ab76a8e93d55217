@NullMarked
package dev.arca.gateway.api;

import org.jspecify.annotations.NullMarked;
