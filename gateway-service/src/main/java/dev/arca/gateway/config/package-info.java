@NullMarked
package dev.arca.gateway.config;

import org.jspecify.annotations.NullMarked;
