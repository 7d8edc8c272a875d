package org.symtune.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code symtune demo}: the README's first command. Runs {@code reproduce --preset tiny} into
 * {@code runs/demo}, a study sized to finish in minutes on a laptop-class CPU, and prints the table.
 */
public final class DemoCommand implements Command {

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "the tiny study end to end in minutes (reproduce --preset tiny --out runs/demo)";
    }

    @Override
    public String usage() {
        return """
                usage: symtune demo [--out DIR]
                  Runs the whole study on the tiny preset: trains a tokenizer and a 1.3M-parameter model on Europarl,
                  instruction-tunes it (the baseline), symbol-tunes the baseline, evaluates both and prints them side
                  by side. Same as: symtune reproduce --preset tiny --out runs/demo. Run again to continue after an
                  interruption.
                  --out DIR   the study folder (default runs/demo)""";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args a = Args.parse(argv, Set.of("out"), Set.of());
        if (!a.positional().isEmpty()) throw new UsageException("unexpected argument '" + a.positional().get(0) + "'");
        List<String> args = new ArrayList<>(List.of("--preset", "tiny", "--out", a.get("out", "runs/demo")));
        return new ReproduceCommand().run(args, out, err);
    }
}
