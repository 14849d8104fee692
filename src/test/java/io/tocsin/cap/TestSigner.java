package io.tocsin.cap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import org.w3c.dom.Document;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSOutput;
import org.w3c.dom.ls.LSSerializer;

/**
 * Signs test messages the way a CAP sender would (enveloped XML-DSig, SHA-256). Keys and certificates come from the
 * JDK's own keytool, run once per key, so no key material is checked in and no internal JDK API is needed.
 */
final class TestSigner {
    private final KeyStore.PrivateKeyEntry entry;

    private TestSigner(KeyStore.PrivateKeyEntry entry) {
        this.entry = entry;
    }

    /** A fresh key pair and self-signed certificate; {@code keyUsage} as keytool's -ext KeyUsage=… value. */
    static TestSigner generate(Path dir, String keyAlgorithm, String keyUsage) throws Exception {
        Path store = dir.resolve(keyAlgorithm + "-" + keyUsage.replace(',', '-') + ".p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        List<String> command = new java.util.ArrayList<>(List.of(keytool, "-genkeypair", "-alias", "signer",
                "-keyalg", keyAlgorithm, "-dname", "CN=Tocsin test signer", "-validity", "30", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit", "-ext",
                "KeyUsage=" + keyUsage));
        if (keyAlgorithm.equals("EC")) {
            command.addAll(List.of("-groupname", "secp256r1"));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, "changeit".toCharArray());
        }
        return new TestSigner((KeyStore.PrivateKeyEntry) keyStore.getEntry("signer",
                new KeyStore.PasswordProtection("changeit".toCharArray())));
    }

    /** The message with an enveloped signature whose KeyInfo holds the certificate (or only the public key). */
    byte[] sign(byte[] unsigned, boolean withCertificate) throws Exception {
        Document document = SecureXml.parse(unsigned, SecureXml.MESSAGE_LIMIT);
        XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
        Reference reference = factory.newReference("", factory.newDigestMethod(DigestMethod.SHA256, null),
                List.of(factory.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null)), null, null);
        String method = entry.getPrivateKey().getAlgorithm().equals("EC") ? SignatureMethod.ECDSA_SHA256
                : SignatureMethod.RSA_SHA256;
        SignedInfo signedInfo = factory.newSignedInfo(factory.newCanonicalizationMethod(
                CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
                factory.newSignatureMethod(method, null), List.of(reference));
        KeyInfoFactory keys = factory.getKeyInfoFactory();
        X509Certificate certificate = (X509Certificate) entry.getCertificate();
        KeyInfo keyInfo = withCertificate ? keys.newKeyInfo(List.of(keys.newX509Data(List.of(certificate))))
                : keys.newKeyInfo(List.of(keys.newKeyValue(certificate.getPublicKey())));
        DOMSignContext context = new DOMSignContext(entry.getPrivateKey(), document.getDocumentElement());
        context.setDefaultNamespacePrefix("ds");
        factory.newXMLSignature(signedInfo, keyInfo).sign(context);
        return serialise(document);
    }

    static byte[] serialise(Document document) throws IOException, GeneralSecurityException {
        DOMImplementationLS ls = (DOMImplementationLS) document.getImplementation().getFeature("LS", "3.0");
        LSSerializer serializer = ls.createLSSerializer();
        LSOutput output = ls.createLSOutput();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        output.setByteStream(bytes);
        output.setEncoding("UTF-8");
        serializer.write(document, output);
        return bytes.toByteArray();
    }
}
