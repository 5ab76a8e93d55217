/** The {@code kv} backend: its path families in order, its aliases and its mount lifecycle. */
@NullMarked
package dev.arca.kv.engine;

import org.jspecify.annotations.NullMarked;
