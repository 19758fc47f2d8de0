import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads the {@code mutations.xml} of each PIT run that {@code stress/mutation.sh} made and prints,
 * per run and per class, killed / survived / no coverage / timed out and the kill rate; writes
 * {@code summary.csv}, {@code summary.json} and {@code survivors.csv} beside the runs.
 *
 * <p>Run as a source file, so it needs no build: {@code java stress/mutation/MutationSummary.java
 * OUT_DIR RUN...}, where each RUN names a folder of OUT_DIR that holds a {@code mutations.xml}.
 *
 * <p>The kill rate is killed over every mutant PIT made. A timed-out mutant is counted apart and not
 * as a kill (PIT's own "mutation score" counts it as detected): a mutant that only hangs a test says
 * the tests noticed something, not that they checked the result.
 */
public final class MutationSummary {
    private static final List<String> COLUMNS = List.of("KILLED", "SURVIVED", "NO_COVERAGE", "TIMED_OUT", "OTHER");

    /** One mutant as PIT reported it. */
    record Mutant(String run, String className, String method, int line, String mutator, String description, String status) {}

    private MutationSummary() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: java MutationSummary.java OUT_DIR RUN...");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        List<Mutant> all = new ArrayList<>();
        List<String> runs = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            Path xml = out.resolve(args[i]).resolve("mutations.xml");
            if (!Files.isRegularFile(xml)) {
                System.err.println("mutation summary: " + xml + " is missing: did PIT finish that run?");
                System.exit(1);
            }
            runs.add(args[i]);
            all.addAll(read(args[i], xml));
        }
        PrintStream print = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        for (String run : runs) {
            table(print, run, all.stream().filter(m -> m.run().equals(run)).toList());
        }
        writeCsv(out.resolve("summary.csv"), runs, all);
        writeJson(out.resolve("summary.json"), runs, all);
        writeSurvivors(out.resolve("survivors.csv"), all);
        print.println("summary: " + out.resolve("summary.csv") + ", " + out.resolve("summary.json") + ", survivors: " + out.resolve("survivors.csv"));
    }

    static List<Mutant> read(String run, Path xml) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        var document = factory.newDocumentBuilder().parse(xml.toFile());
        NodeList nodes = document.getElementsByTagName("mutation");
        List<Mutant> mutants = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element mutation = (Element) nodes.item(i);
            String mutator = text(mutation, "mutator");
            mutants.add(new Mutant(run, topLevel(text(mutation, "mutatedClass")), text(mutation, "mutatedMethod"),
                    Integer.parseInt(text(mutation, "lineNumber")), mutator.substring(mutator.lastIndexOf('.') + 1), text(mutation, "description"),
                    mutation.getAttribute("status")));
        }
        return mutants;
    }

    private static String text(Element parent, String tag) {
        NodeList found = parent.getElementsByTagName(tag);
        return found.getLength() == 0 ? "" : found.item(0).getTextContent().strip();
    }

    /** Lambdas and nested classes are counted with the class whose source holds them. */
    private static String topLevel(String className) {
        int nested = className.indexOf('$');
        return nested < 0 ? className : className.substring(0, nested);
    }

    private static String column(String status) {
        return COLUMNS.contains(status) ? status : "OTHER";
    }

    static Map<String, long[]> countsByClass(List<Mutant> mutants) {
        Map<String, long[]> counts = new TreeMap<>();
        for (Mutant mutant : mutants) {
            counts.computeIfAbsent(mutant.className(), name -> new long[COLUMNS.size()])[COLUMNS.indexOf(column(mutant.status()))]++;
        }
        return counts;
    }

    private static long[] total(Map<String, long[]> counts) {
        long[] total = new long[COLUMNS.size()];
        counts.values().forEach(row -> {
            for (int i = 0; i < row.length; i++) {
                total[i] += row[i];
            }
        });
        return total;
    }

    private static double rate(long[] row) {
        long all = 0;
        for (long count : row) {
            all += count;
        }
        return all == 0 ? 0 : 100.0 * row[0] / all;
    }

    private static String shortName(String className) {
        return className.startsWith("dev.vigil.engine.") ? className.substring("dev.vigil.engine.".length()) : className;
    }

    private static void table(PrintStream print, String run, List<Mutant> mutants) {
        Map<String, long[]> counts = countsByClass(mutants);
        print.printf(Locale.ROOT, "%n%s tests as killers: %d mutants%n", run, mutants.size());
        String format = "  %-44s %7s %9s %12s %10s %6s %10s%n";
        print.printf(Locale.ROOT, format, "class", "killed", "survived", "no coverage", "timed out", "other", "kill rate");
        counts.forEach((name, row) -> print.printf(Locale.ROOT, format, shortName(name), row[0], row[1], row[2], row[3], row[4],
                String.format(Locale.ROOT, "%.1f %%", rate(row))));
        long[] total = total(counts);
        print.printf(Locale.ROOT, format, "all", total[0], total[1], total[2], total[3], total[4], String.format(Locale.ROOT, "%.1f %%", rate(total)));
    }

    private static void writeCsv(Path file, List<String> runs, List<Mutant> all) throws IOException {
        StringBuilder csv = new StringBuilder("run,class,killed,survived,no_coverage,timed_out,other,mutants,kill_rate_percent\n");
        for (String run : runs) {
            Map<String, long[]> counts = countsByClass(all.stream().filter(m -> m.run().equals(run)).toList());
            counts.forEach((name, row) -> csvRow(csv, run, name, row));
            csvRow(csv, run, "ALL", total(counts));
        }
        Files.writeString(file, csv.toString(), StandardCharsets.UTF_8);
    }

    private static void csvRow(StringBuilder csv, String run, String name, long[] row) {
        long mutants = 0;
        for (long count : row) {
            mutants += count;
        }
        csv.append(run).append(',').append(name);
        for (long count : row) {
            csv.append(',').append(count);
        }
        csv.append(',').append(mutants).append(',').append(String.format(Locale.ROOT, "%.1f", rate(row))).append('\n');
    }

    private static void writeJson(Path file, List<String> runs, List<Mutant> all) throws IOException {
        StringBuilder json = new StringBuilder("{\n  \"runs\": [\n");
        for (int r = 0; r < runs.size(); r++) {
            String run = runs.get(r);
            Map<String, long[]> counts = countsByClass(all.stream().filter(m -> m.run().equals(run)).toList());
            json.append("    {\"run\": \"").append(run).append("\", \"total\": ").append(jsonCounts(total(counts))).append(", \"classes\": {\n");
            List<String> names = new ArrayList<>(counts.keySet());
            for (int c = 0; c < names.size(); c++) {
                json.append("      \"").append(names.get(c)).append("\": ").append(jsonCounts(counts.get(names.get(c))))
                        .append(c + 1 < names.size() ? ",\n" : "\n");
            }
            json.append("    }}").append(r + 1 < runs.size() ? ",\n" : "\n");
        }
        json.append("  ]\n}\n");
        Files.writeString(file, json.toString(), StandardCharsets.UTF_8);
    }

    private static String jsonCounts(long[] row) {
        return String.format(Locale.ROOT, "{\"killed\": %d, \"survived\": %d, \"noCoverage\": %d, \"timedOut\": %d, \"other\": %d, \"killRatePercent\": %.1f}",
                row[0], row[1], row[2], row[3], row[4], rate(row));
    }

    /** Every mutant not killed, for the survivor analysis: one line each, sorted by class and line. */
    private static void writeSurvivors(Path file, List<Mutant> all) throws IOException {
        StringBuilder csv = new StringBuilder("run,status,class,line,method,mutator,description\n");
        all.stream().filter(m -> !m.status().equals("KILLED"))
                .sorted(Comparator.comparing(Mutant::run).thenComparing(Mutant::className).thenComparingInt(Mutant::line).thenComparing(Mutant::mutator))
                .forEach(m -> csv.append(m.run()).append(',').append(m.status()).append(',').append(shortName(m.className())).append(',')
                        .append(m.line()).append(',').append(quote(m.method())).append(',').append(m.mutator()).append(',')
                        .append(quote(m.description())).append('\n'));
        Files.writeString(file, csv.toString(), StandardCharsets.UTF_8);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
