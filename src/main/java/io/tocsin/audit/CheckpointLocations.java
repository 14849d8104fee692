package io.tocsin.audit;

import java.nio.file.Path;

/**
 * Where the checkpoint key and file are. Beside an SQLite database by default ({@code tocsin.db.checkpoint-key},
 * {@code tocsin.db.checkpoints}): same disk, other file, so a database copied or rewritten alone does not carry
 * them along. PostgreSQL has no file to stand beside, and a default inside the working directory would silently
 * give every node its own new key: the key must be named, and the file defaults to the key's path plus
 * {@code .checkpoints}.
 *
 * @param key  the PKCS#8 Ed25519 private key
 * @param file the checkpoint lines
 */
public record CheckpointLocations(Path key, Path file) {
    public static final String KEY_SUFFIX = ".checkpoint-key";
    public static final String FILE_SUFFIX = ".checkpoints";

    /**
     * Resolves the defaults for {@code database} ({@code sqlite:PATH} or {@code jdbc:postgresql:…}); {@code key} and
     * {@code file} may be null. Throws IllegalArgumentException, naming the option, when PostgreSQL has no key.
     */
    public static CheckpointLocations resolve(String database, Path key, Path file) {
        Path sqlite = sqliteFile(database);
        if (key == null) {
            if (sqlite == null) {
                throw new IllegalArgumentException("a PostgreSQL log needs its checkpoint signing key named: "
                        + "--checkpoint-key FILE (env TOCSIN_CHECKPOINT_KEY); the file is made on first start if absent. "
                        + "Keep it outside the database, one per server");
            }
            key = sqlite.resolveSibling(sqlite.getFileName() + KEY_SUFFIX);
        }
        if (file == null) {
            file = sqlite != null ? sqlite.resolveSibling(sqlite.getFileName() + FILE_SUFFIX)
                    : key.resolveSibling(key.getFileName() + FILE_SUFFIX);
        }
        return new CheckpointLocations(key, file);
    }

    /** The SQLite file a database option names, or null for PostgreSQL. */
    public static Path sqliteFile(String database) {
        if (database.startsWith("jdbc:postgresql:")) {
            return null;
        }
        return Path.of(database.startsWith("sqlite:") ? database.substring("sqlite:".length()) : database)
                .toAbsolutePath();
    }
}
