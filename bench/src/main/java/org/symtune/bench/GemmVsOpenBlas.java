package org.symtune.bench;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.symtune.cli.Args;
import org.symtune.cli.UsageException;
import org.symtune.core.RelativeError;
import org.symtune.core.backend.Backends;
import org.symtune.core.backend.GemmKernels;
import org.symtune.core.blas.OpenBlas;
import org.symtune.core.blas.OpenBlasNotFoundException;
import org.symtune.core.parallel.Parallel;

/**
 * {@code symtune bench gemm}: GFLOP/s of our GEMM and OpenBLAS {@code cblas_sgemm} on transformer-sized
 * products, in one process and with the same thread count. After a JIT warm-up, each shape is warmed
 * up, then timed repeatedly with ours and OpenBLAS alternating (so load from other processes hits
 * both), keeping the best time of each; the two results are also checked against each other once per
 * shape.
 */
public final class GemmVsOpenBlas implements Bench {
    /** M×N×K of the products measured: square ones, and the projection/MLP shapes of a 768-wide model. */
    static final List<int[]> SHAPES = List.of(
            new int[] {512, 512, 512}, new int[] {1024, 1024, 1024}, new int[] {2048, 768, 768},
            new int[] {2048, 3072, 768}, new int[] {2048, 768, 3072});
    /** Largest relative Frobenius difference at which the two results count as agreeing. */
    static final double AGREEMENT = 1e-5;
    private static final long WARMUP_NANOS = 700_000_000L;
    /** Before the first shape: long enough for C2 to compile every kernel, even on a busy machine. */
    private static final long JIT_WARMUP_NANOS = 2_000_000_000L;
    private static final int MIN_WARMUP_ROUNDS = 3;

    @Override
    public String name() {
        return "gemm";
    }

    @Override
    public String summary() {
        return "GFLOP/s of our GEMM vs OpenBLAS cblas_sgemm, same threads, ratio per shape";
    }

    @Override
    public String usage() {
        return """
                usage: symtune bench gemm [--threads N] [--reps R] [--json]
                  C = A·B (row-major float32) at M×N×K = 512³, 1024³, 2048×768×768, 2048×3072×768, 2048×768×3072.
                  --threads N  threads for both libraries (default: symtune's thread count, %d here)
                  --reps R     timed repetitions per shape and library after warm-up; the best counts (default 20)
                  --json       one JSON object per shape on stdout (provenance goes to stderr)""".formatted(Parallel.threads());
    }

    /**
     * One shape's outcome; {@code openblasGflops}, {@code pairedRatio} and {@code relError} are NaN without
     * OpenBLAS. {@code pairedRatio} is the median over repetitions of OpenBLAS time / symtune time within
     * the same repetition: a second view of the ratio that is less sensitive to one lucky repetition.
     */
    record Result(int m, int n, int k, int threads, double symtuneGflops, double openblasGflops, double pairedRatio,
                  double relError) {
        String shape() {
            return m + "x" + n + "x" + k;
        }

        double ratio() {
            return symtuneGflops / openblasGflops;
        }

        boolean agrees() {
            return Double.isNaN(relError) || relError < AGREEMENT;
        }

        String json() {
            return String.format(Locale.ROOT,
                    "{\"shape\":\"%s\",\"threads\":%d,\"symtune_gflops\":%.2f,\"openblas_gflops\":%s,\"ratio\":%s}",
                    shape(), threads, symtuneGflops, number(openblasGflops, "%.2f"), number(ratio(), "%.4f"));
        }

        private static String number(double x, String format) {
            return Double.isNaN(x) ? "null" : String.format(Locale.ROOT, format, x);
        }
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws UsageException {
        Args args = Args.parse(argv, Set.of("threads", "reps"), Set.of("json"));
        if (!args.positional().isEmpty()) throw new UsageException("unexpected argument '" + args.positional().get(0) + "'");
        int threads = args.getInt("threads", Parallel.threads());
        int reps = args.getInt("reps", 20);
        if (threads < 1) throw new UsageException("--threads must be at least 1, got " + threads);
        if (reps < 1) throw new UsageException("--reps must be at least 1, got " + reps);
        boolean json = args.flag("json");
        PrintStream info = json ? err : out;

        OpenBlas blas = null;
        String blasNote;
        try {
            blas = OpenBlas.get();
            blasNote = blas.config() + " (" + blas.library() + ")";
        } catch (OpenBlasNotFoundException e) {
            blasNote = e.getMessage() + " -- reporting symtune alone";
        }
        info.println("symtune bench gemm: C = A·B, row-major float32; best of " + reps + " repetitions after warm-up"
                + (blas == null ? "" : ", symtune and OpenBLAS alternating"));
        for (Map.Entry<String, String> e : Provenance.describe().entrySet()) info.printf("  %-8s %s%n", e.getKey(), e.getValue());
        info.printf("  %-8s %d (%s)%n", "threads", threads, blas == null ? "symtune Parallel" : "symtune Parallel and OpenBLAS");
        info.printf("  %-8s %s%n", "openblas", blasNote);
        if (!json) {
            out.println();
            out.printf("%-16s %16s %17s %7s %7s   %s%n", "shape MxNxK", "symtune GFLOP/s", "OpenBLAS GFLOP/s", "ratio",
                    "paired", "results");
        }

        int savedThreads = Parallel.threads();
        int savedBlasThreads = blas == null ? 0 : blas.threads();
        int disagreements = 0;
        try {
            Parallel.setThreads(threads);
            if (blas != null) blas.setThreads(threads);
            warmUpCompiler(Backends.vector().gemm(), blas);
            for (int[] s : SHAPES) {
                Result r = measure(s[0], s[1], s[2], threads, reps, Backends.vector().gemm(), blas);
                if (!r.agrees()) disagreements++;
                if (json) {
                    out.println(r.json());
                } else {
                    out.println(row(r));
                }
                out.flush();
            }
        } finally {
            Parallel.setThreads(savedThreads);
            if (blas != null) blas.setThreads(savedBlasThreads);
        }
        if (!json) {
            out.println();
            out.println("ratio = symtune / OpenBLAS best GFLOP/s (above 1: symtune is faster); paired = median over repetitions"
                    + " of the same ratio within one repetition;");
            out.println("results agree when the relative Frobenius difference is below " + AGREEMENT);
        }
        if (disagreements > 0) {
            err.println("symtune bench gemm: " + disagreements + " shape(s) where symtune and OpenBLAS disagree");
            return 1;
        }
        return 0;
    }

    private static String row(Result r) {
        if (Double.isNaN(r.openblasGflops())) {
            return String.format(Locale.ROOT, "%-16s %16.1f %17s %7s %7s   %s", r.shape(), r.symtuneGflops(), "-", "-", "-",
                    "(no OpenBLAS)");
        }
        return String.format(Locale.ROOT, "%-16s %16.1f %17.1f %7.3f %7.3f   %s (rel. diff %.1e)", r.shape(),
                r.symtuneGflops(), r.openblasGflops(), r.ratio(), r.pairedRatio(), r.agrees() ? "agree" : "DISAGREE",
                r.relError());
    }

    static Result measure(int m, int n, int k, int threads, int reps, GemmKernels ours, OpenBlas blas) {
        SplittableRandom random = new SplittableRandom(31L * m + 17L * n + k);
        float[] a = randoms(m * k, random);
        float[] b = randoms(k * n, random);
        float[] cOurs = new float[m * n];
        float[] cTheirs = new float[m * n];
        Runnable symtune = () -> ours.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, cOurs, 0, n);
        Runnable openblas = blas == null ? null
                : () -> blas.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, cTheirs, 0, n);

        long warmupEnd = System.nanoTime() + WARMUP_NANOS;
        for (int round = 0; round < MIN_WARMUP_ROUNDS || System.nanoTime() < warmupEnd; round++) {
            symtune.run();
            if (openblas != null) openblas.run();
        }
        double relError = openblas == null ? Double.NaN : relativeDifference(cOurs, cTheirs);

        long bestOurs = Long.MAX_VALUE, bestTheirs = Long.MAX_VALUE;
        double[] paired = new double[reps];
        for (int rep = 0; rep < reps; rep++) {
            // Alternate who goes first, so neither always runs right after the other's cache traffic.
            long theirTime = openblas != null && rep % 2 == 1 ? time(openblas) : 0;
            long ourTime = time(symtune);
            if (openblas != null && rep % 2 == 0) theirTime = time(openblas);
            bestOurs = Math.min(bestOurs, ourTime);
            if (openblas != null) bestTheirs = Math.min(bestTheirs, theirTime);
            paired[rep] = (double) theirTime / ourTime;
        }
        Arrays.sort(paired);
        double flops = 2.0 * m * n * k;
        return new Result(m, n, k, threads, flops / bestOurs, openblas == null ? Double.NaN : flops / bestTheirs,
                openblas == null ? Double.NaN : paired[reps / 2], relError);
    }

    /** Runs both libraries on a mid-sized product until the JIT has had time to compile our kernels. */
    private static void warmUpCompiler(GemmKernels ours, OpenBlas blas) {
        int n = 384;
        SplittableRandom random = new SplittableRandom(1);
        float[] a = randoms(n * n, random), b = randoms(n * n, random), c = new float[n * n];
        long end = System.nanoTime() + JIT_WARMUP_NANOS;
        while (System.nanoTime() < end) {
            ours.sgemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
            if (blas != null) blas.sgemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
        }
    }

    private static long time(Runnable r) {
        long start = System.nanoTime();
        r.run();
        return Math.max(1, System.nanoTime() - start);
    }

    static double relativeDifference(float[] x, float[] reference) {
        return RelativeError.of(reference, x);
    }

    private static float[] randoms(int length, SplittableRandom random) {
        float[] x = new float[length];
        for (int i = 0; i < length; i++) x[i] = (float) random.nextDouble(-1, 1);
        return x;
    }
}
