/** Key policies as Vault's keysutil holds them, and the cryptography on their versions. */
@NullMarked
package dev.arca.transit.key;

import org.jspecify.annotations.NullMarked;
