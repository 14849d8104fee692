package io.tocsin.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A TOML config file: flat {@code key = value} lines whose keys are the options' names. Unknown keys, keys that may
 * not be set in a file and values of the wrong type are errors naming the file and the key, never ignored: a typo
 * that silently leaves a default in place is worse than a refused start.
 */
public final class ConfigFile {
    private static final TomlMapper TOML = new TomlMapper();

    private final Path path;
    private final Map<String, JsonNode> values;

    private ConfigFile(Path path, Map<String, JsonNode> values) {
        this.path = path;
        this.values = values;
    }

    /** Reads and checks the keys of {@code path}; throws ConfigException listing every unknown or misplaced key. */
    public static ConfigFile read(Path path) {
        JsonNode root;
        try {
            root = TOML.readTree(Files.readString(path));
        } catch (NoSuchFileException e) {
            throw new ConfigException(List.of(path + ": no such config file"));
        } catch (JacksonException e) {
            throw new ConfigException(List.of(path + ": not valid TOML: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ConfigException(List.of(path + ": cannot read: " + e.getMessage()));
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        if (root != null) {
            root.properties().forEach(entry -> {
                String key = entry.getKey();
                var option = Options.byName(key);
                if (option.isEmpty()) {
                    problems.add(path + ": unknown key '" + key + "'"
                            + Options.nearest(key).map(n -> " (did you mean '" + n + "'?)").orElse(""));
                } else if (!option.get().settable(Option.Where.FILE)) {
                    problems.add(path + ": key '" + key + "' cannot be set in a file (" + option.get().reason() + ")");
                } else {
                    values.put(key, entry.getValue());
                }
            });
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new ConfigFile(path, values);
    }

    public Path path() {
        return path;
    }

    /** The value written for {@code key}, or null. */
    JsonNode get(String key) {
        return values.get(key);
    }

    public int size() {
        return values.size();
    }
}
