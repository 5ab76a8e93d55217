package dev.arca.core.hcl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The contents of a file, a block or an object value: attributes in source order and nested blocks.
 * Attribute values are {@link String}, {@link Long}, {@link Double}, {@link Boolean},
 * {@link List} (of these) or {@link HclBody} (for {@code key = { ... }}).
 */
public final class HclBody {

    private final Map<String, Object> attributes;
    private final Map<String, Integer> attributeLines;
    private final List<HclBlock> blocks;
    private final int line;

    HclBody(Map<String, Object> attributes, Map<String, Integer> attributeLines, List<HclBlock> blocks, int line) {
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        this.attributeLines = Map.copyOf(attributeLines);
        this.blocks = List.copyOf(blocks);
        this.line = line;
    }

    /** Attributes by name, in source order. */
    public Map<String, Object> attributes() {
        return attributes;
    }

    /** One attribute, or null. */
    public @Nullable Object attribute(String name) {
        return attributes.get(name);
    }

    /** The line where an attribute was written, or the body's own line when it is absent. */
    public int lineOf(String name) {
        return attributeLines.getOrDefault(name, line);
    }

    /** The 1-based line where this body starts. */
    public int line() {
        return line;
    }

    /** All nested blocks, in source order. */
    public List<HclBlock> blocks() {
        return blocks;
    }

    /** Nested blocks of one type, in source order. */
    public List<HclBlock> blocks(String type) {
        return blocks.stream().filter(b -> b.type().equals(type)).toList();
    }

    @Override
    public String toString() {
        return "HclBody" + attributes + blocks;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HclBody b && attributes.equals(b.attributes) && blocks.equals(b.blocks);
    }

    @Override
    public int hashCode() {
        return attributes.hashCode() * 31 + blocks.hashCode();
    }
}
