/**
 * Client addresses: CIDR blocks that bind tokens and credentials to where their callers are ({@link dev.arca.core.net.Cidrs}).
 */
@NullMarked
package dev.arca.core.net;

import org.jspecify.annotations.NullMarked;
