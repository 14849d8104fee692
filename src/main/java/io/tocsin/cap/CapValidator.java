package io.tocsin.cap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Validates one CAP message: the secure parse, the root (a CAP 1.0, 1.1 or 1.2 alert), the version's OASIS XSD, the
 * semantic rules the XSD cannot express, and the XML-DSig signatures under a {@link SignaturePolicy}. Immutable and
 * thread-safe; build one and share it.
 *
 * <pre>{@code
 * CapValidator validator = CapValidator.builder()
 *         .signaturePolicy(SignaturePolicy.requireFrom(List.of("cap@example.gov.ua")))
 *         .knownMessages(ref -> store.exists(ref.sender(), ref.identifier(), ref.sent()))
 *         .build();
 * CapVerdict verdict = validator.validate(bytes);
 * }</pre>
 */
public final class CapValidator {
    private static final Pattern OTHER_CAP = Pattern.compile("urn:oasis:names:tc:emergency:cap:(\\d+(?:\\.\\d+)*)");

    private final SignaturePolicy signaturePolicy;
    private final boolean lenient;
    private final CapProfile profile;
    private final long maxBytes;
    private final Set<CapVersion> versions;
    private final Predicate<CapReference> knownMessages;

    private CapValidator(Builder builder) {
        this.signaturePolicy = builder.signaturePolicy;
        this.lenient = builder.lenient;
        this.profile = builder.profile;
        this.maxBytes = builder.maxBytes;
        this.versions = Set.copyOf(builder.versions);
        this.knownMessages = builder.knownMessages;
    }

    /** Strict validation of CAP 1.0–1.2, signatures optional, 2 MiB limit, references not looked up. */
    public static CapValidator strict() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The size limit for one message, in bytes. */
    public long maxBytes() {
        return maxBytes;
    }

    /** Validates the bytes of a message (the encoding comes from its XML declaration). */
    public CapVerdict validate(byte[] xml) {
        try {
            return validate(SecureXml.parse(xml, maxBytes));
        } catch (XmlRefusedException e) {
            return CapVerdict.refused(List.of(e.issue()));
        }
    }

    /** Reads at most {@link #maxBytes()} from the stream and validates them. */
    public CapVerdict validate(InputStream in) throws IOException {
        try {
            return validate(SecureXml.readBounded(in, maxBytes));
        } catch (XmlRefusedException e) {
            return CapVerdict.refused(List.of(e.issue()));
        }
    }

    /** Validates a file, refusing it unread when it is larger than {@link #maxBytes()}. */
    public CapVerdict validate(Path file) throws IOException {
        try {
            return validate(SecureXml.readBounded(file, maxBytes));
        } catch (XmlRefusedException e) {
            return CapVerdict.refused(List.of(e.issue()));
        }
    }

    /**
     * Validates a document parsed by {@link SecureXml#parse} (so the caller can map the same DOM afterwards). The
     * document is not modified.
     */
    public CapVerdict validate(Document document) {
        Element root = document.getDocumentElement();
        Optional<CapVersion> version = Optional.ofNullable(root.getNamespaceURI()).flatMap(CapVersion::byNamespace)
                .filter(v -> "alert".equals(root.getLocalName()));
        if (version.isEmpty() || !versions.contains(version.get())) {
            return CapVerdict.refused(notCap(root, version));
        }
        Issues issues = new Issues();
        SchemaCheck.run(lenient ? LenientView.of(document, version.get(), issues) : document, version.get(), issues);
        StructureRules.check(root, version.get(), issues);
        AlertRules.check(root, version.get(), knownMessages, issues);
        AreaRules.check(root, version.get(), issues);
        if (profile != null) {
            profile.check(root, version.get(), issues);
        }
        SignatureStatus signature = SignatureCheck.check(document, signaturePolicy, issues);
        return new CapVerdict(version, signature, issues.errors(), issues.warnings());
    }

    // Two issues, deliberately: not-cap says what the document is; schema says what an XSD validator reports (no CAP
    // schema declares this root). The sources disagree on which one names the case (see docs/cap.md).
    private List<CapIssue> notCap(Element root, Optional<CapVersion> known) {
        String ns = root.getNamespaceURI();
        String name = (ns == null ? "" : "{" + ns + "}") + root.getLocalName();
        String xpath = "/" + root.getLocalName();
        CapIssue schema = new CapIssue(CapIssue.Category.SCHEMA, "schema.cvc-elt.1", xpath,
                "no accepted CAP schema declares the root element " + name);
        String code;
        String message;
        Matcher other = OTHER_CAP.matcher(String.valueOf(ns));
        if (known.isPresent()) {
            code = "not-cap.version";
            message = "CAP " + known.get().label() + " is not accepted by this validator (accepted: " + accepted()
                    + ")";
        } else if (other.matches()) {
            code = "not-cap.version";
            message = "CAP version " + other.group(1) + " is not supported (supported: " + accepted() + ")";
        } else if ("alert".equals(root.getLocalName())) {
            code = "not-cap.namespace";
            message = "the root element " + name + " is not in a CAP namespace (CAP 1.2 is "
                    + CapVersion.V1_2.namespace() + ")";
        } else {
            code = "not-cap.root";
            message = "the root element " + name + " is not a CAP alert" + FeedFormat.hint(root);
        }
        return List.of(new CapIssue(CapIssue.Category.NOT_CAP, code, xpath, message), schema);
    }

    private String accepted() {
        return String.join(", ", EnumSet.copyOf(versions).stream().map(CapVersion::label).toList());
    }

    /** Configures a {@link CapValidator}. */
    public static final class Builder {
        private SignaturePolicy signaturePolicy = SignaturePolicy.optional();
        private boolean lenient;
        private CapProfile profile;
        private long maxBytes = SecureXml.MESSAGE_LIMIT;
        private Set<CapVersion> versions = EnumSet.allOf(CapVersion.class);
        private Predicate<CapReference> knownMessages;

        private Builder() {
        }

        /** Who must sign; {@link SignaturePolicy#optional()} by default. */
        public Builder signaturePolicy(SignaturePolicy policy) {
            this.signaturePolicy = Objects.requireNonNull(policy);
            return this;
        }

        /**
         * Lenient mode forgives sibling order and a trailing signature in CAP 1.0/1.1 (as warnings); strict (the
         * default) reports them as schema errors.
         */
        public Builder lenient(boolean lenient) {
            this.lenient = lenient;
            return this;
        }

        /** The size limit for a message; {@link SecureXml#MESSAGE_LIMIT} (2 MiB) by default. */
        public Builder maxBytes(long maxBytes) {
            if (maxBytes <= 0) {
                throw new IllegalArgumentException("maxBytes must be positive");
            }
            this.maxBytes = maxBytes;
            return this;
        }

        /** The CAP versions to accept; all three by default. Others get a not-cap.version issue. */
        public Builder versions(Set<CapVersion> versions) {
            if (versions.isEmpty()) {
                throw new IllegalArgumentException("accept at least one CAP version");
            }
            this.versions = EnumSet.copyOf(versions);
            return this;
        }

        /**
         * Answers whether a referenced message is known (on import: is it in our store?). Unknown references become
         * semantic errors. Without it (the default) references are checked for form only.
         */
        public Builder knownMessages(Predicate<CapReference> knownMessages) {
            this.knownMessages = Objects.requireNonNull(knownMessages);
            return this;
        }

        /** Also checks a consumer's profile (null: CAP alone, the default). */
        public Builder profile(CapProfile profile) {
            this.profile = profile;
            return this;
        }

        public CapValidator build() {
            return new CapValidator(this);
        }
    }
}
