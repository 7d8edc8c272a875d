package org.symtune.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.symtune.core.Tensor;
import org.symtune.core.backend.Backend;
import org.symtune.core.backend.Backends;
import org.symtune.core.gpu.ComputeDevice;
import org.symtune.core.gpu.DeviceOps;
import org.symtune.core.gpu.Devices;
import org.symtune.model.checkpoint.Checkpoint;
import org.symtune.model.checkpoint.Parity;
import org.symtune.model.checkpoint.ParityInputs;
import org.symtune.model.device.DeviceTransformer;

/**
 * {@code symtune parity}: one forward and backward pass of a checkpoint on given inputs, written as
 * safetensors for comparison with PyTorch (see {@link Parity}).
 */
public final class ParityCommand implements Command {

    @Override
    public String name() {
        return "parity";
    }

    @Override
    public String summary() {
        return "write logits, loss and every gradient of a checkpoint on given inputs (debug state for PyTorch parity)";
    }

    @Override
    public String usage() {
        return """
                usage: symtune parity --model DIR --inputs inputs.json --out out.safetensors [--backend scalar|vector|opencl|cuda]
                  --model    a checkpoint folder: ours or Hugging Face GPT-2 / Llama (config.json + model.safetensors or shards)
                  --inputs   {"input_ids": [[...], ...], "targets": [[...], ...]}: rows of equal length, one target per
                             position (negative: no target there)
                  --out      written atomically: logits [B,T,V], loss [] (mean cross-entropy over the positions with a
                             target) and grad.<name> for every stored parameter, in the checkpoint's own names and layouts
                  --backend  scalar (reference loops) or vector (Vector API); default: the fastest for this machine;
                             opencl or cuda run the pass on the first device of that API (the same file, device rounding)
                  Dropout is off, as in PyTorch's eval mode.""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Args a = Args.parse(args, Set.of("model", "inputs", "out", "backend"), Set.of());
        if (!a.positional().isEmpty()) throw new UsageException("unexpected argument '" + a.positional().get(0) + "'");
        Path model = Path.of(required(a, "model"));
        Path inputs = Path.of(required(a, "inputs"));
        Path outFile = Path.of(required(a, "out"));
        String backendName = a.get("backend", null);
        Backend backend = null;
        if (backendName == null) {
            backend = Backends.best();
        } else if (backendName.equals("scalar") || backendName.equals("vector")) {
            backend = Backends.byName(backendName);
        } else if (!Devices.APIS.contains(backendName)) {
            throw new UsageException("--backend must be scalar, vector, opencl or cuda, got '" + backendName + "'");
        }

        Checkpoint checkpoint = Checkpoint.load(model);
        ParityInputs in = ParityInputs.read(inputs, checkpoint.config());
        Map<String, Tensor> result;
        String ranOn;
        if (backend != null) {
            result = Parity.run(checkpoint, in, backend);
            ranOn = backend.name();
        } else {
            DeviceTransformer.requireSupported(checkpoint.config());
            try (ComputeDevice device = Devices.open(backendName)) {
                result = Parity.run(checkpoint, in, new DeviceOps(device));
                ranOn = device.name();
            }
        }
        Parity.write(result, outFile, ranOn);
        out.printf("parity: %s, read as the %s%n", model, checkpoint.layout());
        out.printf("parity: %d x %d tokens on %s: loss %.7f; wrote logits, loss and %d gradients to %s%n",
                in.inputIds().length, in.inputIds()[0].length, ranOn,
                result.get("loss").data()[result.get("loss").offset()], result.size() - 2, outFile);
        return 0;
    }

    private static String required(Args a, String name) throws UsageException {
        String v = a.get(name, null);
        if (v == null) throw new UsageException("--" + name + " is required");
        return v;
    }
}
