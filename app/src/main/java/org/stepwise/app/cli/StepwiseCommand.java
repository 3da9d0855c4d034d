// The top `stepwise` command: holds the subcommands and turns every failure into one readable line.
package org.stepwise.app.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "stepwise",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "A desktop studio for learning how neural networks train, one step at a time.",
        subcommands = {
                InfoCommand.class,
                BenchCommand.class,
                ModelCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class StepwiseCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    /** The command line as the launcher runs it; tests use the same one with their own writers. */
    public static CommandLine commandLine() {
        return new CommandLine(new StepwiseCommand())
                .setParameterExceptionHandler(StepwiseCommand::badInput)
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
        String message = e.getMessage() != null ? e.getMessage() : e.toString();
        cmd.getErr().println("stepwise: " + message);
        return cmd.getCommandSpec().exitCodeOnExecutionException();
    }
}
