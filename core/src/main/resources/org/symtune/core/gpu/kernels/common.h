/*
 * Helpers shared by the op files. Every reduction runs in a fixed order that depends only on the work-group
 * size and the problem size, never on scheduling, so results are bit-identical from run to run. No float
 * atomics anywhere.
 */

#define IMIN(a, b) ((a) < (b) ? (a) : (b))
#define IMAX(a, b) ((a) > (b) ? (a) : (b))

/* Work-group size of the row kernels (one group per row); a power of two. */
#define ROW_GROUP 256

/* Column kernels: groups of COL_TILE columns x COL_LANES lanes; lane l sums rows l, l + COL_LANES, ... */
#define COL_TILE 16
#define COL_LANES 16

/* Sums v over a one-dimensional work group of ROW_GROUP items in a fixed tree order; every item gets the sum. */
DEVICE_FN float group_sum(LOCAL_PTR float* scratch, float v, int lid) {
    scratch[lid] = v;
    BARRIER();
    for (int s = ROW_GROUP / 2; s > 0; s >>= 1) {
        if (lid < s) scratch[lid] += scratch[lid + s];
        BARRIER();
    }
    float total = scratch[0];
    BARRIER(); /* the scratch may be reused as soon as this returns */
    return total;
}

/* The largest v over a one-dimensional work group of ROW_GROUP items; every item gets it. */
DEVICE_FN float group_max(LOCAL_PTR float* scratch, float v, int lid) {
    scratch[lid] = v;
    BARRIER();
    for (int s = ROW_GROUP / 2; s > 0; s >>= 1) {
        if (lid < s) scratch[lid] = FMAX(scratch[lid], scratch[lid + s]);
        BARRIER();
    }
    float m = scratch[0];
    BARRIER();
    return m;
}

/*
 * Sums the COL_LANES partials of each column of a COL_TILE x COL_LANES group (scratch holds
 * COL_LANES * COL_TILE floats) in a fixed tree order; the item of lane 0 gets the column's total.
 */
DEVICE_FN float lanes_sum(LOCAL_PTR float* scratch, float v, int col, int lane) {
    scratch[lane * COL_TILE + col] = v;
    BARRIER();
    for (int s = COL_LANES / 2; s > 0; s >>= 1) {
        if (lane < s) scratch[lane * COL_TILE + col] += scratch[(lane + s) * COL_TILE + col];
        BARRIER();
    }
    float total = scratch[col];
    BARRIER();
    return total;
}
