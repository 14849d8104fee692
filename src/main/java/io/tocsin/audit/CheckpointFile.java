package io.tocsin.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The checkpoints, one JSON line each, in a file outside the database (a tamperer with the database alone cannot
 * remove them, and monitors may copy the file or the endpoint's answer elsewhere). Append-only; each line is
 * flushed to disk.
 */
public final class CheckpointFile {
    private static final Logger LOG = Logger.getLogger(CheckpointFile.class.getName());

    private final Path path;

    public CheckpointFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    public boolean exists() {
        return Files.exists(path);
    }

    /** Creates the file empty if absent: it exists from the moment its key does (see {@link TamperCheck}). */
    public void create() {
        try {
            Path dir = path.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            if (!Files.exists(path)) {
                Files.createFile(path);
            }
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            // another process made it
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the checkpoint file " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Moves the file aside (to {@code <file>.superseded-<time>}) and starts an empty one: after an accepted break
     * (a restored backup, say), later starts are held to checkpoints of the log as it now is, and the old ones stay
     * for {@code audit verify --checkpoints}. Returns where they went.
     */
    public synchronized Path setAside(java.time.Instant now) {
        Path kept = path.resolveSibling(path.getFileName() + ".superseded-" + now.toString().replace(':', '-'));
        try {
            if (Files.exists(path)) {
                Files.move(path, kept);
            }
            create();
            return kept;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the checkpoint file " + path + " aside: " + e.getMessage(), e);
        }
    }

    public synchronized void append(Checkpoint c) {
        byte[] line = (c.toJson().toString() + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            Path dir = path.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            boolean torn = endsTorn();
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer b = ByteBuffer.wrap(torn ? ("\n" + new String(line, StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8) : line);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the checkpoint file " + path + ": " + e.getMessage(), e);
        }
    }

    /** True when the file ends inside a line: a write that a crash (kill -9, power loss) cut short. */
    private boolean endsTorn() throws IOException {
        if (!Files.exists(path)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0) {
                return false;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            ch.read(last, size - 1);
            return last.get(0) != '\n';
        }
    }

    /**
     * Every checkpoint in the file, each checked against {@code key}. A line that is not a checkpoint at all is a
     * write that a crash cut short (the next append starts a new line after it): skipped with a warning, since it
     * proves nothing either way. A checkpoint whose signature fails is a {@link BadCheckpointException}: the file
     * was altered, or is signed by another key. An absent file holds no checkpoints.
     */
    public List<Checkpoint> read(PublicKey key) {
        if (!Files.exists(path)) {
            return List.of();
        }
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint file " + path + ": " + e.getMessage(), e);
        }
        String[] lines = text.split("\n", -1);
        List<Checkpoint> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            Checkpoint c;
            try {
                c = Checkpoint.fromJson(line);
            } catch (IllegalArgumentException e) {
                LOG.warning(path + " line " + (i + 1) + " is " + e.getMessage() + " (a write cut short?); ignored");
                continue;
            }
            if (!c.verifiesWith(key)) {
                throw new BadCheckpointException(c.seq(), path + " line " + (i + 1) + " (seq " + c.seq()
                        + ") does not verify with the public key: the checkpoint file was altered or signed by another key");
            }
            out.add(c);
        }
        return out;
    }

    /** A line of the checkpoint file that is not a checkpoint signed by the expected key. */
    public static final class BadCheckpointException extends RuntimeException {
        private final long seq;

        BadCheckpointException(long seq, String message) {
            super(message);
            this.seq = seq;
        }

        /** The seq the line claims, 0 when it cannot be read at all. */
        public long seq() {
            return seq;
        }
    }
}
