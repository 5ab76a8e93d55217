/** PKI storage: keys sealed by the barrier, issuers, certificates, roles, settings and CRLs, with the per-mount cache held only while unsealed. */
@NullMarked
package dev.arca.pki.store;

import org.jspecify.annotations.NullMarked;
