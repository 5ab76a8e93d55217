/** What every auth method's login shares: the {@code token_*} settings of the tokens it issues. */
@NullMarked
package dev.arca.identity.login;

import org.jspecify.annotations.NullMarked;
