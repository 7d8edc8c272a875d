package org.symtune.core.gpu.cuda;

/**
 * The launch limits of a CUDA device: threads per block, and the largest block and grid in each dimension.
 */
record DeviceLimits(int maxThreadsPerBlock, int maxBlockX, int maxBlockY, int maxBlockZ,
                    int maxGridX, int maxGridY, int maxGridZ) {

    /** The limits of every device of compute capability 3.0 and later, as the CUDA programming guide lists them. */
    static DeviceLimits typical() {
        return new DeviceLimits(1024, 1024, 1024, 64, Integer.MAX_VALUE, 65535, 65535);
    }

    int maxBlock(int dim) {
        return switch (dim) {
            case 0 -> maxBlockX;
            case 1 -> maxBlockY;
            default -> maxBlockZ;
        };
    }

    int maxGrid(int dim) {
        return switch (dim) {
            case 0 -> maxGridX;
            case 1 -> maxGridY;
            default -> maxGridZ;
        };
    }
}
