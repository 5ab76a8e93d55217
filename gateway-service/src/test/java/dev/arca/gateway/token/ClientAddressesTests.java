package dev.arca.gateway.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.core.api.VaultException;
import dev.arca.gateway.config.ListenerProperties;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** The caller's address: X-Forwarded-For only from an authorized proxy, read from the right, hop skips applied. */
class ClientAddressesTests {

    private static MockHttpServletRequest request(String remote, String forwardedFor) {
        MockHttpServletRequest r = new MockHttpServletRequest("GET", "/v1/sys/health");
        r.setRemoteAddr(remote);
        if (forwardedFor != null) {
            r.addHeader("X-Forwarded-For", forwardedFor);
        }
        return r;
    }

    @Test
    void withoutAuthorizedProxiesTheHeaderIsIgnored() {
        ClientAddresses addresses = new ClientAddresses(new ListenerProperties(List.of(), 0));
        assertThat(addresses.of(request("192.0.2.1", "10.0.0.1"))).isEqualTo("192.0.2.1");
    }

    @Test
    void anAuthorizedProxyNamesTheClientAndOthersCannot() {
        ClientAddresses addresses = new ClientAddresses(new ListenerProperties(List.of("192.0.2.0/24"), 0));
        assertThat(addresses.of(request("192.0.2.7", "10.0.0.1, 172.16.0.1"))).as("the rightmost hop").isEqualTo("172.16.0.1");
        assertThat(addresses.of(request("198.51.100.1", "10.0.0.1"))).as("not a proxy of ours").isEqualTo("198.51.100.1");
        assertThat(addresses.of(request("192.0.2.7", null))).isEqualTo("192.0.2.7");
    }

    @Test
    void hopSkipsPassOurOwnProxies() {
        ClientAddresses addresses = new ClientAddresses(new ListenerProperties(List.of("192.0.2.0/24"), 1));
        assertThat(addresses.of(request("192.0.2.7", "10.0.0.1, 172.16.0.1"))).isEqualTo("10.0.0.1");
        assertThat(addresses.of(request("192.0.2.7", "172.16.0.1"))).as("fewer hops than skips").isEqualTo("192.0.2.7");
    }

    @Test
    void aBadSettingFailsAtStart() {
        assertThatThrownBy(() -> new ClientAddresses(new ListenerProperties(List.of("proxy.example"), 0))).isInstanceOf(VaultException.class);
        assertThatThrownBy(() -> new ClientAddresses(new ListenerProperties(List.of(), -1))).isInstanceOf(IllegalArgumentException.class);
    }
}
