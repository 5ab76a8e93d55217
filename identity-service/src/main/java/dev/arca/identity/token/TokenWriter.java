package dev.arca.identity.token;

import dev.arca.core.api.VaultException;
import dev.arca.core.store.GroupCommit;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * New tokens by group commit: the tokens of concurrent creations and logins go into one transaction
 * (at most {@value #MAX_BATCH}), and each caller returns only once its own token is committed. A
 * caller already inside a transaction inserts in it instead: it holds a pooled connection, and waiting
 * on the writer's connection from the same pool could starve both.
 */
@Component
public class TokenWriter implements DisposableBean {

    static final int MAX_BATCH = 256;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final TokenStore store;
    private final GroupCommit<TokenEntry, TokenStore.Insert> commits;

    public TokenWriter(TokenStore store, PlatformTransactionManager tm) {
        this.store = store;
        TransactionTemplate tx = new TransactionTemplate(tm);
        this.commits = new GroupCommit<>("identity-token-writer", MAX_BATCH, batch -> {
            try {
                return tx.execute(s -> store.insert(batch));
            } catch (PessimisticLockingFailureException deadlock) {
                // a revoke locking a tree from the top met this batch's parents in another order: once more
                return tx.execute(s -> store.insert(batch));
            }
        });
    }

    /**
     * Inserts a token with a random id.
     *
     * @throws VaultException 403 when its parent was revoked since it was read
     */
    public void insert(TokenEntry token) {
        TokenStore.Insert result = TransactionSynchronizationManager.isActualTransactionActive()
                ? store.insert(List.of(token)).getFirst() : commits.write(token, TIMEOUT);
        switch (result) {
            case INSERTED -> { }
            // the parent's key is gone: it was revoked after it was read
            case PARENT_GONE -> throw VaultException.permissionDenied();
            // a random accessor and id cannot collide
            case DUPLICATE -> throw VaultException.internal("failed to create the token");
        }
    }

    @Override
    public void destroy() {
        commits.close();
    }
}
