package dev.arca.identity.cert;

import dev.arca.identity.login.TokenSettings;
import java.util.List;

/**
 * A trusted certificate entry ({@code certs/<name>}): the PEM of a CA or of a leaf, the constraints a
 * login certificate must meet (globs, empty for any), and the settings of the tokens it gets.
 *
 * @param requiredExtensions {@code <oid>:<glob of the value>} or {@code hex:<oid>:<glob of the hex DER>}
 */
record CertRole(String certificate, String displayName, List<String> allowedCommonNames, List<String> allowedDnsSans,
        List<String> allowedEmailSans, List<String> allowedUriSans, List<String> allowedOrganizationalUnits,
        List<String> requiredExtensions, TokenSettings token) {

    CertRole {
        allowedCommonNames = List.copyOf(allowedCommonNames);
        allowedDnsSans = List.copyOf(allowedDnsSans);
        allowedEmailSans = List.copyOf(allowedEmailSans);
        allowedUriSans = List.copyOf(allowedUriSans);
        allowedOrganizationalUnits = List.copyOf(allowedOrganizationalUnits);
        requiredExtensions = List.copyOf(requiredExtensions);
    }
}
