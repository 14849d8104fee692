package io.tocsin.cap.mapping;

import io.tocsin.app.AlertDesk;
import io.tocsin.cap.CapIssue;
import io.tocsin.cap.CapReference;
import io.tocsin.cap.CapValidator;
import io.tocsin.cap.CapVerdict;
import io.tocsin.cap.CapVersion;
import io.tocsin.cap.SecureXml;
import io.tocsin.cap.XmlRefusedException;
import io.tocsin.cap.mapping.CapImportException.Kind;
import io.tocsin.cap.mapping.InboundMessage.Action;
import io.tocsin.cap.mapping.InboundMessage.Content;
import io.tocsin.domain.Actor;
import io.tocsin.domain.Alert;
import io.tocsin.domain.DomainException;
import io.tocsin.domain.EndAlert;
import io.tocsin.domain.EndReason;
import io.tocsin.domain.EventType;
import io.tocsin.domain.IssueAlert;
import io.tocsin.domain.LoggedEvent;
import io.tocsin.domain.Problem;
import io.tocsin.domain.RegionTree;
import io.tocsin.domain.Status;
import io.tocsin.domain.TextsPatch;
import io.tocsin.domain.UpdateAlert;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.w3c.dom.Document;

/**
 * Imports one CAP 1.2 message: secure parse, full validation, mapping, then the same command an operator would send
 * through the JSON API (so the scope, two-person and lifecycle rules all apply), and the link from the message to
 * the alert it became. System and Draft messages are checked the same way but change nothing. Blocking (the desk
 * writes to the log): call it off the event loop. Thread-safe; imports are applied one at a time so that a message
 * posted twice at once is still imported once.
 */
public final class CapImporter {
    private final CapValidator validator = CapValidator.builder().versions(EnumSet.of(CapVersion.V1_2))
            .maxBytes(SecureXml.MESSAGE_LIMIT).build();
    private final AlertDesk desk;
    private final RegionTree tree;
    private final CapReader reader;
    private final CapLinks links;
    private final CapOrigin.Store origins;

    public CapImporter(AlertDesk desk, RegionTree tree, CapAreaResolver resolver, CapLinks links) {
        this(desk, tree, resolver, links, CapOrigin.Store.NONE);
    }

    public CapImporter(AlertDesk desk, RegionTree tree, CapAreaResolver resolver, CapLinks links,
                       CapOrigin.Store origins) {
        this.desk = desk;
        this.tree = tree;
        this.reader = new CapReader(tree, resolver);
        this.links = links;
        this.origins = origins;
    }

    /** What an import did. */
    public enum Result { ISSUED, PENDING_APPROVAL, UPDATED, ENDED, NOT_PUBLISHED, DUPLICATE, UNCHANGED }

    /**
     * @param alertId the local alert the message became or acts on (null for a Draft or System Alert)
     * @param event   the logged event, for ISSUED, PENDING_APPROVAL, UPDATED and ENDED
     */
    public record Outcome(Result result, InboundMessage message, String alertId, LoggedEvent event) {
    }

    /** The size limit of one message (the HTTP route enforces it while reading). */
    public long maxBytes() {
        return validator.maxBytes();
    }

    public Outcome importMessage(Actor actor, byte[] xml) {
        Document doc;
        try {
            doc = SecureXml.parse(xml, validator.maxBytes());
        } catch (XmlRefusedException e) {
            throw invalid(List.of(e.issue()));
        }
        CapVerdict verdict = validator.validate(doc);
        if (!verdict.valid()) {
            throw invalid(verdict.issues());
        }
        InboundMessage message = reader.read(doc);
        synchronized (this) {
            Outcome o = apply(actor, message);
            if (o.event() != null) {
                // Like the link, written once the event is durable: a crash between the two loses the citation
                // of this one version, never an alert.
                origins.record(CapOrigin.of(doc).at(o.event().seq(), o.event().event().alert().id()));
            }
            return o;
        }
    }

    private Outcome apply(Actor actor, InboundMessage m) {
        var seen = links.find(m.sender(), m.identifier(), this::exists);
        if (seen.isPresent()) {
            return new Outcome(Result.DUPLICATE, m, seen.get(), null);
        }
        String target = m.action() == Action.ISSUE ? null : target(m);
        if (m.status().isEmpty()) {
            // A dry run: the same scope check the desk would make, on the alert acted on and on its new regions.
            List<String> regions = new ArrayList<>(m.content().map(Content::regions).orElse(List.of()));
            if (target != null) {
                regions.addAll(alert(target).regions());
            }
            if (!actor.covers(tree, regions)) {
                throw new DomainException(Problem.OUT_OF_SCOPE,
                        "token '" + actor.name() + "' may act only inside " + String.join(", ", actor.scope()));
            }
            return new Outcome(Result.NOT_PUBLISHED, m, target, null);
        }
        Status status = m.status().get();
        LoggedEvent e;
        Result result;
        switch (m.action()) {
            case ISSUE -> {
                Content c = m.content().orElseThrow();
                e = desk.issue(actor, new IssueAlert(c.regions(), c.threat().threat(), c.threat().subtype(),
                        c.stage(), status, c.texts(), c.expires()));
                result = e.event().type() == EventType.APPROVAL_REQUESTED ? Result.PENDING_APPROVAL : Result.ISSUED;
            }
            case UPDATE -> {
                requireStatus(alert(target), status);
                Content c = m.content().orElseThrow();
                e = desk.update(actor, new UpdateAlert(target, c.regions(), c.threat().threat(), c.threat().subtype(),
                        c.stage(), TextsPatch.replacing(c.texts()), c.expires(), c.expires() == null));
                // An update that makes the alert need a second operator is held, like an issue.
                result = e.event().type() == EventType.APPROVAL_REQUESTED ? Result.PENDING_APPROVAL : Result.UPDATED;
            }
            default -> {
                Alert a = alert(target);
                requireStatus(a, status);
                if (!a.active() && m.endReason() == EndReason.EXPIRED) {
                    links.record(m.sender(), m.identifier(), target);
                    return new Outcome(Result.UNCHANGED, m, target, null); // it has ended here already
                }
                // Only the system expires alerts: an imported expiry ends the local copy as an all-clear.
                EndReason reason = m.endReason() == EndReason.EXPIRED ? EndReason.ALL_CLEAR : m.endReason();
                e = desk.end(actor, new EndAlert(target, reason));
                result = Result.ENDED;
            }
        }
        links.record(m.sender(), m.identifier(), e.event().alert().id());
        return new Outcome(result, m, e.event().alert().id(), e);
    }

    /** The one local alert the message's references lead to. */
    private String target(InboundMessage m) {
        Set<String> found = new LinkedHashSet<>();
        for (CapReference ref : m.references()) {
            links.find(ref, this::exists).ifPresent(found::add);
        }
        if (found.isEmpty()) {
            String detail = "none of the " + m.references().size() + " message(s) this " + m.action().wire()
                    + " references was imported here (import the original Alert first)";
            throw new CapImportException(Kind.CAP_UNKNOWN_REFERENCE, detail,
                    List.of(new CapIssue(CapIssue.Category.SEMANTIC, "references.unknown", "/alert/references[1]",
                            detail)));
        }
        if (found.size() > 1) {
            throw CapImportException.at(Kind.CAP_UNMAPPABLE, "references.several-alerts", "/alert/references[1]",
                    "the references lead to several alerts (" + String.join(", ", found) + "); an Update or Cancel "
                            + "acts on one");
        }
        return found.iterator().next();
    }

    private boolean exists(String alertId) {
        return desk.board().find(alertId).isPresent() || desk.board().pending(alertId).isPresent();
    }

    private Alert alert(String id) {
        return desk.board().find(id).or(() -> desk.board().pending(id).map(p -> p.alert()))
                .orElseThrow(() -> new DomainException(Problem.ALERT_NOT_FOUND, "no alert " + id));
    }

    private static void requireStatus(Alert a, Status status) {
        if (a.status() != status) {
            throw new DomainException(Problem.INVALID_TRANSITION, "the message's status is " + CapTerms.status(status)
                    + " but alert " + a.id() + " is " + a.status().wire() + ": an alert's status never changes");
        }
    }

    private static CapImportException invalid(List<CapIssue> issues) {
        String first = issues.isEmpty() ? "" : ": " + issues.get(0).message();
        return new CapImportException(Kind.INVALID_CAP, issues.size() + " error(s) in the CAP message" + first,
                issues);
    }
}
