package dev.arca.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.core.api.VaultException;
import dev.arca.identity.token.TokenEntry;
import dev.arca.identity.token.TokenStore;
import dev.arca.identity.token.TokenWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** New tokens by group commit: each token's outcome on its own, and a child only under a parent that still exists. */
class TokenBatchInsertIntegrationTests extends IdentityIntegrationTestSupport {

    @Autowired
    TokenStore store;

    @Autowired
    TokenWriter writer;

    @Autowired
    PlatformTransactionManager tm;

    @Test
    void oneBatchRefusesAChildOfAGoneParentAndADuplicateWithoutFailingTheOthers() {
        TokenEntry parent = token(null);
        store.insert(parent);
        TokenEntry child = token(parent.accessor());
        TokenEntry orphanOfGone = token("gone-" + UUID.randomUUID());
        TokenEntry orphan = token(null);
        TokenEntry duplicate = new TokenEntry(parent.accessor(), ("other-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8), null,
                List.of("default"), null, "", "auth/token/create", "", 0, 0, 60, 0, 0, 0, true, true, 0, "service", List.of());

        List<TokenStore.Insert> outcomes = new TransactionTemplate(tm).execute(s -> store.insert(List.of(child, orphanOfGone, orphan, duplicate)));

        assertThat(outcomes).containsExactly(TokenStore.Insert.INSERTED, TokenStore.Insert.PARENT_GONE, TokenStore.Insert.INSERTED,
                TokenStore.Insert.DUPLICATE);
        assertThat(store.byAccessor(child.accessor(), false)).isPresent();
        assertThat(store.byAccessor(orphan.accessor(), false)).isPresent();
        assertThat(store.byAccessor(orphanOfGone.accessor(), false)).isEmpty();
    }

    @Test
    void theWriterCommitsBeforeItReturnsAndRefusesAChildWhoseParentIsGone() {
        TokenEntry parent = token(null);
        writer.insert(parent);
        assertThat(jdbc.sql("SELECT count(*) FROM tokens WHERE accessor = ?").param(parent.accessor()).query(Long.class).single())
                .isEqualTo(1);
        TokenEntry child = token(parent.accessor());
        writer.insert(child);
        assertThat(store.byAccessor(child.accessor(), false)).isPresent();

        assertThatThrownBy(() -> writer.insert(token("gone-" + UUID.randomUUID())))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    private static TokenEntry token(String parent) {
        String accessor = "batch-" + UUID.randomUUID();
        return new TokenEntry(accessor, accessor.getBytes(StandardCharsets.UTF_8), parent, List.of("default"), Map.of("k", "v"), "",
                "auth/token/create", "", 0, System.currentTimeMillis(), 60, System.currentTimeMillis() + 60_000, 0, 0, true,
                parent == null, 0, "service", List.of());
    }
}
