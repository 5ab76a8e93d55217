package dev.arca.database.template;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Vault's {@code username_template}: text with {@code {{ pipeline }}} actions in the subset of Go's
 * template language Vault's templates use. A pipeline is commands joined by {@code |} (the value on
 * the left becomes the last argument on the right); an argument is a string, a number, a field
 * ({@code .DisplayName}, {@code .RoleName}) or a parenthesised pipeline. Functions: {@code printf}
 * ({@code %s}, {@code %d}, {@code %v}), {@code truncate}, {@code truncate_sha256}, {@code random},
 * {@code unix_time}, {@code unix_time_millis}, {@code uuid}, {@code lowercase}, {@code uppercase},
 * {@code replace}, {@code sha256}. Parsed once; {@link #render} may run concurrently.
 */
public final class UsernameTemplate {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    /** Keeps a template from asking for unbounded work. */
    private static final int MAX_NUMBER = 1024;

    private sealed interface Node permits Text, Field, Literal, Call {
    }

    private record Text(String text) implements Node {
    }

    private record Field(String name) implements Node {
    }

    private record Literal(Object value) implements Node {
    }

    private record Call(String function, List<Node> args) implements Node {
    }

    private final List<Node> parts;
    private final Clock clock;

    private UsernameTemplate(List<Node> parts, Clock clock) {
        this.parts = parts;
        this.clock = clock;
    }

    /** @throws IllegalArgumentException describing what is wrong with the template */
    public static UsernameTemplate parse(String template) {
        return parse(template, Clock.systemUTC());
    }

    static UsernameTemplate parse(String template, Clock clock) {
        if (template.length() > 4096) {
            throw new IllegalArgumentException("username_template is longer than 4096 characters");
        }
        List<Node> parts = new ArrayList<>();
        int at = 0;
        while (at < template.length()) {
            int open = template.indexOf("{{", at);
            if (open < 0) {
                parts.add(new Text(template.substring(at)));
                break;
            }
            if (open > at) {
                parts.add(new Text(template.substring(at, open)));
            }
            int close = template.indexOf("}}", open + 2);
            if (close < 0) {
                throw new IllegalArgumentException("unclosed action in username_template");
            }
            Parser p = new Parser(template.substring(open + 2, close));
            parts.add(p.pipeline());
            p.end();
            at = close + 2;
        }
        return new UsernameTemplate(List.copyOf(parts), clock);
    }

    /** The username for a display name and role. */
    public String render(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder();
        for (Node n : parts) {
            sb.append(str(eval(n, fields)));
        }
        return sb.toString();
    }

    private Object eval(Node n, Map<String, String> fields) {
        return switch (n) {
            case Text t -> t.text();
            case Literal l -> l.value();
            case Field f -> {
                String v = fields.get(f.name());
                if (v == null) {
                    throw new IllegalArgumentException("unknown field ." + f.name());
                }
                yield v;
            }
            case Call c -> call(c.function(), c.args().stream().map(a -> eval(a, fields)).toList());
        };
    }

    private Object call(String function, List<Object> args) {
        return switch (function) {
            case "printf" -> printf(args);
            case "truncate" -> {
                arity(function, args, 2);
                String s = str(args.get(1));
                int n = number(args.get(0));
                yield s.length() <= n ? s : s.substring(0, n);
            }
            case "truncate_sha256" -> {
                arity(function, args, 2);
                String s = str(args.get(1));
                int n = number(args.get(0));
                if (s.length() <= n) {
                    yield s;
                }
                if (n <= 8) {
                    throw new IllegalArgumentException("truncate_sha256 needs more than 8 characters");
                }
                yield s.substring(0, n - 8) + sha256(s.substring(n - 8)).substring(0, 8);
            }
            case "random" -> {
                arity(function, args, 1);
                int n = number(args.get(0));
                char[] out = new char[n];
                for (int i = 0; i < n; i++) {
                    out[i] = ALPHANUMERIC[RANDOM.nextInt(ALPHANUMERIC.length)];
                }
                yield new String(out);
            }
            case "unix_time" -> {
                arity(function, args, 0);
                yield Long.toString(clock.millis() / 1000);
            }
            case "unix_time_millis" -> {
                arity(function, args, 0);
                yield Long.toString(clock.millis());
            }
            case "uuid" -> {
                arity(function, args, 0);
                yield UUID.randomUUID().toString();
            }
            case "lowercase" -> {
                arity(function, args, 1);
                yield str(args.get(0)).toLowerCase(Locale.ROOT);
            }
            case "uppercase" -> {
                arity(function, args, 1);
                yield str(args.get(0)).toUpperCase(Locale.ROOT);
            }
            case "replace" -> {
                arity(function, args, 3);
                yield str(args.get(2)).replace(str(args.get(0)), str(args.get(1)));
            }
            case "sha256" -> {
                arity(function, args, 1);
                yield sha256(str(args.get(0)));
            }
            default -> throw new IllegalArgumentException("function \"" + function + "\" not defined");
        };
    }

    private static String printf(List<Object> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("printf needs a format");
        }
        String format = str(args.get(0));
        StringBuilder sb = new StringBuilder();
        int next = 1;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 == format.length()) {
                sb.append(c);
                continue;
            }
            char verb = format.charAt(++i);
            if (verb == '%') {
                sb.append('%');
            } else if (verb == 's' || verb == 'd' || verb == 'v') {
                if (next >= args.size()) {
                    sb.append("%!").append(verb).append("(MISSING)");
                } else {
                    sb.append(str(args.get(next++)));
                }
            } else {
                throw new IllegalArgumentException("printf verb %" + verb + " is not supported");
            }
        }
        return sb.toString();
    }

    private static void arity(String function, List<Object> args, int n) {
        if (args.size() != n) {
            throw new IllegalArgumentException("wrong number of args for " + function + ": want " + n + " got " + args.size());
        }
    }

    private static int number(Object o) {
        long n;
        if (o instanceof Long l) {
            n = l;
        } else {
            try {
                n = Long.parseLong(str(o));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a number, got \"" + str(o) + "\"");
            }
        }
        if (n < 0 || n > MAX_NUMBER) {
            throw new IllegalArgumentException("number out of range 0 to " + MAX_NUMBER + ": " + n);
        }
        return (int) n;
    }

    private static String str(Object o) {
        return o.toString();
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Recursive descent over one action's text. */
    private static final class Parser {
        private final String src;
        private int pos;
        private int depth;

        Parser(String src) {
            this.src = src;
        }

        Node pipeline() {
            if (++depth > 32) {
                throw new IllegalArgumentException("username_template nests too deeply");
            }
            Node left = command(null);
            while (skip() && peek() == '|') {
                pos++;
                left = command(left);
            }
            depth--;
            return left;
        }

        private Node command(Node piped) {
            skip();
            List<Node> words = new ArrayList<>();
            while (skip() && peek() != '|' && peek() != ')') {
                words.add(operand());
            }
            if (words.isEmpty()) {
                throw new IllegalArgumentException("missing command in username_template");
            }
            Node head = words.get(0);
            if (head instanceof Call c && c.args().isEmpty()) {
                List<Node> args = new ArrayList<>(words.subList(1, words.size()));
                if (piped != null) {
                    args.add(piped);
                }
                return new Call(c.function(), List.copyOf(args));
            }
            if (words.size() > 1 || piped != null) {
                throw new IllegalArgumentException("can't give arguments to a non-function in username_template");
            }
            return head;
        }

        private Node operand() {
            char c = peek();
            if (c == '(') {
                pos++;
                Node inner = pipeline();
                skip();
                expect(')');
                return inner;
            }
            if (c == '"') {
                return new Literal(string());
            }
            if (c == '.') {
                pos++;
                return new Field(word());
            }
            if (Character.isDigit(c) || c == '-') {
                int start = pos++;
                while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                    pos++;
                }
                try {
                    return new Literal(Long.parseLong(src.substring(start, pos)));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad number in username_template");
                }
            }
            return new Call(word(), List.of());
        }

        private String word() {
            int start = pos;
            while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                pos++;
            }
            if (start == pos) {
                throw new IllegalArgumentException("unexpected \"" + (pos < src.length() ? src.charAt(pos) : ' ')
                        + "\" in username_template");
            }
            return src.substring(start, pos);
        }

        private String string() {
            StringBuilder sb = new StringBuilder();
            pos++;
            while (pos < src.length() && src.charAt(pos) != '"') {
                char c = src.charAt(pos++);
                if (c == '\\' && pos < src.length()) {
                    char e = src.charAt(pos++);
                    sb.append(switch (e) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        default -> e;
                    });
                } else {
                    sb.append(c);
                }
            }
            expect('"');
            return sb.toString();
        }

        private boolean skip() {
            while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
                pos++;
            }
            return pos < src.length();
        }

        private char peek() {
            return src.charAt(pos);
        }

        private void expect(char c) {
            if (pos >= src.length() || src.charAt(pos) != c) {
                throw new IllegalArgumentException("expected '" + c + "' in username_template");
            }
            pos++;
        }

        void end() {
            if (skip()) {
                throw new IllegalArgumentException("unexpected \"" + src.charAt(pos) + "\" in username_template");
            }
        }
    }
}
