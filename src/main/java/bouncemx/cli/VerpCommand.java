package bouncemx.cli;

import bouncemx.config.Config;
import bouncemx.verp.SignedVerp;
import bouncemx.verp.VerpCheck;
import bouncemx.verp.VerpVerifier;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.time.Clock;

/**
 * {@code bouncemx verp encode | verify}: signed VERP addresses (README "Signed VERP") with the keys of
 * {@code --config}/{@code --set} ({@code verp.keys}), read exactly as {@code run} reads them. {@code encode} prints
 * the address signed with the first key (exit 2 when the recipient cannot be encoded, e.g. too long, or no key
 * is configured); {@code verify} prints one JSON object {@code {"valid", "recipient", "ref", "key_id", "issued",
 * "problem"}} (fields it cannot know are null; problem only when invalid) and exits 0 when valid, 1 when not.
 */
@Command(name = "verp", mixinStandardHelpOptions = true, description = "Signed VERP return paths: encode, verify.",
        subcommands = {VerpCommand.Encode.class, VerpCommand.Verify.class})
final class VerpCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a verp command is required: " + String.join(", ", spec.subcommands().keySet()));
    }

    abstract static class Tool extends ConfiguredTool {
        Tool(PrintStream out, PrintStream err, Clock clock) {
            super(out, err, clock);
        }
    }

    @Command(name = "encode", mixinStandardHelpOptions = true, description = "Print the signed return path for a recipient.")
    static final class Encode extends Tool {
        @Option(names = "--recipient", paramLabel = "ADDR", required = true, description = "the recipient of the message")
        String recipient;

        @Option(names = "--ref", paramLabel = "REF", description = "a message or campaign reference: 0-20 of a-z, 0-9, _")
        String ref = "";

        @Option(names = "--domain", paramLabel = "D", description = "the bounce domain (default: the first exact name in smtp.domains)")
        String domain;

        Encode(PrintStream out, PrintStream err, Clock clock) {
            super(out, err, clock);
        }

        @Override
        int run(Config cfg) {
            if (cfg.verp().keys().isEmpty()) {
                err.println("bouncemx: no signing key: set verp.keys (e.g. --set 'verp.keys=[{id: k1, secret: \"...\"}]')");
                return Main.EXIT_USAGE;
            }
            String d = domain;
            if (d == null) {
                d = cfg.smtp().domains().stream().filter(x -> !x.contains("*")).findFirst().orElse(null);
                if (d == null) {
                    err.println("bouncemx: no bounce domain: give --domain, or list an exact name in smtp.domains");
                    return Main.EXIT_USAGE;
                }
            }
            try {
                out.println(VerpVerifier.of(cfg.verp(), clock).encode(recipient, ref, d));
                return Main.EXIT_OK;
            } catch (IllegalArgumentException e) {
                err.println("bouncemx: " + e.getMessage());
                return Main.EXIT_USAGE;
            }
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true, description = "Decode a signed return path and check its signature.")
    static final class Verify extends Tool {
        private static final ObjectMapper JSON = new ObjectMapper();

        @Parameters(paramLabel = "ADDRESS", description = "the address to check")
        String address;

        Verify(PrintStream out, PrintStream err, Clock clock) {
            super(out, err, clock);
        }

        @Override
        int run(Config cfg) {
            VerpCheck check = VerpVerifier.of(cfg.verp(), clock).check(address);
            ObjectNode o = JSON.createObjectNode();
            o.put("valid", check.valid());
            SignedVerp.Parts p = switch (check) {
                case VerpCheck.Valid v -> v.parts();
                case VerpCheck.Invalid i -> i.parts();
            };
            o.put("recipient", p == null ? null : p.recipient());
            o.put("ref", p == null ? null : p.ref());
            o.put("key_id", p == null ? null : p.keyId());
            o.put("issued", p == null ? null : p.issued().toString());
            if (check instanceof VerpCheck.Invalid i) o.put("problem", i.problem());
            out.println(o.toString());
            return check.valid() ? Main.EXIT_OK : Main.EXIT_FAILURE;
        }
    }
}
