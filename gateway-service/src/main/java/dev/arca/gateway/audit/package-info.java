@NullMarked
package dev.arca.gateway.audit;

import org.jspecify.annotations.NullMarked;
