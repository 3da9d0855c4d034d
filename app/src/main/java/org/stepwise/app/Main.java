// The entry point of the `stepwise` launcher: runs the command line and exits with its code.
package org.stepwise.app;

import org.stepwise.app.cli.StepwiseCommand;

public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(StepwiseCommand.commandLine().execute(args));
    }
}
