package dev.arca.core.hcl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict parser for the HCL1 subset used by Vault policies and server configuration files: blocks
 * with quoted labels ({@code path "secret/*" { ... }}), attributes ({@code key = value}) holding
 * strings, numbers, booleans, lists (trailing comma allowed), objects ({@code key = { ... }}) and
 * heredocs ({@code <<EOF}), and {@code #}, {@code //} and {@code /* *}{@code /} comments. Anything
 * else fails with an {@link HclException} naming line and column; nothing is silently skipped.
 */
public final class Hcl {

    /** How deeply blocks, objects and lists may nest: far beyond any policy or config, well within the stack. */
    static final int MAX_DEPTH = 64;

    private final String src;
    private int depth;
    private int pos;
    private int line = 1;
    private int col = 1;

    private Hcl(String src) {
        this.src = src;
    }

    /** Parses a whole document. */
    public static HclBody parse(String source) {
        Hcl p = new Hcl(source);
        int nul = source.indexOf('\0');
        if (nul >= 0) {
            // also the parser's end-of-input mark: refused before it could be mistaken for one
            p.skipTo(nul);
            throw p.error("illegal character NUL");
        }
        HclBody body = p.body(false, 1);
        p.skipSpace();
        if (p.pos < p.src.length()) {
            throw p.error("unexpected '" + p.src.charAt(p.pos) + "'");
        }
        return body;
    }

    private HclBody body(boolean braced, int startLine) {
        if (braced) {
            enter();
        }
        try {
            return bodyContent(braced, startLine);
        } finally {
            if (braced) {
                depth--;
            }
        }
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("nested more than " + MAX_DEPTH + " levels deep");
        }
    }

    private void skipTo(int target) {
        while (pos < target) {
            advance();
        }
    }

    private HclBody bodyContent(boolean braced, int startLine) {
        Map<String, Object> attrs = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        List<HclBlock> blocks = new ArrayList<>();
        while (true) {
            skipSpace();
            if (pos >= src.length()) {
                if (braced) {
                    throw error("unexpected end of input: missing '}' for the block opened on line " + startLine);
                }
                break;
            }
            char c = src.charAt(pos);
            if (c == '}') {
                if (!braced) {
                    throw error("unexpected '}'");
                }
                advance();
                break;
            }
            int keyLine = line;
            int keyCol = col;
            String key = key();
            skipSpace();
            char next = peek();
            if (next == '=') {
                advance();
                if (attrs.containsKey(key)) {
                    throw new HclException(keyLine, keyCol, "duplicate attribute \"" + key + "\"");
                }
                attrs.put(key, value());
                lines.put(key, keyLine);
            } else if (next == '"' || next == '{') {
                List<String> labels = new ArrayList<>();
                while (peek() == '"') {
                    labels.add(string());
                    skipSpace();
                }
                if (peek() != '{') {
                    throw error("expected '{' to open block \"" + key + "\"");
                }
                int blockLine = line;
                advance();
                blocks.add(new HclBlock(key, labels, body(true, blockLine), keyLine));
            } else {
                throw error(pos >= src.length() ? "unexpected end of input after \"" + key + "\"" : "expected '=' or '{' after \"" + key + "\"");
            }
            skipSpace();
            if (peek() == ',') {
                advance();
            }
        }
        return new HclBody(attrs, lines, blocks, startLine);
    }

    private String key() {
        char c = peek();
        if (c == '"') {
            return string();
        }
        if (isIdentStart(c)) {
            return identifier();
        }
        throw error("expected a key, found '" + c + "'");
    }

    private Object value() {
        skipSpace();
        if (pos >= src.length()) {
            throw error("unexpected end of input: expected a value");
        }
        char c = src.charAt(pos);
        if (c == '"') {
            return string();
        }
        if (c == '<' && src.startsWith("<<", pos)) {
            return heredoc();
        }
        if (c == '[') {
            return list();
        }
        if (c == '{') {
            int l = line;
            advance();
            return body(true, l);
        }
        if (c == '-' || Character.isDigit(c)) {
            return number();
        }
        if (isIdentStart(c)) {
            int l = line;
            int cl = col;
            String word = identifier();
            return switch (word) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new HclException(l, cl, "unexpected bare word \"" + word + "\": strings must be quoted");
            };
        }
        throw error("expected a value, found '" + c + "'");
    }

    private List<Object> list() {
        enter();
        try {
            return listContent();
        } finally {
            depth--;
        }
    }

    private List<Object> listContent() {
        int startLine = line;
        advance();
        List<Object> items = new ArrayList<>();
        while (true) {
            skipSpace();
            if (pos >= src.length()) {
                throw error("unexpected end of input: missing ']' for the list opened on line " + startLine);
            }
            if (peek() == ']') {
                advance();
                return List.copyOf(items);
            }
            items.add(value());
            skipSpace();
            char c = peek();
            if (c == ',') {
                advance();
            } else if (c != ']') {
                throw error(pos >= src.length() ? "unexpected end of input: missing ']' for the list opened on line " + startLine
                        : "expected ',' or ']' in the list opened on line " + startLine);
            }
        }
    }

    private Object number() {
        int start = pos;
        int l = line;
        int cl = col;
        if (peek() == '-') {
            advance();
        }
        boolean decimal = false;
        digits();
        if (peek() == '.') {
            decimal = true;
            advance();
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            decimal = true;
            advance();
            if (peek() == '+' || peek() == '-') {
                advance();
            }
            digits();
        }
        if (pos < src.length() && (isIdentStart(peek()) || Character.isDigit(peek()))) {
            throw error("invalid number: strings such as durations must be quoted");
        }
        String text = src.substring(start, pos);
        try {
            return decimal ? (Object) Double.parseDouble(text) : (Object) Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new HclException(l, cl, "invalid number");
        }
    }

    private void digits() {
        if (!Character.isDigit(peek())) {
            throw error("invalid number: expected a digit");
        }
        while (Character.isDigit(peek())) {
            advance();
        }
    }

    private String string() {
        int l = line;
        int cl = col;
        advance();
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= src.length() || peek() == '\n') {
                throw new HclException(l, cl, "unterminated string");
            }
            char c = src.charAt(pos);
            if (c == '"') {
                advance();
                return b.toString();
            }
            if (c == '\\') {
                advance();
                if (pos >= src.length()) {
                    throw new HclException(l, cl, "unterminated string");
                }
                char e = src.charAt(pos);
                switch (e) {
                    case '"', '\\', '/' -> b.append(e);
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'u', 'U' -> {
                        int n = e == 'u' ? 4 : 8;
                        if (pos + n >= src.length()) {
                            throw error("invalid unicode escape");
                        }
                        String hex = src.substring(pos + 1, pos + 1 + n);
                        try {
                            b.appendCodePoint(Integer.parseUnsignedInt(hex, 16));
                        } catch (IllegalArgumentException ex) {
                            throw error("invalid unicode escape");
                        }
                        for (int i = 0; i < n; i++) {
                            advance();
                        }
                    }
                    default -> throw error("invalid escape sequence '\\" + e + "'");
                }
                advance();
                continue;
            }
            b.append(c);
            advance();
        }
    }

    private String heredoc() {
        int l = line;
        int cl = col;
        advance();
        advance();
        boolean indented = peek() == '-';
        if (indented) {
            advance();
        }
        int start = pos;
        while (pos < src.length() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
            advance();
        }
        String marker = src.substring(start, pos);
        if (marker.isEmpty()) {
            throw error("heredoc needs a marker after '<<'");
        }
        if (peek() == '\r') {
            advance();
        }
        if (peek() != '\n') {
            throw error("heredoc marker must end the line");
        }
        advance();
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= src.length()) {
                throw new HclException(l, cl, "unterminated heredoc: missing " + marker);
            }
            int eol = src.indexOf('\n', pos);
            String raw = eol < 0 ? src.substring(pos) : src.substring(pos, eol);
            String text = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            String candidate = indented ? text.strip() : text;
            int consume = raw.length() + (eol < 0 ? 0 : 1);
            if (candidate.equals(marker)) {
                for (int i = 0; i < raw.length(); i++) {
                    advance();
                }
                return b.toString();
            }
            b.append(text).append('\n');
            for (int i = 0; i < consume; i++) {
                advance();
            }
        }
    }

    private String identifier() {
        int start = pos;
        while (pos < src.length() && isIdentPart(src.charAt(pos))) {
            advance();
        }
        return src.substring(start, pos);
    }

    private static boolean isIdentStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isIdentPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
    }

    private void skipSpace() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\uFEFF') {
                advance();
            } else if (c == '#' || src.startsWith("//", pos)) {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    advance();
                }
            } else if (src.startsWith("/*", pos)) {
                int l = line;
                int cl = col;
                int end = src.indexOf("*/", pos + 2);
                if (end < 0) {
                    throw new HclException(l, cl, "unterminated comment");
                }
                while (pos < end + 2) {
                    advance();
                }
            } else {
                return;
            }
        }
    }

    private char peek() {
        return pos < src.length() ? src.charAt(pos) : '\0';
    }

    private void advance() {
        if (src.charAt(pos) == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
        pos++;
    }

    private HclException error(String detail) {
        return new HclException(line, col, detail);
    }
}
