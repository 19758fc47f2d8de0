package dev.vigil.stress.jcstress;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The gate's command line, validated.
 *
 * @param jar              the shaded jcstress.jar to run
 * @param mode             jcstress's {@code -m} preset: sanity, quick, default, tough, stress
 * @param resultsDirectory where jcstress runs: its result blob, HTML report ({@code report/}) and log go here
 * @param testSelector     jcstress's {@code -t} regular expression
 * @param controls         which negative controls must be caught
 * @param runMinutesMax    bound on the jcstress run; it is killed and the gate fails after it
 * @param jcstressArgs     further jcstress options, passed through
 */
record GateOptions(Path jar, String mode, Path resultsDirectory, String testSelector, ControlPolicy controls, long runMinutesMax,
        List<String> jcstressArgs) {
    static final String TESTS_DEFAULT = "^dev\\.vigil\\.stress\\.jcstress\\.";
    static final long RUN_MINUTES_MAX_DEFAULT = 30;
    private static final List<String> MODES = List.of("sanity", "quick", "default", "tough", "stress");
    static final String USAGE = """
            usage: JcstressGate --jar PATH --results DIR [--mode sanity|quick|default|tough|stress]
                                [--tests REGEX] [--controls auto|required|informational] [--minutes-max N] [-- JCSTRESS_ARGS...]
              --controls auto (default): sanity mode requires the controls that show reliably in it, longer modes all of them""";

    GateOptions {
        Objects.requireNonNull(jar, "jar");
        Objects.requireNonNull(resultsDirectory, "resultsDirectory");
        Objects.requireNonNull(controls, "controls");
        if (!MODES.contains(mode)) {
            throw new IllegalArgumentException("--mode '" + mode + "' must be one of " + MODES);
        }
        if (runMinutesMax < 1) {
            throw new IllegalArgumentException("--minutes-max " + runMinutesMax + " must be >= 1");
        }
        jcstressArgs = List.copyOf(jcstressArgs);
    }

    static GateOptions parse(String[] args) {
        Path jar = null;
        Path results = null;
        String mode = "sanity";
        String tests = TESTS_DEFAULT;
        String controls = "auto";
        long minutesMax = RUN_MINUTES_MAX_DEFAULT;
        List<String> passThrough = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                passThrough.addAll(List.of(args).subList(i + 1, args.length));
                break;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + arg + " needs a value\n" + USAGE);
            }
            String value = args[++i];
            switch (arg) {
                case "--jar" -> jar = Path.of(value);
                case "--results" -> results = Path.of(value);
                case "--mode" -> mode = value;
                case "--tests" -> tests = value;
                case "--controls" -> controls = value;
                case "--minutes-max" -> minutesMax = Long.parseLong(value);
                default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
            }
        }
        if (jar == null || results == null) {
            throw new IllegalArgumentException("--jar and --results are required\n" + USAGE);
        }
        ControlPolicy policy = switch (controls) {
            case "auto" -> ControlPolicy.forMode(mode);
            case "required" -> ControlPolicy.allRequired();
            case "informational" -> ControlPolicy.informational();
            default -> throw new IllegalArgumentException("--controls '" + controls + "' must be auto, required or informational");
        };
        return new GateOptions(jar, mode, results, tests, policy, minutesMax, passThrough);
    }
}
