package io.surge.security;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a production secret must not be: a value shipped in this repository (examples, docs, test configuration,
 * bench scripts) or anything built like one, or too short or too repetitive to resist guessing. Strength is judged by
 * length and by the Shannon entropy of the characters (bits per character times length): a random base64 string of
 * 48 bytes scores about 340 bits, {@code "change-me-to-at-least-32-random-bytes-0000000000"} about 190 but is a
 * placeholder, {@code "aaaaaaaa…"} zero. {@code SecretPolicyTests} reads the repository's example files and fails
 * the build if one of their values would pass.
 */
final class SecretPolicy {

    /** Values that appear in the repository, and where: kept in step with the files by SecretPolicyTests. */
    static final Map<String, String> SHIPPED = Map.of(
            "change-me-to-at-least-32-random-bytes-0000000000", ".env.example",
            "change-me-admin", ".env.example",
            "change-me-root", ".env.example",
            "change-me-surge", ".env.example",
            "change-me-redis", ".env.example",
            "replace-with-at-least-32-random-bytes-00000000", "deploy/k8s/secret.example.yaml",
            "replace-me", "deploy/k8s/secret.example.yaml",
            "test-secret-for-surge-integration-tests-0123456789", "src/test/resources/application-test.yml",
            "bench-secret-bench-secret-bench-secret-0123", "stage/bench-agent",
            "password123", "the test suite's members");

    /** Fragments only placeholders contain. */
    static final List<String> PLACEHOLDER_FRAGMENTS =
            List.of("change-me", "changeme", "replace-me", "replace-with", "placeholder", "example", "your-", "todo");

    /**
     * A secret's requirements: its env name, the least bytes, the least estimated bits of entropy in all and per
     * character (a long value of few distinct characters, {@code "abcd…"}, is not random however long).
     */
    record Rule(String variable, int minBytes, double minBits, double minBitsPerChar) {

        Rule named(String name) {
            return new Rule(name, minBytes, minBits, minBitsPerChar);
        }
    }

    static final Rule JWT_SECRET = new Rule("SURGE_JWT_SECRET", 32, 128, 3.0);
    static final Rule PASSWORD = new Rule("password", 12, 50, 2.5);

    private SecretPolicy() {}

    /**
     * Long fragments anywhere; a short one ({@code todo}) only as a word of its own: inside a random value four
     * letters match by chance (base64 of 48 random bytes contains "todo" once in ~17,000 values, which made the stage's
     * own generated secrets fail now and then).
     */
    static boolean containsFragment(String lower, String fragment) {
        if (fragment.length() >= 5) {
            return lower.contains(fragment);
        }
        for (int at = lower.indexOf(fragment); at >= 0; at = lower.indexOf(fragment, at + 1)) {
            int end = at + fragment.length();
            boolean wordStart = at == 0 || !Character.isLetterOrDigit(lower.charAt(at - 1));
            boolean wordEnd = end == lower.length() || !Character.isLetterOrDigit(lower.charAt(end));
            if (wordStart && wordEnd) {
                return true;
            }
        }
        return false;
    }

    /** Why {@code value} is refused for {@code rule}, or null when it is acceptable. Never echoes the value. */
    static String problem(Rule rule, String value) {
        String shippedIn = SHIPPED.get(value);
        if (shippedIn != null) {
            return rule.variable() + " is the placeholder shipped in " + shippedIn;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        for (String fragment : PLACEHOLDER_FRAGMENTS) {
            if (containsFragment(lower, fragment)) {
                return rule.variable() + " looks like a placeholder (contains '" + fragment + "')";
            }
        }
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        double bits = entropyBits(value);
        double perChar = bits / Math.max(1, value.codePointCount(0, value.length()));
        if (bytes < rule.minBytes() || bits < rule.minBits() || perChar < rule.minBitsPerChar() || periodic(value)) {
            return String.format(
                    Locale.ROOT,
                    "%s is too weak (%d bytes, ~%.0f bits of entropy; needs at least %d bytes and %.0f bits, e.g."
                            + " `openssl rand -base64 48`)",
                    rule.variable(),
                    bytes,
                    bits,
                    rule.minBytes(),
                    rule.minBits());
        }
        return null;
    }

    /** A short pattern repeated ({@code "abcdefgh" x 8}): its character statistics look random, the value is not. */
    static boolean periodic(String value) {
        int length = value.length();
        for (int period = 1; period <= length / 2; period++) {
            if (length % period == 0
                    && value.substring(0, period).repeat(length / period).equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** Shannon entropy of the value's characters, times its length: an estimate, generous to long passphrases. */
    static double entropyBits(String value) {
        if (value.isEmpty()) {
            return 0;
        }
        Map<Integer, Integer> counts = new HashMap<>();
        value.codePoints().forEach(c -> counts.merge(c, 1, Integer::sum));
        int length = value.codePointCount(0, value.length());
        double perChar = 0;
        for (int count : counts.values()) {
            double p = count / (double) length;
            perChar -= p * (Math.log(p) / Math.log(2));
        }
        return perChar * length;
    }
}
