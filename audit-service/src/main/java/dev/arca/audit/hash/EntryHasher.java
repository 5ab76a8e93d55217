package dev.arca.audit.hash;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.jsontype.TypeSerializer;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hashes the sensitive values of an audit entry as Vault's {@code audit/hashstructure.go} does: the
 * tokens and accessors of {@code auth}, {@code request} and {@code response.auth}, the wrapping token
 * and accessor of {@code response.wrap_info}, and every string inside {@code request.data} and
 * {@code response.data}, however deeply nested, lists included. Keys and non-string values stay as
 * they are; empty tokens stay empty, as in Vault. The hashing happens while the entry is written as
 * JSON, in one pass and without a copy; the input is never modified.
 */
public final class EntryHasher {

    /** Where in an entry an object sits, which decides what in it is hashed. */
    private enum Part { ENTRY, AUTH, REQUEST, RESPONSE, WRAP, DATA }

    private EntryHasher() {
    }

    /**
     * {@code entry} as it serialises with its sensitive values hashed (e.g. by
     * {@code JsonMapper.writeValueAsString}).
     *
     * @param hmacAccessor whether accessors are hashed too (Vault's {@code hmac_accessor} option, default true)
     */
    public static JacksonSerializable hashed(ObjectNode entry, Hmac hmac, boolean hmacAccessor) {
        return new JacksonSerializable() {
            @Override
            public void serialize(JsonGenerator g, SerializationContext ctxt) {
                new Writer(hmac, hmacAccessor, g, ctxt).write(entry, Part.ENTRY);
            }

            @Override
            public void serializeWithType(JsonGenerator g, SerializationContext ctxt, TypeSerializer type) {
                serialize(g, ctxt);
            }
        };
    }

    private record Writer(Hmac hmac, boolean hmacAccessor, JsonGenerator g, SerializationContext ctxt) {

        void write(JsonNode node, @Nullable Part part) {
            if (part == Part.DATA) {
                strings(node);
                return;
            }
            if (part == null || !(node instanceof ObjectNode object)) {
                node.serialize(g, ctxt);
                return;
            }
            g.writeStartObject();
            for (Map.Entry<String, JsonNode> e : object.properties()) {
                String name = e.getKey();
                JsonNode value = e.getValue();
                g.writeName(name);
                if (hashedField(part, name) && value.isString() && !value.stringValue().isEmpty()) {
                    g.writeString(hmac.hash(value.stringValue()));
                } else {
                    write(value, child(part, name));
                }
            }
            g.writeEndObject();
        }

        /** Every string value below {@code node} as its HMAC, recursively. */
        private void strings(JsonNode node) {
            if (node.isString()) {
                g.writeString(hmac.hash(node.stringValue()));
            } else if (node instanceof ObjectNode object) {
                g.writeStartObject();
                for (Map.Entry<String, JsonNode> e : object.properties()) {
                    g.writeName(e.getKey());
                    strings(e.getValue());
                }
                g.writeEndObject();
            } else if (node instanceof ArrayNode array) {
                g.writeStartArray();
                for (JsonNode element : array) {
                    strings(element);
                }
                g.writeEndArray();
            } else {
                node.serialize(g, ctxt);
            }
        }

        private boolean hashedField(Part part, String name) {
            return switch (part) {
                case AUTH -> name.equals("client_token") || hmacAccessor && name.equals("accessor");
                case REQUEST -> name.equals("client_token") || hmacAccessor && name.equals("client_token_accessor");
                case WRAP -> name.equals("token") || hmacAccessor && (name.equals("accessor") || name.equals("wrapped_accessor"));
                default -> false;
            };
        }

        private static @Nullable Part child(Part part, String name) {
            return switch (part) {
                case ENTRY -> switch (name) {
                    case "auth" -> Part.AUTH;
                    case "request" -> Part.REQUEST;
                    case "response" -> Part.RESPONSE;
                    default -> null;
                };
                case REQUEST -> name.equals("data") ? Part.DATA : null;
                case RESPONSE -> switch (name) {
                    case "auth" -> Part.AUTH;
                    case "data" -> Part.DATA;
                    case "wrap_info" -> Part.WRAP;
                    default -> null;
                };
                default -> null;
            };
        }
    }
}
