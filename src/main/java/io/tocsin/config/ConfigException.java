package io.tocsin.config;

import java.util.List;

/** A configuration that cannot be used: every problem found, each naming its key, flag or variable and file. */
public final class ConfigException extends RuntimeException {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
