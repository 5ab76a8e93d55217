package dev.arca.identity.login;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTests {

    @ParameterizedTest
    @CsvSource({
            "*, anything, true",
            "*, '', true",
            "app1, app1, true",
            "app1, app10, false",
            "app*, app1, true",
            "app*, web1, false",
            "*.example.com, a.example.com, true",
            "*.example.com, example.com, false",
            "*.example.com, a.example.com.evil, false",
            "a*b*c, aXXbYYc, true",
            "a*b*c, acb, false",
            "ab*ba, aba, false",
            "ab*ba, abba, true",
            "spiffe://example/*, spiffe://example/app, true",
    })
    void starStandsForAnyRunAnywhere(String pattern, String value, boolean matches) {
        assertThat(Glob.matches(pattern, value)).isEqualTo(matches);
    }
}
