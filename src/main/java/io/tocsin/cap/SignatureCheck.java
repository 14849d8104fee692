package io.tocsin.cap;

import java.io.ByteArrayInputStream;
import java.security.SignatureException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.URIDereferencer;
import javax.xml.crypto.URIReferenceException;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Verifies the enveloped XML-DSig signatures of an alert (the ds:Signature children of its root) and applies the
 * signature policy. Secure validation is always on, references can only point into the message itself, and nothing
 * is fetched. A signature that fails (digest, value, certificate, tampered base64) is an error; one that cannot be
 * evaluated at all (SHA-1, empty, malformed, not covering the whole alert) proves nothing either way and is a warning
 * that counts as "not signed" for the policy. See docs/cap.md for why.
 */
final class SignatureCheck {
    private static final String DS = XMLSignature.XMLNS;
    // The algorithms the JDK's jdk.xml.dsig.secureValidationPolicy forbids, named here to explain the refusal.
    private static final Set<String> LEGACY = Set.of(
            "http://www.w3.org/2000/09/xmldsig#sha1", "http://www.w3.org/2000/09/xmldsig#rsa-sha1",
            "http://www.w3.org/2000/09/xmldsig#dsa-sha1", "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1",
            "http://www.w3.org/2007/05/xmldsig-more#sha1-rsa-MGF1", "http://www.w3.org/2000/09/xmldsig#hmac-sha1",
            "http://www.w3.org/2001/04/xmldsig-more#rsa-md5", "http://www.w3.org/2001/04/xmldsig-more#hmac-md5",
            "http://www.w3.org/2001/04/xmldsig-more#md5", "http://www.w3.org/TR/1999/REC-xslt-19991116");
    // Transforms that keep "the whole alert minus this signature": anything else may sign only part of it.
    private static final Set<String> WHOLE_ALERT = Set.of(Transform.ENVELOPED, CanonicalizationMethod.INCLUSIVE,
            CanonicalizationMethod.INCLUSIVE_WITH_COMMENTS, CanonicalizationMethod.EXCLUSIVE,
            CanonicalizationMethod.EXCLUSIVE_WITH_COMMENTS, "http://www.w3.org/2006/12/xml-c14n11",
            "http://www.w3.org/2006/12/xml-c14n11#WithComments");
    private static final Pattern KEY_VALUE_PARTS = Pattern.compile("Modulus|Exponent|P|Q|G|Y|J|Seed|PgenCounter");

    private enum Outcome { VERIFIED, UNVERIFIABLE, INVALID }

    private record Attempt(boolean verified, boolean digestsOk) {
    }

    private SignatureCheck() {
    }

    static SignatureStatus check(Document document, SignaturePolicy policy, Issues issues) {
        Element alert = document.getDocumentElement();
        List<Element> signatures = Dom.children(alert, DS, "Signature");
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < signatures.size(); i++) {
            outcomes.add(checkOne(document, i, signatures.get(i), issues));
        }
        SignatureStatus status = outcomes.contains(Outcome.INVALID) ? SignatureStatus.INVALID
                : outcomes.contains(Outcome.VERIFIED) ? SignatureStatus.VERIFIED
                : outcomes.isEmpty() ? SignatureStatus.UNSIGNED : SignatureStatus.UNVERIFIABLE;
        String sender = Dom.childText(alert, alert.getNamespaceURI(), "sender").orElse("");
        if (policy.requires(sender)
                && (status == SignatureStatus.UNSIGNED || status == SignatureStatus.UNVERIFIABLE)) {
            issues.error(CapIssue.Category.SIGNATURE, "signature.missing", alert, "the message from " + sender
                    + (status == SignatureStatus.UNSIGNED ? " has not been signed"
                    : " has not been signed with a signature that can be verified (see the warnings)")
                    + ", and the signature policy requires a signature from this sender");
        }
        return status;
    }

    private static Outcome checkOne(Document document, int index, Element signature, Issues issues) {
        Optional<Element> signedInfo = Dom.child(signature, DS, "SignedInfo");
        if (signedInfo.isEmpty()) {
            return unverifiable(signature, "the Signature element is empty (no SignedInfo)", issues);
        }
        Optional<String> legacy = algorithms(signedInfo.get()).stream().filter(LEGACY::contains).findFirst();
        if (legacy.isPresent()) {
            return unverifiable(signature, "it uses " + legacy.get() + ", which is refused as too weak (SHA-1 and "
                    + "MD5 collisions are practical; the JDK's secure validation refuses them too)", issues);
        }
        Optional<String> partial = notWholeAlert(signedInfo.get());
        if (partial.isPresent()) {
            return unverifiable(signature, "it does not provably cover the whole alert: " + partial.get(), issues);
        }
        if (!encodingsIntact(signature, issues)) {
            return Outcome.INVALID;
        }
        for (Element child : Dom.children(signature)) {
            if (!DS.equals(child.getNamespaceURI())) {
                issues.warn(CapIssue.Category.SIGNATURE, "signature.foreign-child", child, "<"
                        + child.getLocalName() + "> inside the signature is outside the XML-DSig namespace; "
                        + "it is not covered by the signature and is ignored");
            }
        }
        return verify(document, index, signature, issues);
    }

    private static Outcome verify(Document document, int index, Element signature, Issues issues) {
        List<Attempt> attempts = new ArrayList<>();
        String malformed = null;
        for (SignatureCopies.Mode mode : SignatureCopies.Mode.values()) {
            SignatureCopies.Copy copy = SignatureCopies.of(document, index, mode);
            try {
                Attempt attempt = attempt(copy);
                if (attempt.verified()) {
                    if (mode == SignatureCopies.Mode.WHITESPACE_NORMALISED) {
                        issues.warn(CapIssue.Category.SIGNATURE, "signature.whitespace-normalised", signature,
                                "the signature verifies only with whitespace between elements removed: the message "
                                        + "was re-indented after signing");
                    }
                    return Outcome.VERIFIED;
                }
                attempts.add(attempt);
            } catch (MarshalException e) {
                malformed = e.getMessage();
            } catch (XMLSignatureException e) {
                issues.error(rejected(e, signature));
                return Outcome.INVALID;
            }
        }
        if (attempts.isEmpty()) {
            return unverifiable(signature, "it is malformed (" + malformed + ")", issues);
        }
        if (attempts.stream().noneMatch(Attempt::digestsOk)) {
            issues.error(CapIssue.Category.SIGNATURE, "signature.bad-digest", signature, "the alert does not match "
                    + "the digest in its signature: it was changed after signing");
        } else {
            issues.error(CapIssue.Category.SIGNATURE, "signature.bad-signature", signature, "the signature value "
                    + "does not match the signed data and the signer's key: the signature is forged or damaged");
        }
        return Outcome.INVALID;
    }

    private static Attempt attempt(SignatureCopies.Copy copy) throws MarshalException, XMLSignatureException {
        XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
        DOMValidateContext context = new DOMValidateContext(new SignatureKeys(), copy.signature());
        context.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
        URIDereferencer sameDocument = factory.getURIDereferencer();
        context.setURIDereferencer((reference, ctx) -> {
            String uri = reference.getURI();
            if (uri == null || !(uri.isEmpty() || uri.startsWith("#"))) {
                throw new URIReferenceException("reference " + uri + " is outside the message; it is never fetched");
            }
            return sameDocument.dereference(reference, ctx);
        });
        XMLSignature signature = factory.unmarshalXMLSignature(context);
        if (signature.validate(context)) {
            return new Attempt(true, true);
        }
        boolean digests = true;
        for (Reference reference : signature.getSignedInfo().getReferences()) {
            digests &= reference.validate(context);
        }
        return new Attempt(false, digests);
    }

    private static List<String> algorithms(Element signedInfo) {
        List<String> out = new ArrayList<>();
        Dom.child(signedInfo, DS, "CanonicalizationMethod").ifPresent(e -> out.add(e.getAttribute("Algorithm")));
        Dom.child(signedInfo, DS, "SignatureMethod").ifPresent(e -> out.add(e.getAttribute("Algorithm")));
        for (Element reference : Dom.children(signedInfo, DS, "Reference")) {
            Dom.child(reference, DS, "DigestMethod").ifPresent(e -> out.add(e.getAttribute("Algorithm")));
            out.addAll(transforms(reference));
        }
        return out;
    }

    private static List<String> transforms(Element reference) {
        return Dom.child(reference, DS, "Transforms").map(t -> Dom.children(t, DS, "Transform")).orElse(List.of())
                .stream().map(t -> t.getAttribute("Algorithm")).toList();
    }

    private static Optional<String> notWholeAlert(Element signedInfo) {
        List<Element> references = Dom.children(signedInfo, DS, "Reference");
        if (references.size() != 1) {
            return Optional.of("it has " + references.size() + " references where an enveloped signature has one");
        }
        Element reference = references.get(0);
        if (!reference.hasAttribute("URI") || !reference.getAttribute("URI").isEmpty()) {
            return Optional.of("its reference is URI=\"" + reference.getAttribute("URI") + "\", not URI=\"\"");
        }
        List<String> transforms = transforms(reference);
        if (!transforms.contains(Transform.ENVELOPED)) {
            return Optional.of("it is not an enveloped signature");
        }
        return transforms.stream().filter(t -> !WHOLE_ALERT.contains(t)).findFirst()
                .map(t -> "its transform " + t + " may remove part of the alert from what is signed");
    }

    // Digest, signature value, certificates and key values must be canonical base64, and certificates readable.
    private static boolean encodingsIntact(Element signature, Issues issues) {
        boolean intact = true;
        for (Element e : descendants(signature)) {
            String name = e.getLocalName();
            String code = switch (name) {
                case "DigestValue" -> "signature.bad-digest";
                case "SignatureValue" -> "signature.bad-signature";
                case "X509Certificate" -> "signature.bad-certificate";
                default -> KEY_VALUE_PARTS.matcher(name).matches() ? "signature.bad-key" : null;
            };
            if (code == null) {
                continue;
            }
            Optional<String> problem = CanonicalBase64.problem(e.getTextContent());
            if (problem.isEmpty() && name.equals("X509Certificate")) {
                problem = unreadableCertificate(e.getTextContent());
            }
            if (problem.isPresent()) {
                issues.error(CapIssue.Category.SIGNATURE, code, e, "the signature's " + name + " is bad: "
                        + problem.get());
                intact = false;
            }
        }
        return intact;
    }

    private static Optional<String> unreadableCertificate(String base64) {
        try {
            CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(Base64.getMimeDecoder().decode(base64)));
            return Optional.empty();
        } catch (CertificateException | IllegalArgumentException e) {
            return Optional.of("it is not a readable X.509 certificate (" + e.getMessage() + ")");
        }
    }

    private static List<Element> descendants(Element root) {
        List<Element> out = new ArrayList<>();
        for (Element child : Dom.children(root)) {
            if (DS.equals(child.getNamespaceURI())) {
                out.add(child);
                out.addAll(descendants(child));
            }
        }
        return out;
    }

    // Why the JDK gave up: our key checks, a signature value the crypto provider cannot even parse (an RSA value
    // larger than the modulus, an ECDSA value of the wrong length), or a secure-validation limit such as key size.
    private static CapIssue rejected(XMLSignatureException e, Element signature) {
        String where = XPaths.of(signature);
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SignatureKeys.KeyProblem problem) {
                return new CapIssue(CapIssue.Category.SIGNATURE, problem.code(), where, problem.getMessage());
            }
            if (t instanceof SignatureException bad) {
                return new CapIssue(CapIssue.Category.SIGNATURE, "signature.bad-signature", where, "the signature "
                        + "value is damaged (" + bad.getMessage() + "): the signature is forged or broken");
            }
        }
        return new CapIssue(CapIssue.Category.SIGNATURE, "signature.rejected", where,
                "the signature cannot be verified: " + e.getMessage());
    }

    private static Outcome unverifiable(Element signature, String why, Issues issues) {
        issues.warn(CapIssue.Category.SIGNATURE, "signature.unverifiable", signature, "signature not counted: "
                + why + "; it proves nothing either way");
        return Outcome.UNVERIFIABLE;
    }
}
