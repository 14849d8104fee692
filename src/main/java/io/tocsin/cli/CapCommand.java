package io.tocsin.cli;

import io.tocsin.cap.CapFeedValidator;
import io.tocsin.cap.CapInspector;
import io.tocsin.cap.CapProfile;
import io.tocsin.cap.CapIssue;
import io.tocsin.cap.CapReport;
import io.tocsin.cap.CapValidator;
import io.tocsin.cap.SignaturePolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tocsin cap validate FILE...}: the verdict on CAP messages, Atom/RSS CAP feeds and EDXL-DE distributions, one
 * block per file ({@code VALID} or {@code INVALID}, then each issue with its category, XPath and reason). Exit code 0
 * when every file is valid, 1 otherwise. Nothing is fetched: links in feeds are not followed.
 */
@Command(name = "cap", mixinStandardHelpOptions = true,
        description = "Work with CAP (Common Alerting Protocol) messages and feeds.",
        subcommands = {CapCommand.Validate.class})
public final class CapCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Validate CAP 1.0-1.2 messages, Atom/RSS CAP feeds and EDXL-DE files (exit code 1 if any "
                    + "is invalid).")
    static final class Validate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "The files to validate.")
        List<Path> files = new ArrayList<>();

        @Option(names = "--require-signature", description = "Every message must carry a verifiable XML signature.")
        boolean requireAll;

        @Option(names = "--require-signature-from", paramLabel = "SENDER",
                description = "Messages from this sender must carry a verifiable XML signature (repeatable).")
        List<String> requiredSenders = new ArrayList<>();

        @Option(names = "--lenient", description = "Accept out-of-order elements and a signature in CAP 1.0/1.1 "
                + "alerts, as warnings.")
        boolean lenient;

        @Option(names = "--no-warnings", description = "Print errors only.")
        boolean noWarnings;

        @Option(names = "--profile", paramLabel = "PROFILE", description = "Also check what a consumer demands: "
                + "google (Google Public Alerts) or ipaws-like (the OASIS CAP 1.2 IPAWS profile); docs/cap.md lists "
                + "each rule.")
        String profile;

        @Override
        public Integer call() {
            SignaturePolicy policy = requireAll ? SignaturePolicy.requireAll()
                    : SignaturePolicy.requireFrom(requiredSenders);
            CapProfile chosen = null;
            if (profile != null) {
                chosen = CapProfile.of(profile).orElseThrow(() -> new picocli.CommandLine.ParameterException(
                        spec.commandLine(), "unknown profile '" + profile + "': use google or ipaws-like"));
            }
            CapValidator messages = CapValidator.builder().signaturePolicy(policy).lenient(lenient)
                    .profile(chosen).build();
            CapInspector inspector = new CapInspector(messages, CapFeedValidator.builder().messages(messages).build());
            PrintWriter out = spec.commandLine().getOut();
            boolean allValid = true;
            for (Path file : files) {
                CapReport report;
                try {
                    report = inspector.inspect(file);
                } catch (IOException e) {
                    out.println(file + ": UNREADABLE (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
                    allValid = false;
                    continue;
                }
                allValid &= report.valid();
                out.println(file + ": " + (report.valid() ? "VALID" : "INVALID"));
                report.issues().forEach(issue -> out.println("  " + line(issue)));
                if (!noWarnings) {
                    report.warnings().forEach(issue -> out.println("  warning " + line(issue)));
                }
            }
            out.flush();
            return allValid ? 0 : 1;
        }

        private static String line(CapIssue issue) {
            return issue.category().label() + " " + issue.xpath() + ": " + issue.message() + " [" + issue.code() + "]";
        }
    }
}
