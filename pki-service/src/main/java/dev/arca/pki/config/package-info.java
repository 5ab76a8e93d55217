/** Mount settings: {@code config/urls} and {@code config/cluster}. */
@NullMarked
package dev.arca.pki.config;

import org.jspecify.annotations.NullMarked;
