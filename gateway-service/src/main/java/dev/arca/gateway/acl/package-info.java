@NullMarked
package dev.arca.gateway.acl;

import org.jspecify.annotations.NullMarked;
