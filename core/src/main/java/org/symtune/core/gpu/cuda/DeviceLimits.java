package org.symtune.core.gpu.cuda;

/**
 * The launch limits of a CUDA device: threads per block, and the largest block and grid in each dimension.
 */
record DeviceLimits(int maxThreadsPerBlock, int maxBlockX, int maxBlockY, int maxBlockZ,
                    int maxGridX, int maxGridY, int maxGridZ) {

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
