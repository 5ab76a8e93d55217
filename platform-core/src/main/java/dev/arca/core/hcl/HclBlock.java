package dev.arca.core.hcl;

import java.util.List;

/**
 * A block such as {@code path "secret/*" { ... }}: its type ({@code path}), its quoted labels and its body.
 *
 * @param line the 1-based line where the block starts
 */
public record HclBlock(String type, List<String> labels, HclBody body, int line) {

    public HclBlock {
        labels = List.copyOf(labels);
    }

    /** The single label, or an {@link HclException} naming the line when there is not exactly one. */
    public String label() {
        if (labels.size() != 1) {
            throw new HclException(line, 0, "block \"" + type + "\" needs exactly one label, got " + labels.size());
        }
        return labels.get(0);
    }
}
