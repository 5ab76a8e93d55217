@NullMarked
package dev.arca.core.config;

import org.jspecify.annotations.NullMarked;
