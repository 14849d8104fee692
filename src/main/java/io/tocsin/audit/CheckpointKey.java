package io.tocsin.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The Ed25519 key that signs checkpoints, kept in a PKCS#8 file outside the database: whoever can rewrite the
 * database (and recompute every hash) still cannot sign a checkpoint for the rewritten chain. Files are PEM
 * ({@code -----BEGIN PRIVATE KEY-----}, what {@code openssl genpkey -algorithm ed25519} writes) or raw DER.
 */
public final class CheckpointKey {
    private static final Logger LOG = Logger.getLogger(CheckpointKey.class.getName());
    private static final String ALGORITHM = "Ed25519";
    private static final String PEM_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PEM_END = "-----END PRIVATE KEY-----";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final boolean created;

    private CheckpointKey(PrivateKey privateKey, PublicKey publicKey, boolean created) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.created = created;
    }

    /** Reads the key at {@code file}, or makes a new one there (owner-only permissions) when there is none. */
    public static CheckpointKey loadOrCreate(Path file) {
        if (Files.exists(file)) {
            return load(file);
        }
        try {
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            writeOwnerOnly(file, pem(pair.getPrivate().getEncoded()));
            LOG.info("made a new checkpoint signing key at " + file + " (keep it, and keep it private: "
                    + "checkpoints signed by it can only be checked with its public key)");
            return new CheckpointKey(pair.getPrivate(), pair.getPublic(), true);
        } catch (FileAlreadyExistsException raced) {
            return load(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint key " + file + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make Ed25519 keys", e);
        }
    }

    public static CheckpointKey load(Path file) {
        byte[] der;
        try {
            der = decodeKeyFile(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint key " + file + ": " + e.getMessage(), e);
        }
        warnIfReadableByOthers(file);
        try {
            PrivateKey key = KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
            return new CheckpointKey(key, publicKeyOf(key), false);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the checkpoint key " + file + " is not a PKCS#8 Ed25519 private key: "
                    + e.getMessage(), e);
        }
    }

    /** True when this start made the key: there can be no checkpoints signed by it yet. */
    public boolean created() {
        return created;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The public key as base64 of its X.509 SubjectPublicKeyInfo (RFC 8410), as served and as --public-key takes. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    byte[] sign(byte[] message) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(privateKey);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a checkpoint", e);
        }
    }

    static boolean verifies(PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(key);
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * A public key given as base64 SubjectPublicKeyInfo (what the checkpoint endpoint serves), or a file holding
     * that, a {@code -----BEGIN PUBLIC KEY-----} PEM, or the DER bytes.
     */
    public static PublicKey parsePublicKey(String fileOrBase64) {
        byte[] der;
        Path file = Path.of(fileOrBase64);
        try {
            if (Files.isRegularFile(file)) {
                byte[] bytes = Files.readAllBytes(file);
                String text = new String(bytes, StandardCharsets.US_ASCII);
                der = text.contains("-----BEGIN") || text.strip().matches("[A-Za-z0-9+/=\\s]+")
                        ? base64Body(text) : bytes;
            } else {
                der = Base64.getDecoder().decode(fileOrBase64.strip());
            }
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the public key " + file + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + fileOrBase64 + "' is neither a file nor base64 holding an Ed25519 "
                    + "public key (X.509 SubjectPublicKeyInfo)", e);
        }
    }

    /**
     * The JDK has no call that derives an Ed25519 public key from the private one, but its key generator takes the
     * 32 private-key bytes from the random source it is given (RFC 8032 §5.1.5): replaying them yields the same pair.
     * The result is checked by a signature, so a JDK that did otherwise fails loudly instead of signing with the
     * wrong key.
     */
    private static PublicKey publicKeyOf(PrivateKey key) throws GeneralSecurityException {
        byte[] seed = ((EdECPrivateKey) key).getBytes()
                .orElseThrow(() -> new GeneralSecurityException("the private key's bytes are not available"));
        KeyPairGenerator g = KeyPairGenerator.getInstance(ALGORITHM);
        g.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
            }
        });
        PublicKey pub = g.generateKeyPair().getPublic();
        byte[] probe = "tocsin checkpoint key probe".getBytes(StandardCharsets.US_ASCII);
        Signature s = Signature.getInstance(ALGORITHM);
        s.initSign(key);
        s.update(probe);
        if (!verifies(pub, probe, s.sign())) {
            throw new GeneralSecurityException("could not derive the public key from the private key");
        }
        Arrays.fill(seed, (byte) 0);
        return pub;
    }

    private static byte[] decodeKeyFile(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.US_ASCII);
        if (text.contains(PEM_BEGIN)) {
            int from = text.indexOf(PEM_BEGIN) + PEM_BEGIN.length();
            int to = text.indexOf(PEM_END, from);
            return Base64.getMimeDecoder().decode(text.substring(from, to < 0 ? text.length() : to));
        }
        return bytes;
    }

    private static byte[] base64Body(String text) {
        return Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", ""));
    }

    private static byte[] pem(byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return (PEM_BEGIN + "\n" + body + "\n" + PEM_END + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Written whole to a temporary file (0600 from its creation: no moment at which another user could read it),
     * then linked into place: another process starting at the same moment sees no key or the whole key, never half,
     * and the loser of the race ({@link FileAlreadyExistsException}) loads the winner's.
     */
    private static void writeOwnerOnly(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.getFileStore(dir).supportsFileAttributeView("posix")
                ? Files.createTempFile(dir, ".checkpoint-key", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, ".checkpoint-key", ".tmp");
        try {
            Files.write(tmp, content);
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.createLink(file.toAbsolutePath(), tmp);
            } catch (UnsupportedOperationException noHardLinks) {
                Files.move(tmp, file); // no replace: a key already there wins
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void warnIfReadableByOthers(Path file) {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            if (p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ)) {
                LOG.warning("the checkpoint key " + file + " is readable by other users ("
                        + PosixFilePermissions.toString(p) + "); chmod 600 it");
            }
        } catch (UnsupportedOperationException | IOException ignored) {
            // not a POSIX file system: nothing to check
        }
    }
}
