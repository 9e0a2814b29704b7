package bouncemx.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bouncemx journal ...}: tools for the journal; only the subcommands do anything. */
@Command(name = "journal", mixinStandardHelpOptions = true, description = "Inspect the journal.",
        subcommands = {JournalDumpCommand.class})
final class JournalCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a journal command is required: " + String.join(", ", spec.subcommands().keySet()));
    }
}
