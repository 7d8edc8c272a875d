package org.symtune.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small parser for {@code --name value}, {@code --name=value} and {@code --flag} arguments.
 * Every option a command accepts must be declared, so a typo is an error, not an ignored option.
 */
public final class Args {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, List<String>> repeated = new LinkedHashMap<>();
    private final Set<String> flags = new LinkedHashSet<>();
    private final List<String> positional = new ArrayList<>();

    private Args() {
    }

    /**
     * Parses {@code args}.
     *
     * @param valued options that take a value (without the leading dashes)
     * @param booleans options that are plain flags
     */
    public static Args parse(List<String> args, Set<String> valued, Set<String> booleans) throws UsageException {
        Args a = new Args();
        for (int i = 0; i < args.size(); i++) {
            String s = args.get(i);
            if (!s.startsWith("--") || s.equals("--")) {
                a.positional.add(s);
                continue;
            }
            String name = s.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (booleans.contains(name)) {
                if (value != null) throw new UsageException("option --" + name + " takes no value");
                a.flags.add(name);
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) throw new UsageException("option --" + name + " needs a value");
                    value = args.get(++i);
                }
                a.values.put(name, value);
                a.repeated.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } else {
                throw new UsageException("unknown option --" + name);
            }
        }
        return a;
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }

    public String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** Every value given to a repeatable option, in order (empty when it was not given). */
    public List<String> getAll(String name) {
        return repeated.getOrDefault(name, List.of());
    }

    public int getInt(String name, int fallback) throws UsageException {
        String v = values.get(name);
        if (v == null) return fallback;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + " needs an integer, got '" + v + "'");
        }
    }

    public List<String> positional() {
        return positional;
    }
}
