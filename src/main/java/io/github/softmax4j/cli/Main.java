package io.github.softmax4j.cli;

import io.github.softmax4j.LogSumExp;
import io.github.softmax4j.Softmax;
import io.github.softmax4j.SoftmaxCrossEntropy;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The command line: {@code java -jar softmax4j.jar --logits 2,1,0.1 [--target 0.7,0.2,0.1 | --label 0]}
 * prints log-sum-exp, softmax and log-softmax and, with a target or a label, the cross-entropy loss and its
 * gradient, one labelled line each, every number in full precision ({@link Double#toString(double)}, which
 * reads back as the same double).
 */
public final class Main {
    private Main() {}

    /** Exit status for a usage or input error. */
    static final int USAGE = 2;

    static final String HELP = String.join(System.lineSeparator(),
            "Usage: java -jar softmax4j.jar --logits U1,U2,... [--target P1,P2,... | --label Y]",
            "",
            "Prints, one labelled line each and in full precision:",
            "  logsumexp    log sum_j exp(u_j)",
            "  softmax      exp(u_k - logsumexp)",
            "  log_softmax  u_k - logsumexp",
            "and, with --target p (weights, usually a probability vector) or --label y (a class index):",
            "  loss         sum(p) logsumexp - <p, u>   (logsumexp - u_y for a label)",
            "  gradient     sum(p) softmax - p          (softmax - e_y for a label)",
            "",
            "Numbers are comma-separated decimals; inf, -inf and nan are accepted.",
            "Exit status: 0 on success, 2 on a usage or input error (one line on standard error).");

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the command line, writing results to {@code out} and errors to {@code err}; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            runChecked(args, out);
            return 0;
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            err.println("softmax4j: " + e.getMessage());
            return USAGE;
        }
    }

    private static void runChecked(String[] args, PrintStream out) {
        double[] logits = null;
        double[] target = null;
        Integer label = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq != -1) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "-h", "--help" -> {
                    out.println(HELP);
                    return;
                }
                case "--logits", "--target", "--label" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException(name + " needs a value (see --help)");
                        }
                        value = args[++i];
                    }
                    if (name.equals("--logits")) {
                        logits = parseNumbers(value, name);
                    } else if (name.equals("--target")) {
                        target = parseNumbers(value, name);
                    } else {
                        label = parseLabel(value);
                    }
                }
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "' (see --help)");
            }
        }
        if (logits == null) {
            throw new IllegalArgumentException("--logits is required (see --help)");
        }
        if (target != null && label != null) {
            throw new IllegalArgumentException("give --target or --label, not both");
        }
        // compute everything before printing, so that an input error prints nothing but its line
        String[] lines = {
            line("logsumexp", LogSumExp.of(logits)),
            line("softmax", Softmax.of(logits)),
            line("log_softmax", Softmax.log(logits)),
            null,
            null,
        };
        if (target != null) {
            double[] gradient = new double[logits.length];
            lines[3] = line("loss", SoftmaxCrossEntropy.valueAndGradient(target, logits, gradient));
            lines[4] = line("gradient", gradient);
        } else if (label != null) {
            double[] gradient = new double[logits.length];
            lines[3] = line("loss", SoftmaxCrossEntropy.valueAndGradient(label, logits, gradient));
            lines[4] = line("gradient", gradient);
        }
        for (String line : lines) {
            if (line != null) {
                out.println(line);
            }
        }
    }

    static double[] parseNumbers(String text, String option) {
        if (text.isBlank()) {
            return new double[0];
        }
        String[] parts = text.split(",", -1);
        double[] values = new double[parts.length];
        for (int j = 0; j < parts.length; j++) {
            values[j] = parseNumber(parts[j].trim(), option);
        }
        return values;
    }

    private static double parseNumber(String s, String option) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            case "nan" -> {
                return Double.NaN;
            }
            default -> {
                // Double.parseDouble also takes hex floats and a trailing 'd' or 'f'; only plain decimals are numbers here
                if (!s.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                    throw new IllegalArgumentException(option + ": '" + s + "' is not a number");
                }
                return Double.parseDouble(s);
            }
        }
    }

    private static int parseLabel(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--label: '" + s + "' is not a class index");
        }
    }

    private static String line(String name, double value) {
        return name + ": " + value;
    }

    private static String line(String name, double[] values) {
        StringBuilder b = new StringBuilder(name).append(':');
        for (int j = 0; j < values.length; j++) {
            b.append(j == 0 ? " " : ", ").append(values[j]);
        }
        return b.toString();
    }
}
