package dev.arca.audit.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.test.TestDatabase;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * An audit schema migrated before V4 (with V2, which made the writer role with CREATE ROLE) takes the
 * current migrations as arca-audit.yml configures them: V2 stays in its history, V4 runs and changes
 * nothing the writer needs, and validation passes.
 */
class AuditMigrationUpgradeIntegrationTests {

    private static FluentConfiguration flyway(DriverManagerDataSource ds, String... locations) {
        return Flyway.configure().dataSource(ds).schemas("audit").defaultSchema("audit").locations(locations);
    }

    @Test
    void aSchemaThatAppliedV2TakesV4() {
        TestDatabase.Server s = TestDatabase.server();
        DriverManagerDataSource ds = new DriverManagerDataSource(TestDatabase.createDatabase("auditupgrade"), s.username(), s.password());
        // the migrations as shipped before V4: V1, V2 (kept byte for byte in test resources) and V3
        flyway(ds, "classpath:db/migration/audit", "classpath:db/upgrade/audit-before-v4").target("3").load().migrate();

        // the current configuration: the locations and ignore patterns of arca-audit.yml
        YamlPropertiesFactoryBean yml = new YamlPropertiesFactoryBean();
        yml.setResources(new ClassPathResource("arca-audit.yml"));
        Properties config = Objects.requireNonNull(yml.getObject());
        Flyway current = flyway(ds, config.getProperty("spring.flyway.locations"))
                .ignoreMigrationPatterns(config.getProperty("spring.flyway.ignore-migration-patterns").split(",")).load();
        // migrate validates first (validateOnMigrate): V2, applied but no longer shipped, must not fail it
        assertThat(current.migrate().migrationsExecuted).isEqualTo(1);
        current.validate();
        List<String> history = JdbcClient.create(ds)
                .sql("SELECT version || ':' || success FROM audit.flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank")
                .query(String.class).list();
        assertThat(history).containsExactly("1:true", "2:true", "3:true", "4:true");
        assertThat(current.info().current().getVersion().getVersion()).isEqualTo("4");
        assertThat(current.info().all()).filteredOn(m -> m.getState() == MigrationState.MISSING_SUCCESS).hasSize(1);
        assertThat(JdbcClient.create(ds).sql("SELECT has_table_privilege('arca_audit_writer', 'audit.audit_log', 'INSERT')")
                .query(Boolean.class).single()).isTrue();
    }
}
