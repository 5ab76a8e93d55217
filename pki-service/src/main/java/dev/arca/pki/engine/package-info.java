/** The {@code pki} backend: its families, unauthenticated paths, leased certificates and mount hooks. */
@NullMarked
package dev.arca.pki.engine;

import org.jspecify.annotations.NullMarked;
