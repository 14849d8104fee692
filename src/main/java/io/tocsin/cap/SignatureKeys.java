package io.tocsin.cap;

import java.security.KeyException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.crypto.AlgorithmMethod;
import javax.xml.crypto.KeySelector;
import javax.xml.crypto.KeySelectorException;
import javax.xml.crypto.KeySelectorResult;
import javax.xml.crypto.XMLCryptoContext;
import javax.xml.crypto.XMLStructure;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.KeyValue;
import javax.xml.crypto.dsig.keyinfo.X509Data;

/**
 * Finds the key that verifies a signature, in the signature's own KeyInfo: the end-entity X509Certificate of an
 * X509Data, else a KeyValue. The certificate must allow signing (keyUsage digitalSignature or nonRepudiation when the
 * extension is present) and hold a key of the signature algorithm's family. Trust in the certificate (a chain to a
 * known authority, validity dates) is not judged here: see docs/cap.md.
 */
final class SignatureKeys extends KeySelector {

    /** A key that is missing, unreadable or unusable; {@code code} becomes the issue code. */
    static final class KeyProblem extends KeySelectorException {
        private final String code;

        KeyProblem(String code, String message) {
            super(message);
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    @Override
    public KeySelectorResult select(KeyInfo keyInfo, Purpose purpose, AlgorithmMethod method,
                                    XMLCryptoContext context) throws KeySelectorException {
        if (keyInfo == null) {
            throw new KeyProblem("signature.no-key", "the signature has no KeyInfo, so there is no key to verify it");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        PublicKey keyValue = null;
        for (XMLStructure item : keyInfo.getContent()) {
            if (item instanceof X509Data data) {
                for (Object entry : data.getContent()) {
                    if (entry instanceof X509Certificate certificate) {
                        certificates.add(certificate);
                    }
                }
            } else if (item instanceof KeyValue value && keyValue == null) {
                try {
                    keyValue = value.getPublicKey();
                } catch (KeyException e) {
                    throw new KeyProblem("signature.bad-key", "the KeyValue cannot be read: " + e.getMessage());
                }
            }
        }
        PublicKey key = certificates.isEmpty() ? keyValue : usable(endEntity(certificates)).getPublicKey();
        if (key == null) {
            throw new KeyProblem("signature.no-key", "KeyInfo holds neither an X509Certificate nor a KeyValue");
        }
        checkFamily(key, method.getAlgorithm(), certificates.isEmpty() ? "signature.bad-key"
                : "signature.bad-certificate");
        return () -> key;
    }

    // A chain may be given; the signer is the certificate that is not a CA.
    private static X509Certificate endEntity(List<X509Certificate> certificates) {
        return certificates.stream().filter(c -> c.getBasicConstraints() < 0).findFirst()
                .orElse(certificates.get(0));
    }

    private static X509Certificate usable(X509Certificate certificate) throws KeyProblem {
        boolean[] usage = certificate.getKeyUsage();
        if (usage != null && !usage[0] && !(usage.length > 1 && usage[1])) {
            throw new KeyProblem("signature.bad-certificate", "the certificate of "
                    + certificate.getSubjectX500Principal().getName()
                    + " may not be used for signatures (its keyUsage allows neither digitalSignature nor "
                    + "nonRepudiation)");
        }
        return certificate;
    }

    private static void checkFamily(PublicKey key, String algorithm, String code) throws KeyProblem {
        String uri = algorithm.toLowerCase(Locale.ROOT);
        String needed = uri.contains("ecdsa") ? "EC" : uri.contains("rsa") ? "RSA" : uri.contains("dsa") ? "DSA" : null;
        if (needed == null) {
            throw new KeyProblem("signature.bad-key", "the signature method " + algorithm
                    + " does not use a public key (an HMAC needs a shared secret Tocsin does not have)");
        }
        if (!needed.equals(key.getAlgorithm())) {
            throw new KeyProblem(code, "the signature's key is " + key.getAlgorithm()
                    + ", which cannot verify a " + algorithm + " signature");
        }
    }
}
