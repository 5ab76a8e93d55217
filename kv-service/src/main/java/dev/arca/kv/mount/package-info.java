/** Internal endpoints the gateway calls about whole mounts. */
@NullMarked
package dev.arca.kv.mount;

import org.jspecify.annotations.NullMarked;
