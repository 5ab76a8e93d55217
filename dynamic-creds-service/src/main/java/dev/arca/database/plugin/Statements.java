package dev.arca.database.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Statement templates made safe to run. Each template may hold several statements separated by
 * {@code ;} (outside quotes and dollar quotes). A placeholder ({@code {{name}}}, {@code {{username}}},
 * {@code {{password}}}, {@code {{expiration}}}) is replaced together with the quotes the operator
 * wrote around it ({@code "{{name}}"}, {@code '{{password}}'}) by the value quoted by the database's own
 * rules, so a value can never end its quotes: {@code '{{name}}'} becomes a string literal,
 * {@code "{{name}}"} and a bare {@code {{name}}} what the plugin's {@link Quoting} makes of them.
 */
public final class Statements {

    /** How a database quotes values. */
    public interface Quoting {
        /** A value written as {@code "{{x}}"}, {@code `{{x}}`} or bare: {@code quote} is the character, or 0. */
        String quoted(String placeholder, char quote, String value);

        /** A string literal. */
        String literal(String value);
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("([\"'`]?)\\{\\{\\s*(name|username|password|expiration)\\s*}}([\"'`]?)");

    private Statements() {
    }

    /** Every statement of the templates, split and with the values filled in. */
    public static List<String> render(List<String> templates, Map<String, String> values, Quoting quoting) {
        List<String> out = new ArrayList<>();
        for (String template : templates) {
            for (String statement : split(template)) {
                out.add(fill(statement, values, quoting));
            }
        }
        return out;
    }

    static String fill(String statement, Map<String, String> values, Quoting quoting) {
        StringBuilder sb = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(statement);
        int i = 0;
        int n = statement.length();
        while (i < n) {
            char c = statement.charAt(i);
            if (m.region(i, n).lookingAt()) {
                sb.append(value(m, values, quoting));
                i = m.end();
            } else if (c == '\'' || c == '"' || c == '`') {
                int end = quotedEnd(statement, i);
                String quoted = statement.substring(i, end);
                if (quoted.contains("{{")) {
                    throw new IllegalArgumentException("a placeholder inside quotes must be all the quoted text, e.g. '{{password}}'");
                }
                sb.append(quoted);
                i = end;
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }

    private static String value(Matcher m, Map<String, String> values, Quoting quoting) {
        String open = m.group(1);
        String close = m.group(3);
        if (!open.equals(close)) {
            throw new IllegalArgumentException("a placeholder must be quoted on both sides or on neither");
        }
        String name = m.group(2);
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("{{" + name + "}} has no value in this statement");
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("the value of {{" + name + "}} holds a NUL character");
        }
        if (open.equals("'")) {
            return quoting.literal(value);
        }
        return quoting.quoted(name, open.isEmpty() ? (char) 0 : open.charAt(0), value);
    }

    /** The index after the quoted text starting at {@code i} (a doubled quote character stays inside). */
    private static int quotedEnd(String s, int i) {
        char q = s.charAt(i);
        int j = i + 1;
        while (j < s.length()) {
            if (s.charAt(j) == q) {
                if (j + 1 < s.length() && s.charAt(j + 1) == q) {
                    j += 2;
                    continue;
                }
                return j + 1;
            }
            j++;
        }
        return s.length();
    }

    /** A template's statements: split on {@code ;} outside quotes, comments and dollar quotes; blank ones dropped. */
    static List<String> split(String template) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int i = 0;
        int n = template.length();
        while (i < n) {
            char c = template.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = quotedEnd(template, i);
                cur.append(template, i, end);
                i = end;
            } else if (c == '$') {
                Matcher tag = DOLLAR.matcher(template).region(i, n);
                if (tag.lookingAt()) {
                    int end = template.indexOf(tag.group(), i + tag.group().length());
                    end = end < 0 ? n : end + tag.group().length();
                    cur.append(template, i, end);
                    i = end;
                } else {
                    cur.append(c);
                    i++;
                }
            } else if (c == '-' && i + 1 < n && template.charAt(i + 1) == '-') {
                int end = template.indexOf('\n', i);
                end = end < 0 ? n : end;
                cur.append(template, i, end);
                i = end;
            } else if (c == ';') {
                add(out, cur);
                i++;
            } else {
                cur.append(c);
                i++;
            }
        }
        add(out, cur);
        return out;
    }

    private static final Pattern DOLLAR = Pattern.compile("\\$[A-Za-z_]*\\$");

    private static void add(List<String> out, StringBuilder cur) {
        String s = cur.toString().trim();
        if (!s.isEmpty()) {
            out.add(s);
        }
        cur.setLength(0);
    }
}
