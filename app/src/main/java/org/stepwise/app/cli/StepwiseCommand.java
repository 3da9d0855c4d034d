// The top `stepwise` command: holds the subcommands and turns every failure into one readable line, with exit code
// 2 when the user's input was at fault and 1 when Stepwise was; --debug adds the stack trace.
package org.stepwise.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.stepwise.core.data.DataFormatException;
import org.stepwise.core.io.ModelFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Command(
        name = "stepwise",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "A desktop studio for learning how neural networks train, one step at a time.")
public final class StepwiseCommand implements Runnable {
    /** The subcommands, in the order the help lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(
            InfoCommand.class,
            BenchCommand.class,
            ModelCommand.class,
            DatasetsCommand.class,
            TrainCommand.class,
            EvaluateCommand.class,
            PredictCommand.class,
            GenerateCommand.class,
            ProfileCommand.class,
            SweepCommand.class,
            FinetuneCommand.class,
            ContinualCommand.class,
            ZeroCommand.class,
            ParallelCommand.class,
            ExportCommand.class,
            ImportCommand.class,
            LessonsCommand.class,
            StudioCommand.class,
            CommandLine.HelpCommand.class);

    /** Exit code for a mistake in what the user gave: a value, a file, a dataset, a network description. */
    public static final int BAD_INPUT = 2;
    /** Exit code for a failure inside Stepwise. */
    public static final int INTERNAL_ERROR = 1;

    @Spec
    private CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print the stack trace of a failure, for a bug report.")
    private boolean debug;

    /** The command line as the launcher runs it; tests use the same one with their own writers. */
    public static CommandLine commandLine() {
        return withSubcommands(SUBCOMMANDS);
    }

    /**
     * The command line for starting the studio (no command, or {@code studio}): it has only the studio and help.
     * Picocli makes every subcommand's object up front, and all of them together cost the studio's start about
     * 0.3 s (the bench's JSON mapper alone most of it).
     */
    public static CommandLine studioCommandLine() {
        return withSubcommands(List.of(StudioCommand.class, CommandLine.HelpCommand.class));
    }

    private static CommandLine withSubcommands(List<Class<?>> subcommands) {
        CommandLine line = new CommandLine(new StepwiseCommand());
        subcommands.forEach(line::addSubcommand);
        return line.setParameterExceptionHandler(StepwiseCommand::badInput)
                .setExecutionExceptionHandler(StepwiseCommand::failed);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    // Bad input gets the reason and a pointer to help, not the whole usage text.
    private static int badInput(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("stepwise: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    // A failure while running is reported as one line: the messages are written for users, stack traces are not.
    private static int failed(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
        String message = e instanceof java.nio.file.NoSuchFileException ? "no such file: " + e.getMessage()
                : e.getMessage() != null ? e.getMessage() : e.toString();
        PrintWriter err = cmd.getErr();
        err.println("stepwise: " + message);
        if (debugRequested(parseResult)) {
            e.printStackTrace(err);
        }
        err.flush();
        return isBadInput(e) ? BAD_INPUT : INTERNAL_ERROR;
    }

    // The option is inherited, so it may have been given to the top command or to any subcommand on the way down.
    private static boolean debugRequested(CommandLine.ParseResult result) {
        for (CommandLine.ParseResult r = result; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    // GraphException and ShapeException are IllegalArgumentExceptions: a network that does not fit is bad input.
    static boolean isBadInput(Throwable e) {
        return e instanceof DataFormatException || e instanceof ModelFormatException
                || e instanceof IllegalArgumentException || e instanceof IOException
                || e instanceof UncheckedIOException;
    }
}
