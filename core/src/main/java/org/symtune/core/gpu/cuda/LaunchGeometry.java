package org.symtune.core.gpu.cuda;

/**
 * A CUDA launch shape: a grid of blocks and the threads of each block, in three dimensions. It is made
 * from an OpenCL-style NDRange, so that a kernel written in the shared dialect sees the same global and
 * local ids under both APIs: block size = work-group size, grid size = global size / work-group size.
 */
record LaunchGeometry(int gridX, int gridY, int gridZ, int blockX, int blockY, int blockZ) {

    /**
     * The launch shape of an NDRange of {@code global} work items in work groups of {@code local}.
     *
     * @throws IllegalArgumentException when the ranges have 0 or more than 3 dimensions or differ in length,
     *                                  a size is not positive, a global size is not a multiple of its local
     *                                  size, or the shape exceeds the device's limits
     */
    static LaunchGeometry of(long[] global, long[] local, DeviceLimits limits) {
        if (global == null || local == null) {
            throw new IllegalArgumentException("launch: global and local sizes are both required (local was "
                    + (local == null ? "null" : "given") + ", global was " + (global == null ? "null" : "given") + ")");
        }
        if (global.length < 1 || global.length > 3 || global.length != local.length) {
            throw new IllegalArgumentException("launch: global and local sizes need the same number of dimensions,"
                    + " 1 to 3; got " + global.length + " and " + local.length);
        }
        int[] grid = {1, 1, 1}, block = {1, 1, 1};
        long threads = 1;
        for (int d = 0; d < global.length; d++) {
            long g = global[d], l = local[d];
            if (g < 1 || l < 1) {
                throw new IllegalArgumentException("launch: sizes must be positive; dimension " + d + " has global "
                        + g + " and local " + l);
            }
            if (g % l != 0) {
                throw new IllegalArgumentException("launch: global size " + g + " in dimension " + d
                        + " is not a multiple of the work-group size " + l + " (round it up to " + ((g + l - 1) / l * l)
                        + " and let the kernel skip the extra work items)");
            }
            if (l > limits.maxBlock(d)) {
                throw new IllegalArgumentException("launch: work-group size " + l + " in dimension " + d
                        + " exceeds the device's block limit " + limits.maxBlock(d));
            }
            long blocks = g / l;
            if (blocks > limits.maxGrid(d)) {
                throw new IllegalArgumentException("launch: " + blocks + " work groups in dimension " + d
                        + " exceed the device's grid limit " + limits.maxGrid(d));
            }
            grid[d] = (int) blocks;
            block[d] = (int) l;
            threads *= l;
        }
        if (threads > limits.maxThreadsPerBlock()) {
            throw new IllegalArgumentException("launch: a work group of " + threads + " work items exceeds the device's "
                    + limits.maxThreadsPerBlock() + " threads per block");
        }
        return new LaunchGeometry(grid[0], grid[1], grid[2], block[0], block[1], block[2]);
    }
}
