package dev.vigil.stress.load;

/**
 * The load test's command line: {@code java -cp benchmarks.jar dev.vigil.stress.load.LoadTest
 * [options]} (see {@link LoadOptions#USAGE}). Loopback only, bounded in monitors and time, stops
 * by itself. Exit code 0 when the audit passed, 1 when it failed, 2 on bad arguments.
 */
public final class LoadTest {
    static final int EXIT_PASSED = 0;
    static final int EXIT_AUDIT_FAILED = 1;
    static final int EXIT_BAD_ARGUMENTS = 2;

    private LoadTest() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(LoadOptions.USAGE);
            return;
        }
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException bad) {
            System.err.println("load test: " + bad.getMessage());
            System.err.println(LoadOptions.USAGE);
            System.exit(EXIT_BAD_ARGUMENTS);
            return;
        }
        LoadReport report = LoadRun.run(options, System.out);
        report.print(System.out);
        System.exit(report.auditPassed() ? EXIT_PASSED : EXIT_AUDIT_FAILED);
    }
}
