/** Helpers shared by identity's features: lenient reading of Vault request bodies. */
@NullMarked
package dev.arca.identity.support;

import org.jspecify.annotations.NullMarked;
