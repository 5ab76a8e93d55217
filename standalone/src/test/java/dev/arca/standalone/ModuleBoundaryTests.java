package dev.arca.standalone;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The design's module rules: a service depends on platform-core (and platform-test in tests), never on
 * another service; platform-core depends on no service. Checked here because this module sees them all.
 */
class ModuleBoundaryTests {

    private static final List<String> SERVICES = List.of("gateway", "identity", "kv", "transit", "database", "pki", "audit", "lease");
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.arca");

    @Test
    void servicesDoNotDependOnEachOther() {
        for (String service : SERVICES) {
            String[] others = SERVICES.stream().filter(s -> !s.equals(service)).map(s -> "dev.arca." + s + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage("dev.arca." + service + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("services share the wire format, not Java types")
                    .check(CLASSES);
        }
    }

    @Test
    void platformCoreDependsOnNoService() {
        noClasses().that().resideInAPackage("dev.arca.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        SERVICES.stream().map(s -> "dev.arca." + s + "..").toArray(String[]::new))
                .check(CLASSES);
    }
}
