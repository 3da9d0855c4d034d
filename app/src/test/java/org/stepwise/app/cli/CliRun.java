// Test helper: runs the `stepwise` command line in-process and captures its exit code, standard output and error.
package org.stepwise.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

record CliRun(int exitCode, String out, String err) {

    static CliRun of(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exitCode = cli.execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    static CliRun of(String... args) {
        return of(StepwiseCommand.commandLine(), args);
    }
}
