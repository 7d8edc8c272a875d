package org.symtune.core.gpu;

import java.util.List;
import org.symtune.core.gpu.cuda.CudaDevice;
import org.symtune.core.gpu.opencl.OpenClDevice;

/**
 * The one place a {@link ComputeDevice} is opened by API name, so that commands and the trainer take a
 * {@code --backend} string and a new API is wired in here only.
 */
public final class Devices {
    /** The device APIs a run can ask for. */
    public static final List<String> APIS = List.of("opencl", "cuda");

    private Devices() {
    }

    /**
     * Opens the first device of {@code api} ({@code "opencl"} or {@code "cuda"}).
     *
     * @throws GpuUnavailableException when the API's driver, a device or the backend itself is missing
     * @throws IllegalArgumentException for an unknown API name
     */
    public static ComputeDevice open(String api) {
        return switch (api) {
            case "opencl" -> OpenClDevice.open();
            case "cuda" -> CudaDevice.open();
            default -> throw new IllegalArgumentException("unknown device API '" + api + "'; expected one of " + APIS);
        };
    }
}
