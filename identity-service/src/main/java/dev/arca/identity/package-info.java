/** Token store, auth methods and ACL policies. */
@NullMarked
package dev.arca.identity;

import org.jspecify.annotations.NullMarked;
