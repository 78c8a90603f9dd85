package dev.nlsql.nl;

import java.util.Locale;
import java.util.regex.Pattern;

/** The placeholder token syntax shared with the ID vault: {@code __KIND_n__}. */
final class Placeholders {

    /** A placeholder name: {@code __ID_1__}, {@code __STR_2__}, {@code __NUM_3__}, {@code __DATE_4__}. */
    static final Pattern TOKEN = Pattern.compile("__(?:ID|STR|NUM|DATE)_[0-9]+__", Pattern.CASE_INSENSITIVE);

    private Placeholders() {}

    static boolean isPlaceholder(String s) {
        return s != null && TOKEN.matcher(s).matches();
    }

    static String canonical(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
